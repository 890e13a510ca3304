/**
 * Proves the TypeScript build of LWC components fails on a type error and names the file and the
 * problem, with the same compiler settings as `npm run build:lwc` (force-app/tsconfig.json).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const tsc = path.join(root, 'node_modules', '.bin', 'tsc');

function compile(fixture: string): { status: number | null; output: string } {
  const project = path.join(root, 'tools', 'fixtures', fixture, 'tsconfig.json');
  const result = spawnSync(tsc, ['-p', project, '--pretty', 'false'], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('TypeScript build of LWC components', () => {
  it('fails on a component whose request has a wrong type and an unknown property', () => {
    const { status, output } = compile('ts-broken');
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /brokenCard\.ts\(\d+,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/,
    );
    expect(output).toMatch(
      /brokenCard\.ts\(\d+,\d+\): error TS2561: Object literal may only specify known properties, but 'explanaton' does not exist in type 'CloseRequest'/,
    );
  });

  it('passes on the same component written correctly', () => {
    const { status, output } = compile('ts-clean');
    expect(output).toBe('');
    expect(status).toBe(0);
  });
});
