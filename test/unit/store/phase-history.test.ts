import { describe, expect, it } from 'vitest';
import { emptyPhaseMix, PHASE_WINDOW_S, phaseHistory, reducePhaseMix } from '../../../src/store/phase-mix.js';

const phase = (p: string) => ({ type: 'phase' as const, phase: p });

describe('phaseHistory', () => {
  it('bins phase counts by arrival, oldest first, covering the window', () => {
    let state = reducePhaseMix(emptyPhaseMix, [phase('clean'), phase('clean')], 0);
    state = reducePhaseMix(state, [phase('armed')], 25_000);
    const bins = phaseHistory(state, 30_000, 10);
    expect(bins).toHaveLength(PHASE_WINDOW_S / 10);
    expect(bins[0]!.startAgoS).toBe(PHASE_WINDOW_S);
    expect(bins[bins.length - 1]!.startAgoS).toBe(10);
    // t=0 is 30 s ago → fourth bin from the end; t=25 s is 5 s ago → last bin.
    expect(bins[bins.length - 4]!.counts.clean).toBe(2);
    expect(bins[bins.length - 1]!.counts.armed).toBe(1);
    expect(bins.reduce((s, b) => s + b.total, 0)).toBe(3);
  });

  it('rolls: counts older than the window leave the history', () => {
    let state = reducePhaseMix(emptyPhaseMix, [phase('clean')], 0);
    state = reducePhaseMix(state, [phase('dormant')], 200_000);
    const later = phaseHistory(state, 320_000, 10);
    expect(later.reduce((s, b) => s + b.total, 0)).toBe(1);
    expect(later.some((b) => b.counts.dormant === 1)).toBe(true);
    expect(phaseHistory(state, 600_000).every((b) => b.total === 0)).toBe(true);
  });

  it('counts a hostile label like any other and never touches a prototype', () => {
    const state = reducePhaseMix(emptyPhaseMix, [phase('__proto__'), phase('__proto__')], 0);
    const bins = phaseHistory(state, 1000);
    const last = bins[bins.length - 1]!;
    expect(Object.getOwnPropertyDescriptor(last.counts, '__proto__')?.value).toBe(2);
    expect(last.total).toBe(2);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
