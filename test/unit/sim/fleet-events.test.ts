import { describe, expect, it } from 'vitest';
import { type Episode, windowWakeMs } from '../../../src/sim/fleet-events.js';

const episode = (windowsDone: number): Episode => ({ id: 'ep-1', startMs: 0, ends: [], windowsDone });

describe('windowWakeMs', () => {
  it('wakes at every window boundary while episode progress is emitted', () => {
    expect(windowWakeMs(episode(0), -Infinity, 500)).toBe(10_000);
    expect(windowWakeMs(episode(4), -Infinity, 500)).toBe(50_000);
    expect(windowWakeMs(episode(5), -Infinity, 500)).toBe(60_000);
  });

  it('skips the boundaries before the emission but the last one at least a late wake short of it', () => {
    // Emission from 45 s: the boundaries at 10–30 s only count, 40 s wakes to catch them up silently.
    expect(windowWakeMs(episode(0), 45_000, 500)).toBe(40_000);
    // 40.4 s is not a late wake short of 40 s + a window: 30 s is.
    expect(windowWakeMs(episode(0), 50_400, 500)).toBe(40_000);
    expect(windowWakeMs(episode(0), 50_600, 500)).toBe(50_000);
    // From there, every boundary.
    expect(windowWakeMs(episode(4), 45_000, 500)).toBe(50_000);
  });

  it('sleeps to the episode end when its progress is never emitted', () => {
    expect(windowWakeMs(episode(0), 200_000, 500)).toBe(60_000);
    expect(windowWakeMs(episode(2), Infinity, 500)).toBe(60_000);
  });
});
