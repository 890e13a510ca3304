/**
 * Proves the `project` check validates sfdx-project.json and the scratch-org definitions against
 * Salesforce's JSON schemas (@salesforce/schemas) and the Metadata API settings types, naming
 * file, line and rule of each planted defect: an unknown project and package-directory attribute,
 * a malformed versionNumber, a definitionFile that does not exist, an invented scratch-org
 * feature (a real one in lower case passes: features are not case-sensitive), an unknown edition,
 * an unknown settings type and member, a non-boolean setting, a scratch definition that is not
 * JSON; and passes on clean projects.
 */
import path from 'node:path';
import { check } from '../checks/project';
import type { Finding } from '../checks/types';

const fixtures = path.resolve(__dirname, '..', 'fixtures');

async function findingsOf(fixture: string): Promise<Finding[]> {
  return (await check.run({ projectDir: path.join(fixtures, fixture) })).findings;
}

describe('project check', () => {
  let findings: Finding[];
  beforeAll(async () => {
    findings = await findingsOf('project-broken');
  });

  it.each([
    [
      'sfdx-project.json',
      25,
      'project-unknown-attribute',
      '"apiVersion" is not an attribute of the file in sfdx-project.schema.json',
    ],
    [
      'sfdx-project.json',
      10,
      'project-unknown-attribute',
      '"sourceFolder" is not an attribute of packageDirectories[0] in sfdx-project.schema.json',
    ],
    [
      'sfdx-project.json',
      8,
      'project-version-number',
      'packageDirectories[0].versionNumber "1.0" is not major.minor.patch.build',
    ],
    [
      'sfdx-project.json',
      9,
      'project-definition-file-missing',
      'packageDirectories[0].definitionFile "config/packaging-def.json" does not exist',
    ],
    [
      'config/project-scratch-def.json',
      4,
      'project-invalid-value',
      '"TimeTravelDebugger" at features[1] is none of the values project-scratch-def.schema.json allows',
    ],
    [
      'config/project-scratch-def.json',
      7,
      'project-invalid-value',
      'settings.opportunitySettings.enableOpportunityTeam must be true or false',
    ],
    [
      'config/project-scratch-def.json',
      8,
      'project-unknown-setting',
      'settings.opportunitySettings.enableWinProbability: OpportunitySettings has no element enableWinProbability in Metadata API 65.0',
    ],
    [
      'config/project-scratch-def.json',
      10,
      'project-unknown-setting',
      'settings.dealSettings: the Metadata API 65.0 has no settings type DealSettings',
    ],
    [
      'config/qa-scratch-def.json',
      3,
      'project-invalid-value',
      'edition ("Ultimate") must be one of Developer, Enterprise',
    ],
  ])('reports %s:%d %s', (file, line, rule, message) => {
    expect(findings).toContainEqual({
      file,
      line,
      rule,
      message: expect.stringContaining(message),
    });
  });

  it('reports a scratch definition that is not JSON, with the line in the message', () => {
    // The finding has no line field: JSON.parse names the position only in its message (Node 22).
    expect(findings).toContainEqual({
      file: 'config/typo-scratch-def.json',
      rule: 'project-malformed-json',
      message:
        "not valid JSON: Expected ',' or '}' after property value in JSON at position 60 (line 4 column 3)",
    });
  });

  it('reports nothing else (the lower-case feature "multicurrency" and the second package directory pass)', () => {
    expect(findings).toHaveLength(10);
  });

  it('passes on a project without scratch definitions', async () => {
    expect(await findingsOf('meta-clean')).toEqual([]);
  });
});
