/**
 * The precision measurement (tools/precision) and the false-claim fixes it led to.
 * - The known-claims comparison fails on a finding nobody listed and on a listing that no longer
 *   occurs; house rules are set apart; a check that throws is reported as "could not run".
 * - A bare git directory is laid out as a project from its HEAD tree.
 * - Each fix of a false claim on apex-recipes, lwc-recipes or NebulaLogger keeps the check able
 *   to fail: the fixture precision-fixes holds what those repositories do legitimately (must pass)
 *   next to planted defects of the same kind (must be reported at their file, line and rule).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check as metadataCheck } from '../checks/metadata';
import { check as referencesCheck } from '../checks/references';
import { readClassFields } from '../checks/lib/class-file';
import { JarReader } from '../checks/lib/jar-reader';
import { defaultSObjectJar, MISSING_FROM_JAR } from '../checks/lib/schema-index';
import type { Finding } from '../checks/types';
import {
  compareClaims,
  loadKnownClaims,
  ranKey,
  type KnownClaim,
  type MeasuredFinding,
} from '../precision/claims';
import { layOutRepo } from '../precision/layout';
import { assess, formatReport, runOneCheck, type RepoRun } from '../precision/measure';

const REPO = 'owner/repo';

function finding(overrides: Partial<MeasuredFinding> = {}): MeasuredFinding {
  return {
    repo: REPO,
    check: 'references',
    file: 'force-app/classes/A.cls',
    line: 3,
    rule: 'unknown-field',
    message: 'SOQL on A__c: A__c.B__c does not resolve: no field B__c on A__c',
    ...overrides,
  };
}

function claim(overrides: Partial<KnownClaim> = {}): KnownClaim {
  return {
    repo: REPO,
    check: 'references',
    file: 'force-app/classes/A.cls',
    rule: 'unknown-field',
    message: 'no field B__c on A__c',
    verdict: 'real defect',
    why: 'B__c is nowhere in the repository',
    ...overrides,
  };
}

describe('known-claims comparison', () => {
  const ran = new Set([ranKey(REPO, 'references')]);

  it('passes a finding that a claim lists, whatever its line', () => {
    const result = compareClaims([finding({ line: 99 })], [claim()], ran);
    expect(result.unlisted).toEqual([]);
    expect(result.stale).toEqual([]);
    expect(result.known).toHaveLength(1);
  });

  it('fails on a finding no claim lists', () => {
    const other = finding({ message: 'no field C__c on A__c' });
    const result = compareClaims([finding(), other], [claim()], ran);
    expect(result.unlisted).toEqual([other]);
  });

  it('fails on a claim that no longer occurs', () => {
    const stale = claim({ file: 'force-app/classes/Gone.cls' });
    const result = compareClaims([finding()], [claim(), stale], ran);
    expect(result.stale).toEqual([stale]);
  });

  it('does not call a claim stale when its check did not run on its repository', () => {
    const result = compareClaims([], [claim()], new Set([ranKey(REPO, 'metadata')]));
    expect(result.stale).toEqual([]);
  });

  it('lists a folder of files with a claim whose file ends with /', () => {
    const inFolder = finding({ file: 'force-app/classes/Dw/X.cls' });
    const outside = finding({ file: 'force-app/classes/Other/X.cls' });
    const result = compareClaims(
      [inFolder, outside],
      [claim({ file: 'force-app/classes/Dw/' })],
      ran,
    );
    expect(result.known).toEqual([inFolder]);
    expect(result.unlisted).toEqual([outside]);
  });

  it('sets findings of house rules apart instead of failing on them', () => {
    const house = finding({ check: 'pmd', rule: 'ApexDoc', message: 'Missing ApexDoc comment' });
    const result = compareClaims([house], [], ran, [
      { check: 'pmd', rule: 'ApexDoc', why: 'house style' },
    ]);
    expect(result.house).toEqual([house]);
    expect(result.unlisted).toEqual([]);
  });

  it('rejects a claim without a verdict or a reason', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'precision-claims-'));
    const file = path.join(dir, 'claims.json');
    writeFileSync(file, JSON.stringify({ claims: [{ ...claim(), verdict: 'maybe' }] }));
    expect(() => loadKnownClaims(file)).toThrow(/verdict/);
    writeFileSync(file, JSON.stringify({ claims: [{ ...claim(), why: ' ' }] }));
    expect(() => loadKnownClaims(file)).toThrow(/"why"/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the real known-claims file', () => {
    const known = loadKnownClaims(path.resolve(__dirname, '..', 'precision', 'known-claims.json'));
    expect(known.houseRules.length).toBeGreaterThan(0);
    for (const entry of known.claims) expect(entry.why.length).toBeGreaterThan(20);
  });
});

describe('measurement', () => {
  it('reports a check that throws as "could not run" and fails', async () => {
    const run = await runOneCheck(REPO, 'exploding', '/nowhere', () =>
      Promise.resolve({ run: () => Promise.reject(new Error('boom')) }),
    );
    expect(run.error).toBe('boom');
    const measurement = assess([{ repo: REPO, skippedFiles: 0, checks: [run] }], []);
    expect(measurement.passed).toBe(false);
    expect(measurement.failures).toEqual([`${REPO} / exploding: could not run: boom`]);
  });

  it('counts no claim for a check that throws synchronously or cannot load, and fails', async () => {
    const throwing = await runOneCheck(REPO, 'metadata', '/nowhere', () =>
      Promise.resolve({
        run: () => {
          throw new Error('sync boom');
        },
      }),
    );
    const unloadable = await runOneCheck(REPO, 'convert', '/nowhere', () =>
      Promise.reject(new Error('no such module')),
    );
    const fine = { check: 'references', findings: [finding()], seconds: 0 };
    const measurement = assess(
      [{ repo: REPO, skippedFiles: 0, checks: [fine, throwing, unloadable] }],
      [claim(), claim({ check: 'metadata', rule: 'schema-invalid' })],
    );
    expect(measurement.failures).toEqual([
      `${REPO} / metadata: could not run: sync boom`,
      `${REPO} / convert: could not run: no such module`,
    ]);
    // The claim of the check that threw is not stale (it did not run), and counts nothing.
    expect(measurement.comparison.stale).toEqual([]);
    expect(measurement.comparison.known).toEqual([finding()]);
    expect(measurement.passed).toBe(false);
    const report = formatReport(measurement);
    expect(report).toEqual(
      expect.arrayContaining([
        '  metadata: could not run: sync boom',
        `  metadata | could not run | 0 [0]`,
        'precision: FAIL',
      ]),
    );
  });

  it('fails when a repository is missing, passes when every finding is listed', () => {
    const missing: RepoRun = { repo: REPO, error: 'not found', skippedFiles: 0, checks: [] };
    expect(assess([missing], []).passed).toBe(false);
    const listed: RepoRun = {
      repo: REPO,
      skippedFiles: 0,
      checks: [{ check: 'references', findings: [finding()], seconds: 0 }],
    };
    expect(assess([listed], [claim()]).passed).toBe(true);
    expect(assess([listed], []).passed).toBe(false);
  });

  it('lays out a bare git directory from its HEAD tree', () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'precision-layout-'));
    const work = path.join(base, 'work');
    mkdirSync(path.join(work, 'src', 'a b'), { recursive: true });
    writeFileSync(path.join(work, 'sfdx-project.json'), '{"packageDirectories":[{"path":"src"}]}');
    writeFileSync(path.join(work, 'src', 'a b', 'X.cls'), 'public class X {}\n');
    const git = (cwd: string, ...args: string[]): void => {
      const result = spawnSync('git', args, { cwd });
      if (result.status !== 0) throw new Error(result.stderr.toString());
    };
    git(work, 'init', '-q');
    git(work, 'add', '.');
    git(work, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'x');
    git(base, 'clone', '-q', '--bare', work, path.join(base, 'owner+repo', 'repo'));
    const laidOut = layOutRepo(base, REPO);
    try {
      expect(laidOut.temporary).toBe(true);
      expect(laidOut.skipped).toEqual([]);
      expect(readFileSync(path.join(laidOut.projectDir, 'src', 'a b', 'X.cls'), 'utf8')).toBe(
        'public class X {}\n',
      );
    } finally {
      rmSync(laidOut.projectDir, { recursive: true, force: true });
      rmSync(base, { recursive: true, force: true });
    }
    expect(existsSync(laidOut.projectDir)).toBe(false);
    expect(() => layOutRepo(base, REPO)).toThrow(/not found/);
  });
});

describe('false-claim fixes keep the checks able to fail (fixture precision-fixes)', () => {
  const projectDir = path.resolve(__dirname, '..', 'fixtures', 'precision-fixes');
  const D = 'force-app/main/default';
  const where = (findings: Finding[]): string[] =>
    findings.map((f) => `${f.file}:${f.line ?? ''} ${f.rule}`).sort();

  it('metadata: operators split by a formatter, wrong settings roots and real bundles without meta are reported; &apos; &apos;, settings roots and ignored folders are not', async () => {
    const result = await metadataCheck.run({ projectDir });
    expect(where(result.findings)).toEqual(
      [
        `${D}/lwc/realBundle: missing-meta-xml`,
        `${D}/objects/Ledger__c/validationRules/Name_Required.validationRule-meta.xml:6 xml-split-entities`,
        `${D}/settings/Account.settings-meta.xml:2 metadata-wrong-root`,
      ].sort(),
    );
    const root = result.findings.find((f) => f.rule === 'metadata-wrong-root');
    expect(root?.message).toContain('<AccountSettings>, found <SecuritySettings>');
  });

  it('references: unknown fields on custom metadata types, custom settings, share objects, jar gaps and pages are reported; their standard fields are not', async () => {
    const result = await referencesCheck.run({ projectDir });
    const cls = `${D}/classes/PrecisionQueries.cls`;
    expect(where(result.findings)).toEqual(
      [
        `${cls}:59 unknown-field`, // Bogus__r on a custom metadata type
        `${cls}:60 unknown-field`, // a field EntityDefinition lacks, through a metadata relationship
        `${cls}:61 unknown-field`, // OwnerId: custom settings have no owner
        `${cls}:62 unknown-object`, // Journal__Share: a publicly shared object has no share object
        `${cls}:63 unknown-field`, // through FlowDefinitionView.TriggerObjectOrEvent
        `${cls}:64 unknown-field`, // Account.No_Such_Children
        `${D}/layouts/Config__mdt-Config Layout.layout-meta.xml:27 unknown-field`, // OwnerId
        `${D}/flexipages/Precision_Page.flexipage-meta.xml:12 unknown-component`,
      ].sort(),
    );
    expect(result.findings.map((f) => f.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('no field Bogus__r on Config__mdt'),
        expect.stringContaining('no field No_Such_Column on EntityDefinition'),
        expect.stringContaining('no field OwnerId on App_Settings__c'),
        expect.stringContaining('object Journal__Share does not exist'),
        expect.stringContaining('no field No_Such_Children on Account'),
        expect.stringContaining('no field OwnerId on Config__mdt'),
        expect.stringContaining('bundle missingThing does not exist'),
      ]),
    );
  });

  it('supplements only what the sobject-types jar really lacks', () => {
    const jar = new JarReader(defaultSObjectJar());
    for (const [object, fields] of Object.entries(MISSING_FROM_JAR)) {
      const bytes = jar.readEntry(`com/nawforce/runforce/SObjects/${object}.class`);
      expect(bytes).toBeDefined();
      // Static members (`Fields`, `SObjectType`) are Apex tokens, not SObject fields.
      const names = readClassFields(bytes as Buffer)
        .filter((field) => !field.isStatic)
        .map((field) => field.name.toLowerCase());
      for (const field of fields) expect(names).not.toContain(field.name.toLowerCase());
    }
  });
});
