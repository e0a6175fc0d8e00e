import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHostIds } from '../../../src/store/host-order.js';

const sorted = (ids: string[]) => ids.slice().sort(compareHostIds);

describe('compareHostIds', () => {
  it('orders runs of digits by value, wherever they are', () => {
    expect(sorted(['host-10', 'host-9', 'host-100', 'host-1'])).toEqual([
      'host-1',
      'host-9',
      'host-10',
      'host-100',
    ]);
    expect(sorted(['r2-h10', 'r10-h1', 'r2-h9'])).toEqual(['r2-h9', 'r2-h10', 'r10-h1']);
    expect(sorted(['host-00010', 'host-00009'])).toEqual(['host-00009', 'host-00010']);
  });

  it('puts a zero-padded id beside its unpadded value, and a prefix first', () => {
    expect(sorted(['host-10', 'host-009', 'host-9', 'host-8'])).toEqual([
      'host-8',
      'host-009',
      'host-9',
      'host-10',
    ]);
    expect(sorted(['web-1a', 'web-1', 'web'])).toEqual(['web', 'web-1', 'web-1a']);
  });

  it('folds ASCII case, then tells ids apart by code units', () => {
    expect(sorted(['db-2', 'Web-1', 'web-0', 'DB-1'])).toEqual(['DB-1', 'db-2', 'web-0', 'Web-1']);
    expect(compareHostIds('Web-1', 'web-1')).toBeLessThan(0);
    expect(compareHostIds('web-1', 'web-1')).toBe(0);
  });

  it('agrees with the numeric collator on simulator-style ids', () => {
    const collator = new Intl.Collator('en', { numeric: true });
    const ids = Array.from(
      { length: 300 },
      (_, i) => `host-${String((i * 7919) % 1000).padStart(i % 3, '0')}`,
    );
    expect(
      ids
        .slice()
        .sort(compareHostIds)
        .map((id) => Number(id.slice(5))),
    ).toEqual(
      ids
        .slice()
        .sort(collator.compare)
        .map((id) => Number(id.slice(5))),
    );
  });

  it('is a total order: antisymmetric and transitive over any strings', () => {
    const id = fc.string({
      unit: fc.constantFrom('0', '1', '9', 'a', 'A', 'b', '-', '_', 'é'),
      maxLength: 6,
    });
    fc.assert(
      fc.property(id, id, id, (a, b, c) => {
        expect(Math.sign(compareHostIds(a, b)) + Math.sign(compareHostIds(b, a))).toBe(0);
        if (compareHostIds(a, b) === 0) expect(a).toBe(b);
        if (compareHostIds(a, b) <= 0 && compareHostIds(b, c) <= 0)
          expect(compareHostIds(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 3000 },
    );
  });
});
