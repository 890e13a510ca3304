import { generateSeedData, MAX_OPPORTUNITIES, OPEN_STAGES } from '../src/seed/generator.js';
import { Prng } from '../src/seed/prng.js';

describe('seed generator', () => {
  it('returns identical data for the same seed and different data for another seed', () => {
    const a = generateSeedData('7', { accounts: 5, opportunities: 20 }, '2026-11-23');
    const b = generateSeedData('7', { accounts: 5, opportunities: 20 }, '2026-11-23');
    const c = generateSeedData('8', { accounts: 5, opportunities: 20 }, '2026-11-23');
    expect(b).toEqual(a);
    expect(c.accounts.map((x) => x.name)).not.toEqual(a.accounts.map((x) => x.name));
    expect(c.opportunities[0].key.startsWith('cw8-')).toBe(true);
  });

  it('covers every open stage, with lines of distinct products, roles of the own account and future close dates', () => {
    const data = generateSeedData('1', { accounts: 4, opportunities: 16 }, '2026-11-23');
    expect(new Set(data.opportunities.map((o) => o.stageName))).toEqual(new Set(OPEN_STAGES));
    const contactAccount = new Map(data.contacts.map((c) => [c.key, c.accountKey]));
    for (const o of data.opportunities) {
      expect(new Set(o.lines.map((l) => l.productKey)).size).toBe(o.lines.length);
      expect(o.lines.length).toBeGreaterThanOrEqual(1);
      expect(o.contactRoles.every((r) => contactAccount.get(r.contactKey) === o.accountKey)).toBe(
        true,
      );
      expect(o.contactRoles.filter((r) => r.isPrimary)).toHaveLength(1);
      expect(o.closeDate > '2026-11-23').toBe(true);
    }
    expect(data.products.some((p) => p.revenueSchedule)).toBe(true);
    expect(data.products.some((p) => !p.revenueSchedule)).toBe(true);
  });

  it(`generates ${MAX_OPPORTUNITIES} opportunities with unique seed keys and rejects more`, () => {
    const data = generateSeedData(
      '1',
      { accounts: 500, opportunities: MAX_OPPORTUNITIES },
      '2026-11-23',
    );
    const keys = [...data.accounts, ...data.contacts, ...data.products, ...data.opportunities].map(
      (r) => r.key,
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(data.opportunities).toHaveLength(MAX_OPPORTUNITIES);
    expect(() =>
      generateSeedData('1', { accounts: 1, opportunities: MAX_OPPORTUNITIES + 1 }, '2026-11-23'),
    ).toThrow(RangeError);
  });

  it('draws integers within bounds and samples without repetition', () => {
    const prng = new Prng('x');
    const values = Array.from({ length: 1000 }, () => prng.int(3, 5));
    expect(Math.min(...values)).toBe(3);
    expect(Math.max(...values)).toBe(5);
    expect(new Set(prng.sample([1, 2, 3, 4], 4)).size).toBe(4);
  });
});
