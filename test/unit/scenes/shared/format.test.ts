import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatAgo,
  formatBytes,
  formatCount,
  formatCountOf,
  formatHz,
  formatPercent,
  formatRate,
} from '../../../../src/scenes/shared/format.js';

describe('formatting for the data scenes', () => {
  it('groups counts and keeps rates readable', () => {
    expect(formatCount(738000)).toBe('738,000');
    expect(formatCount(0)).toBe('0');
    expect(formatRate(50)).toBe('50.0');
    expect(formatRate(1500)).toBe('1,500');
    expect(formatHz(10)).toBe('10');
    expect(formatHz(12.5)).toBe('12.5');
    expect(formatPercent(0.4213)).toBe('42.1%');
  });

  it('writes sizes in decimal units with three significant digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1.0 kB');
    expect(formatBytes(52_000_000)).toBe('52.0 MB');
    expect(formatBytes(150_000_000)).toBe('150 MB');
    expect(formatBytes(3_400_000_000)).toBe('3.4 GB');
    expect(formatBytes(2e18)).toBe('2,000 PB');
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
  });

  it('says how long ago in whole units that tick at most once a second', () => {
    expect(formatAgo(undefined)).toBe('—');
    expect(formatAgo(0)).toBe('just now');
    expect(formatAgo(1.9)).toBe('just now');
    expect(formatAgo(2)).toBe('2 s ago');
    expect(formatAgo(59.9)).toBe('59 s ago');
    expect(formatAgo(60)).toBe('1 min ago');
    expect(formatAgo(3599)).toBe('59 min ago');
    expect(formatAgo(3600)).toBe('1 h ago');
    expect(formatAgo(47 * 3600)).toBe('47 h ago');
    expect(formatAgo(48 * 3600)).toBe('2 d ago');
    expect(formatAgo(-5)).toBe('just now');
  });
});

describe('formatCountOf', () => {
  it('agrees the noun with the count', () => {
    expect(formatCountOf(1, 'host')).toBe('1 host');
    expect(formatCountOf(0, 'host')).toBe('0 hosts');
    expect(formatCountOf(10_000, 'host')).toBe('10,000 hosts');
    expect(formatCountOf(2, 'thesis', 'theses')).toBe('2 theses');
  });
});

describe('formatCount', () => {
  const intl = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

  it('writes what Intl.NumberFormat writes, for any number', () => {
    const edges = [
      0,
      -0,
      0.5,
      -0.5,
      1.5,
      2.5,
      -2.5,
      0.49999999999999994,
      -0.4,
      999.5,
      1000,
      999_999.5,
      2 ** 53,
      2 ** 53 + 2,
      1e20,
      9.99e20,
      1e21,
      1e300,
      -1e21,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.MAX_VALUE,
      Number.MIN_VALUE,
      -Number.MIN_VALUE,
    ];
    for (const n of edges) expect(formatCount(n), String(n)).toBe(intl.format(n));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double(),
          fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
          fc.double({ min: -1e7, max: 1e7 }),
        ),
        (n) => {
          expect(formatCount(n)).toBe(intl.format(n));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
