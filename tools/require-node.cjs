/*
 * The Node guard: every npm script of this project runs it first (a `pre<script>` hook in
 * package.json), so that on a Node older than the project needs, `npm run build`, `npm test` and
 * the rest stop at once with one line saying which Node to get and how, instead of failing minutes
 * later with loader errors from the Salesforce CLI, jsforce or the checks. `npm ci` is stopped
 * earlier still by `engine-strict=true` in .npmrc (npm refuses before it downloads anything).
 *
 * It also stops a script run before `npm ci` (no node_modules yet) with one line saying so.
 *
 * Written for any old Node (no const/let, arrow functions or template strings): it must be able to
 * say "too old" on the Node it rejects. Exit 1 with one line on stderr, or exit 0 silently.
 *
 * MINIMUM is the lowest Node 22 that every installed dependency's `engines` accepts (the
 * lockfile's @inquirer packages under @salesforce/sf-plugins-core ask for ^22.22.2), and
 * MAXIMUM_MAJOR the highest major they all accept: 23 is refused by those @inquirer packages
 * (`^22.22.2 || ^24.15.0 || >=26`) and 24+ by @flow-scanner/lightning-flow-scanner-core
 * (`^18 || ^20 || ^22 || ^23`), so `npm ci` under engine-strict accepts Node 22 only.
 * tools/test/require-node.test.ts recomputes both from package-lock.json and fails when a
 * dependency update moves them.
 */
'use strict';

var fs = require('fs');
var path = require('path');

var MINIMUM = [22, 22, 2];
var MAXIMUM_MAJOR = 22;

var HOW_TO_GET = 'nvm install (reads .nvmrc) or the LTS 22 from https://nodejs.org/en/download';

/** "v20.20.2" or "20.20.2" → [20, 20, 2]; missing parts count as 0. */
function parseVersion(version) {
  var parts = String(version).replace(/^v/, '').split('.');
  var numbers = [];
  for (var i = 0; i < 3; i++) {
    var n = parseInt(parts[i], 10);
    numbers.push(isNaN(n) ? 0 : n);
  }
  return numbers;
}

function isSupported(version) {
  var actual = parseVersion(version);
  if (actual[0] > MAXIMUM_MAJOR) return false;
  for (var i = 0; i < 3; i++) {
    if (actual[i] !== MINIMUM[i]) return actual[i] > MINIMUM[i];
  }
  return true;
}

/** The one line for a Node the project cannot run on (too old, or a major its tools refuse). */
function tooOldMessage(version) {
  return (
    'Close Won needs Node ' +
    MINIMUM[0] +
    ' (' +
    MINIMUM.join('.') +
    ' or a newer ' +
    MAXIMUM_MAJOR +
    '.x), this is Node ' +
    String(version).replace(/^v/, '') +
    ': get it with ' +
    HOW_TO_GET +
    ', then run npm ci.'
  );
}

/** The one line, or undefined when the project can run here. */
function problem(version, projectDir) {
  if (!isSupported(version)) return tooOldMessage(version);
  if (!fs.existsSync(path.join(projectDir, 'node_modules', '.package-lock.json'))) {
    return (
      'Close Won: the dependencies are not installed; run npm ci first (Node ' + MINIMUM[0] + ').'
    );
  }
  return undefined;
}

module.exports = {
  MINIMUM: MINIMUM,
  MAXIMUM_MAJOR: MAXIMUM_MAJOR,
  parseVersion: parseVersion,
  isSupported: isSupported,
  tooOldMessage: tooOldMessage,
  problem: problem,
};

if (require.main === module) {
  var line = problem(process.versions.node, path.resolve(__dirname, '..'));
  if (line) {
    process.stderr.write(line + '\n');
    process.exit(1);
  }
}
