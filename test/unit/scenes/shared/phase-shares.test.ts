import { describe, expect, it } from 'vitest';
import { areCounts, shareBarSegments, shareSegments } from '../../../../src/scenes/shared/phase-shares.js';

describe('shareSegments', () => {
  it('lists the known phases in vocabulary order, zeros included, then other labels alphabetically', () => {
    const segments = shareSegments({ zeta: 1, dormant: 1, clean: 2, alpha: 0 });
    expect(segments.map((s) => s.phase)).toEqual([
      'clean',
      'armed',
      'infecting',
      'infected_running',
      'dormant',
      'alpha',
      'zeta',
    ]);
    expect(segments.map((s) => s.share)).toEqual([0.5, 0, 0, 0, 0.25, 0, 0.25]);
    expect(segments.map((s) => s.left)).toEqual([0, 0.5, 0.5, 0.5, 0.5, 0.75, 0.75]);
  });

  it('normalises fractions and ignores negative or non-finite values', () => {
    const segments = shareSegments({ clean: 0.1, armed: 0.3, infecting: -4, dormant: Number.NaN });
    expect(segments.find((s) => s.phase === 'clean')!.share).toBeCloseTo(0.25, 9);
    expect(segments.find((s) => s.phase === 'infecting')!.count).toBe(0);
    expect(segments.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 9);
    expect(areCounts(segments)).toBe(false);
    expect(areCounts(shareSegments({ clean: 3 }))).toBe(true);
  });

  it('gives all-zero shares for an empty mix', () => {
    expect(shareSegments({}).every((s) => s.share === 0 && s.count === 0)).toBe(true);
  });

  it('counts a __proto__ label as its own phase', () => {
    // As JSON.parse gives it: an own property named __proto__.
    const counts = JSON.parse('{"__proto__": 2, "clean": 2}') as Record<string, number>;
    const segments = shareSegments(counts);
    expect(segments.find((s) => s.phase === '__proto__')!.share).toBe(0.5);
  });
});

describe('shareBarSegments', () => {
  it('keeps the phases with a share, as bar segments labelled with their percent', () => {
    const bar = shareBarSegments(shareSegments({ clean: 3, armed: 0, dormant: 1 }));
    expect(bar).toEqual([
      { phase: 'clean', left: 0, width: 0.75, text: '75.0%' },
      { phase: 'dormant', left: 0.75, width: 0.25, text: '25.0%' },
    ]);
  });
});
