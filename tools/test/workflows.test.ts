/**
 * Proves the `workflows` check fails on each planted defect of tools/fixtures/workflows/
 * project-broken (an unknown action input, a `needs` naming no job, the secrets context where
 * GitHub forbids it, a misspelt context property, YAML that does not parse, an unquoted variable
 * in a run step and in a script, an unknown runner label, a `cd` unguarded where bash runs without
 * -e), naming file, line and rule; passes on project-clean (a declared runner label, `cd` under -e,
 * unquoted runner-set variables); and fails, not skips, without shellcheck under CI.
 *
 * The shellcheck cases need Debian's `shellcheck`: they run where it is installed and wherever
 * CI is set (.ci/run installs it), and are skipped on a developer's machine without it.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  blankExpressions,
  extractRunSteps,
  shellDialect,
  shellExitsOnError,
} from '../checks/lib/workflow-run-steps';
import { findShellcheck } from '../checks/lib/shellcheck';
import { lintWorkflows, listShellScripts, shellcheckRequired } from '../checks/workflows';

const fixture = (name: string): string =>
  path.resolve(__dirname, '..', 'fixtures', 'workflows', name);
const shellcheck = findShellcheck();
const describeWithShellcheck = shellcheck || shellcheckRequired() ? describe : describe.skip;

/** file, line and rule of each finding, in the check's order. */
const where = (findings: { file: string; line?: number; rule: string }[]): string[] =>
  findings.map((finding) => `${finding.file}:${finding.line ?? '-'} ${finding.rule}`);

const ACTIONLINT_DEFECTS = [
  '.github/workflows/ci.yml:18 action',
  '.github/workflows/ci.yml:22 job-needs',
  '.github/workflows/ci.yml:29 expression',
  '.github/workflows/ci.yml:40 expression',
  '.github/workflows/ci.yml:44 runner-label',
  '.github/workflows/release.yml:12 syntax-check',
];

describe('workflows check', () => {
  it('reports each planted actionlint defect with its file, line and rule', async () => {
    const result = await lintWorkflows(fixture('project-broken'), {
      shellcheck: null,
      shellcheckRequired: false,
    });

    expect(where(result.findings)).toEqual(ACTIONLINT_DEFECTS);
    const messages = result.findings.map((finding) => finding.message);
    expect(messages[0]).toMatch(
      /input "node-version-fil" is not defined in action "actions\/setup-node@v4"/,
    );
    expect(messages[1]).toMatch(/job "deploy" needs job "gate" which does not exist/);
    expect(messages[2]).toMatch(/context "secrets" is not allowed here/);
    expect(messages[3]).toMatch(/property "refname" is not defined/);
    expect(messages[4]).toMatch(/label "ubuntu-lastest" is unknown/);
    expect(messages[5]).toMatch(/could not parse as YAML.*yaml: Sequence item without - indicator/);
    expect(result.summary).toMatch(
      /shellcheck NOT FOUND: 5 run steps and 1 shell scripts NOT checked/,
    );
    expect(result.summary).toMatch(/CI fails without it/);
  });

  describeWithShellcheck('with shellcheck (skipped outside CI when it is not installed)', () => {
    it('adds SC2086 in a run step and a script, SC2164 where bash runs without -e', async () => {
      const result = await lintWorkflows(fixture('project-broken'), {
        shellcheck,
        shellcheckRequired: true,
      });

      expect(where(result.findings)).toEqual([
        ...ACTIONLINT_DEFECTS.slice(0, 3),
        '.github/workflows/ci.yml:37 SC2086',
        ...ACTIONLINT_DEFECTS.slice(3, 5),
        '.github/workflows/ci.yml:50 SC2164',
        ...ACTIONLINT_DEFECTS.slice(5),
        'scripts/deploy.sh:5 SC2086',
      ]);
      const runStep = result.findings.find((finding) => finding.line === 37);
      expect(runStep?.message).toBe(
        'shellcheck info: Double quote to prevent globbing and word splitting. ' +
          '(run step "Deploy" of job deploy, bash)',
      );
      expect(result.summary).toMatch(/5 run steps and 1 shell scripts shellchecked/);
    });

    it('passes on a clean project, other shells counted and not shellchecked', async () => {
      const result = await lintWorkflows(fixture('project-clean'), {
        shellcheck,
        shellcheckRequired: true,
      });

      expect(result.findings).toEqual([]);
      expect(result.summary).toMatch(
        /^1 workflows linted .*; 3 run steps and 2 shell scripts shellchecked \(shellcheck .*\), 2 non-sh run steps not shellchecked; runner labels of the organisation's own runners not checked \(declare them in \.github\/actionlint\.yaml to check\): acme-Ubuntu; 0 issues$/,
      );
    });
  });

  it('fails, not skips, when shellcheck is missing under CI', async () => {
    const result = await lintWorkflows(fixture('project-clean'), {
      shellcheck: null,
      shellcheckRequired: true,
    });

    expect(where(result.findings)).toEqual(['.ci/run:- shellcheck-missing']);
    expect(result.findings[0].message).toMatch(/3 run steps and 2 shell scripts went unchecked/);
    expect(result.findings[0].message).toMatch(/apt-get install shellcheck/);
  });

  it('requires shellcheck when CI or CLOSE_WON_CI is set', () => {
    expect(shellcheckRequired({ CI: 'true' })).toBe(true);
    expect(shellcheckRequired({ CLOSE_WON_CI: '1' })).toBe(true);
    expect(shellcheckRequired({})).toBe(false);
  });

  it('finds scripts by extension and an extensionless one by its shebang', () => {
    expect(listShellScripts(fixture('project-clean'))).toEqual(['.ci/run', 'scripts/deploy.sh']);
  });
});

describe('workflow run steps', () => {
  const workflow = [
    'on: push', //                                  1
    'defaults:', //                                 2
    '  run:', //                                    3
    '    shell: sh', //                                4
    'jobs:', //                                     5
    '  build:', //                                  6
    '    runs-on: ubuntu-latest', //                7
    '    defaults:', //                             8
    '      run:', //                                9
    '        shell: bash', //                       10
    '    steps:', //                                11
    '      - name: Two lines', //                   12
    '        run: |', //                            13
    '          echo one', //                        14
    '          echo "${{ github.sha }}"', //        15
    '      - run: echo inline', //                  16
    '        shell: pwsh', //                       17
    '  other:', //                                  18
    '    runs-on: ubuntu-latest', //                19
    '    steps:', //                                20
    '      - id: plain', //                         21
    '        run: echo $HOME', //                   22
  ].join('\n');

  it('maps each script to its first workflow line and picks the shell GitHub would', () => {
    const steps = extractRunSteps(workflow);

    expect(
      steps.map((step) => [step.job, step.step, step.firstLine, step.shell, step.dialect]),
    ).toEqual([
      ['build', 'Two lines', 14, 'bash', 'bash'],
      ['build', 'step 2', 16, 'pwsh', null],
      ['other', 'plain', 22, 'sh', 'sh'],
    ]);
    expect(steps[0].script).toBe(`echo one\necho "${'_'.repeat('${{ github.sha }}'.length)}"\n`);
  });

  it('replaces each expression by underscores of the same length', () => {
    expect(blankExpressions('a ${{ x }} b ${{ y\n}}')).toBe('a ________ b _____\n__');
  });

  it('knows where GitHub runs the script with -e', () => {
    expect(shellExitsOnError('bash')).toBe(true);
    expect(shellExitsOnError('sh')).toBe(true);
    expect(shellExitsOnError('bash --noprofile --norc -eo pipefail {0}')).toBe(true);
    expect(shellExitsOnError('bash {0}')).toBe(false);
    expect(shellExitsOnError('pwsh')).toBe(false);
  });

  it('knows bash and sh in their GitHub spellings and nothing else', () => {
    expect(shellDialect('bash')).toBe('bash');
    expect(shellDialect('bash --noprofile --norc -eo pipefail {0}')).toBe('bash');
    expect(shellDialect('sh -e {0}')).toBe('sh');
    expect(shellDialect('pwsh')).toBeNull();
    expect(shellDialect('python')).toBeNull();
  });

  it('returns no steps for YAML that does not parse', () => {
    expect(extractRunSteps('jobs:\n  a:\n    steps:\n      - run: x\n     bad: 1\n')).toEqual([]);
  });
});

describeWithShellcheck('on a copy of this project’s own workflows and scripts', () => {
  const root = path.resolve(__dirname, '..', '..');
  let copy: string;

  beforeEach(() => {
    copy = mkdtempSync(path.join(os.tmpdir(), 'close-won-workflows-'));
    for (const entry of ['sfdx-project.json', '.github', '.ci']) {
      cpSync(path.join(root, entry), path.join(copy, entry), { recursive: true });
    }
    mkdirSync(path.join(copy, 'scripts'));
    cpSync(path.join(root, 'scripts', 'org-gate.sh'), path.join(copy, 'scripts', 'org-gate.sh'));
  });

  afterEach(() => rmSync(copy, { recursive: true, force: true }));

  /** Replaces `from` by `to` in a copied file; returns the 1-based line of the change. */
  const plant = (file: string, from: string, to: string): number => {
    const full = path.join(copy, file);
    const text = readFileSync(full, 'utf8');
    const at = text.indexOf(from);
    expect(at).toBeGreaterThanOrEqual(0);
    writeFileSync(full, text.slice(0, at) + to + text.slice(at + from.length));
    return text.slice(0, at).split('\n').length;
  };

  const lint = () => lintWorkflows(copy, { shellcheck, shellcheckRequired: true });

  it('passes unmodified', async () => {
    expect((await lint()).findings).toEqual([]);
  });

  it('catches an unquoted variable in the org gate’s clean-up step and in the login script', async () => {
    const stepLine = plant(
      '.github/workflows/gates.yml',
      '--target-org "$SCRATCH_ALIAS"',
      '--target-org $SCRATCH_ALIAS',
    );
    const scriptLine = plant(
      '.github/scripts/devhub-login.sh',
      '--alias "$alias" \\\n      --set-default-dev-hub >/dev/null\n  else',
      '--alias $alias \\\n      --set-default-dev-hub >/dev/null\n  else',
    );

    expect(where((await lint()).findings)).toEqual([
      `.github/scripts/devhub-login.sh:${scriptLine} SC2086`,
      `.github/workflows/gates.yml:${stepLine} SC2086`,
    ]);
  });

  it('catches the secrets context moved into a step condition of the release', async () => {
    const line = plant(
      '.github/workflows/release.yml',
      '      - name: Log in to the Dev Hub\n',
      "      - name: Log in to the Dev Hub\n        if: secrets.DEVHUB_SFDX_AUTH_URL != ''\n",
    );

    expect(where((await lint()).findings)).toEqual([
      `.github/workflows/release.yml:${line + 1} expression`,
    ]);
  });
});
