#!/usr/bin/env bash
# The org gate: create a scratch org, deploy, run the Apex tests with coverage, seed, close and
# verify through the package's own close action, then delete the org — always, even on failure.
#
# Needs a Dev Hub the Salesforce CLI is logged in to (`sf org login web --set-default-dev-hub`),
# or DEV_HUB=<alias|username>. Run it with `npm run org:gate`. CI runs it from
# .github/workflows/org-gate.yml. It has NOT been run from the machines this package is built on:
# they reach no Salesforce org.
set -euo pipefail
cd "$(dirname "$0")/.."

ALIAS="${SCRATCH_ALIAS:-close-won-gate-$(date +%s)}"
COVERAGE_TARGET="${COVERAGE_TARGET:-95}"
OUT="build/org-gate"
SF="node_modules/.bin/sf"
export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true
mkdir -p "$OUT"

hub_flag=()
if [ -n "${DEV_HUB:-}" ]; then hub_flag=(--target-dev-hub "$DEV_HUB"); fi

cleanup() {
  echo "org-gate: deleting scratch org $ALIAS"
  "$SF" org delete scratch --target-org "$ALIAS" --no-prompt >/dev/null 2>&1 || true
}

echo "org-gate: creating scratch org $ALIAS"
"$SF" org create scratch --definition-file config/project-scratch-def.json --alias "$ALIAS" \
  --duration-days 1 --wait 20 "${hub_flag[@]}"
trap cleanup EXIT

echo "org-gate: building LWC JavaScript from TypeScript"
npm run --silent build:lwc

echo "org-gate: deploying force-app and the unpackaged seed fields"
"$SF" project deploy start --target-org "$ALIAS" --wait 30

echo "org-gate: assigning the admin and seed-field permission sets to the scratch org user"
"$SF" org assign permset --name Close_Won_Admin --name Close_Won_Seed --target-org "$ALIAS"

echo "org-gate: running Apex tests with coverage (target ${COVERAGE_TARGET}%)"
# The CLI exits non-zero when a test fails; keep going so the summary below names the failures.
"$SF" apex run test --target-org "$ALIAS" --test-level RunLocalTests --code-coverage \
  --result-format json --output-dir "$OUT" --wait 60 >"$OUT/apex-test-result.json" || true
node -e '
  const fs = require("node:fs");
  const [file, target] = process.argv.slice(1);
  const { result } = JSON.parse(fs.readFileSync(file, "utf8"));
  const summary = result.summary;
  const coverage = Number(String(summary.orgWideCoverage ?? summary.testRunCoverage).replace("%", ""));
  console.log(`org-gate: Apex ${summary.outcome}: ${summary.passing} passed, ${summary.failing} failed, coverage ${coverage}%`);
  for (const test of result.tests ?? []) {
    if (test.Outcome !== "Pass") console.error(`  FAIL ${test.FullName}: ${test.Message ?? ""}`);
  }
  if (summary.failing > 0 || summary.outcome !== "Passed") process.exit(1);
  if (!(coverage >= Number(target))) {
    console.error(`org-gate: coverage ${coverage}% is below the target ${target}%`);
    process.exit(1);
  }
' "$OUT/apex-test-result.json" "$COVERAGE_TARGET"

echo "org-gate: seeding"
npm run --silent seed -- --target-org "$ALIAS" --json >"$OUT/seed.json"

echo "org-gate: closing and verifying"
npm run --silent verify -- --target-org "$ALIAS" --json >"$OUT/verify.json"

echo "org-gate: auditing"
npm run --silent audit -- --target-org "$ALIAS" --json >"$OUT/audit.json"

echo "org-gate: passed"
