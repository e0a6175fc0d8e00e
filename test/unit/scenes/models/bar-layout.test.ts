import { describe, expect, it } from 'vitest';
import { MODEL_COLORS, UNKNOWN_COLOR } from '../../../../src/contract/palette.js';
import { axisTicks, layoutBars, percent, rowMetrics } from '../../../../src/scenes/models/bar-layout.js';

describe('layoutBars', () => {
  it('scales 0.5–1.0 to 0–100%, pins lower values at the axis, marks the best', () => {
    const bars = layoutBars(
      new Map([
        ['zz', 0.9],
        ['knn', 0.3],
        ['lstm', 0.75],
        ['gru', 1],
      ]),
    );
    expect(bars.map((b) => b.model)).toEqual(['gru', 'lstm', 'knn', 'zz']);
    expect(bars.map((b) => b.width)).toEqual([100, 50, 0, 80]);
    expect(bars.map((b) => b.pinned)).toEqual([false, false, true, false]);
    expect(bars.map((b) => b.best)).toEqual([true, false, false, false]);
    expect(bars.map((b) => b.color)).toEqual([
      MODEL_COLORS.gru,
      MODEL_COLORS.lstm,
      MODEL_COLORS.knn,
      UNKNOWN_COLOR,
    ]);
  });

  it('has gridlines every ten points and readable rows for many models', () => {
    expect(axisTicks().map((t) => [t.label, Math.round(t.left * 1e6) / 1e6])).toEqual([
      ['50%', 0],
      ['60%', 20],
      ['70%', 40],
      ['80%', 60],
      ['90%', 80],
      ['100%', 100],
    ]);
    expect(rowMetrics(5, 640)).toEqual({ bar: 72, font: 30 });
    const many = rowMetrics(40, 640);
    expect(many.bar * 40).toBeLessThan(640);
    expect(many.font).toBeGreaterThanOrEqual(11);
    expect(percent(0.9234)).toBe('92.3%');
  });
});
