/**
 * Proves the `bundle-size` check fails on a component whose compiled JavaScript is over the 30 KB
 * budget (and on one with TypeScript but no compiled output), passes on one within budget, and
 * does not count tests, which never deploy.
 */
import path from 'node:path';
import { BUNDLE_BUDGET_BYTES, check, measureBundles } from '../checks/bundle-size';

const fixture = (name: string): string => path.resolve(__dirname, '..', 'fixtures', name);

describe('bundle-size check', () => {
  it('fails on a component over the budget and on an uncompiled component, naming each', async () => {
    const result = await check.run({ projectDir: fixture('bundle-over') });

    expect(result.findings).toEqual([
      {
        file: 'force-app/main/default/lwc/heavyTable',
        rule: 'bundle-over-budget',
        message: expect.stringMatching(
          /^heavyTable ships 3\d\.\d KB of JavaScript, over the 30\.0 KB budget/,
        ),
      },
      {
        file: 'force-app/main/default/lwc/uncompiled',
        rule: 'bundle-not-compiled',
        message: expect.stringContaining('run npm run build:lwc'),
      },
    ]);
    expect(result.summary).toMatch(/3 LWC bundles/);
    expect(result.summary).toMatch(/smallCard 0\.1 KB/);
  });

  it('passes on a component within the budget and prints its size', async () => {
    const result = await check.run({ projectDir: fixture('bundle-under') });

    expect(result.findings).toEqual([]);
    expect(result.summary).toBe(
      '1 LWC bundles, compiled JS per component (budget 30.0 KB): smallCard 0.1 KB',
    );
  });

  it('counts the deployable .js only, not a test file larger than the budget', () => {
    const [smallCard] = measureBundles(fixture('bundle-under'));

    expect(smallCard.name).toBe('smallCard');
    expect(smallCard.jsFiles).toBe(1);
    expect(smallCard.bytes).toBeLessThan(BUNDLE_BUDGET_BYTES);
  });
});
