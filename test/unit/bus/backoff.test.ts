import { describe, expect, it } from 'vitest';
import { Backoff, backoffCeiling, backoffDelay, DEFAULT_BACKOFF } from '../../../src/bus/backoff.js';

/** A random source that plays back `values` in turn. */
function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length]!;
}

describe('backoff', () => {
  it('has ceilings from 0.5 s doubling to a 15 s cap, for ever', () => {
    const ceilings = Array.from({ length: 9 }, (_, i) => backoffCeiling(i));
    expect(ceilings).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000, 15000, 15000]);
    expect(backoffCeiling(10_000)).toBe(15_000);
    expect(DEFAULT_BACKOFF.resetAfterMs).toBe(5_000);
  });

  it('is full jitter: the wait is random() × the ceiling', () => {
    expect(backoffDelay(0, () => 0)).toBe(0);
    expect(backoffDelay(3, () => 0.5)).toBe(2000);
    expect(backoffDelay(9, () => 0.25)).toBe(3750);
    expect(backoffDelay(2, () => 0.999)).toBe(1998);
    // A broken random source cannot make the wait negative, huge or NaN.
    expect(backoffDelay(2, () => -3)).toBe(0);
    expect(backoffDelay(2, () => 7)).toBe(2000);
    expect(backoffDelay(2, () => Number.NaN)).toBe(0);
  });

  it('counts attempts, with the injected random', () => {
    const backoff = new Backoff(sequence(1, 0.5, 0.1, 0.9, 0.5, 0.5, 0.5));
    const waits = Array.from({ length: 7 }, () => backoff.next());
    expect(waits).toEqual([500, 500, 200, 3600, 4000, 7500, 7500]);
    expect(backoff.attempts).toBe(7);
  });

  it('starts over only after 5 s of uptime', () => {
    const backoff = new Backoff(() => 0.5);
    backoff.next();
    backoff.next();
    backoff.next();
    backoff.connected(10_000);
    backoff.disconnected(14_999);
    expect(backoff.attempts).toBe(3);
    expect(backoff.next()).toBe(2000);
    backoff.connected(20_000);
    backoff.disconnected(25_000);
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(250);
    // A close without an open (a failed attempt) never resets.
    backoff.disconnected(99_000);
    expect(backoff.attempts).toBe(1);
  });
});
