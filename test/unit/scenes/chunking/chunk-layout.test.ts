import { describe, expect, it } from 'vitest';
import { agreement, layoutChunks } from '../../../../src/scenes/chunking/chunk-layout.js';
import { emptyPredictions, reducePredictions } from '../../../../src/store/predictions.js';

const pred = (window_idx: number, predicted?: string, actual?: string, episode_id = 'ep-1') => ({
  type: 'prediction' as const,
  episode_id,
  window_idx,
  predicted,
  actual,
});

describe('layoutChunks', () => {
  it('places six equal cells and paints by predicted, else actual', () => {
    const state = reducePredictions(emptyPredictions, [
      pred(0, 'clean', 'clean'),
      pred(3, undefined, 'armed'),
    ]);
    const cells = layoutChunks(state);
    expect(cells.map((c) => Math.round(c.left * 100) / 100)).toEqual([0, 16.67, 33.33, 50, 66.67, 83.33]);
    expect(cells.map((c) => c.shown)).toEqual(['clean', undefined, undefined, 'armed', undefined, undefined]);
    expect(cells[3]!.mismatch).toBe(false);
  });

  it('counts agreement only on the newest episode with both phases known', () => {
    const state = reducePredictions(emptyPredictions, [
      pred(5, 'dormant', 'clean', 'ep-old'),
      pred(0, 'clean', 'clean', 'ep-new'),
      pred(1, 'armed', 'infecting', 'ep-new'),
      pred(2, 'armed', undefined, 'ep-new'),
    ]);
    const cells = layoutChunks(state);
    expect(cells[5]!.stale).toBe(true);
    expect(cells[1]!.mismatch).toBe(true);
    expect(agreement(cells)).toEqual({ judged: 2, agree: 1 });
  });

  it('is unchanged by window index 6', () => {
    const state = reducePredictions(emptyPredictions, [pred(0, 'clean', 'clean')]);
    const after = reducePredictions(state, [pred(6, 'dormant', 'dormant', 'ep-x')]);
    expect(layoutChunks(after)).toEqual(layoutChunks(state));
  });
});
