import { describe, expect, it } from 'vitest';
import { counterAt, intervals, median, percentile, ratePerSecond } from '../../../bench/lib/stats.js';

describe('percentile', () => {
  it('interpolates between closest ranks', () => {
    const samples = [15, 20, 35, 40, 50];
    expect(percentile(samples, 0)).toBe(15);
    expect(percentile(samples, 100)).toBe(50);
    expect(percentile(samples, 50)).toBe(35);
    expect(percentile(samples, 40)).toBeCloseTo(29, 10);
    expect(percentile(samples, 95)).toBeCloseTo(48, 10);
  });

  it('does not depend on input order and leaves the input alone', () => {
    const samples = [50, 15, 40, 35, 20];
    expect(percentile(samples, 95)).toBeCloseTo(48, 10);
    expect(samples).toEqual([50, 15, 40, 35, 20]);
  });

  it('is NaN without samples and refuses a percentile outside 0–100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('gives the middle value, or the mean of the two middle values, as the median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('intervals', () => {
  it('turns timestamps into gaps', () => {
    expect(intervals([0, 16, 32, 64])).toEqual([16, 16, 32]);
    expect(intervals([5])).toEqual([]);
  });
});

describe('counter rates', () => {
  const samples = [
    [1000, 0],
    [2000, 100],
    [4000, 500],
  ] as const;

  it('interpolates a cumulative counter between samples and holds it flat outside them', () => {
    expect(counterAt(samples, 500)).toBe(0);
    expect(counterAt(samples, 1500)).toBe(50);
    expect(counterAt(samples, 3000)).toBe(300);
    expect(counterAt(samples, 9000)).toBe(500);
    expect(counterAt([], 1)).toBe(0);
  });

  it('gives counts per second over a window', () => {
    expect(ratePerSecond(samples, 1000, 2000)).toBe(100);
    expect(ratePerSecond(samples, 2000, 4000)).toBe(200);
    expect(ratePerSecond(samples, 1500, 3000)).toBe(250 / 1.5);
    expect(ratePerSecond(samples, 2000, 2000)).toBeNaN();
  });
});
