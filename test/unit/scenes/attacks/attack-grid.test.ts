import { describe, expect, it } from 'vitest';
import {
  gridShape,
  MAX_VISIBLE_PROFILES,
  visibleProfiles,
} from '../../../../src/scenes/attacks/attack-grid.js';
import { SPARK_HEIGHT, SPARK_WIDTH, sparkline } from '../../../../src/scenes/attacks/sparkline.js';
import { emptyProfiles, reduceProfiles } from '../../../../src/store/profiles.js';

describe('sparkline', () => {
  it('draws a zero-only curve flat along the floor', () => {
    const g = sparkline([0, 0, 0]);
    expect(g.points.map(([, y]) => y)).toEqual([SPARK_HEIGHT - 3, SPARK_HEIGHT - 3, SPARK_HEIGHT - 3]);
    expect(g.line).not.toContain('NaN');
    expect(g.zeroY).toBe(SPARK_HEIGHT - 3);
  });

  it('keeps a flat non-zero curve flat, at the top', () => {
    expect(new Set(sparkline([1, 1, 1, 1]).points.map(([, y]) => y))).toEqual(new Set([3]));
  });

  it('moves the zero line up when the curve dips below zero', () => {
    const g = sparkline([-1, 0, 1]);
    expect(g.points.map(([, y]) => y)).toEqual([SPARK_HEIGHT - 3, SPARK_HEIGHT / 2, 3]);
    expect(g.zeroY).toBe(SPARK_HEIGHT / 2);
    expect(g.points.at(-1)![0]).toBe(SPARK_WIDTH);
  });
});

describe('gridShape', () => {
  it('gives 24 profiles a grid with room for each, and few profiles bigger type', () => {
    const shape = gridShape(24, 1472, 720);
    expect(shape.cols * shape.rows).toBeGreaterThanOrEqual(24);
    expect((720 - 16 * (shape.rows - 1)) / shape.rows).toBeGreaterThan(110);
    expect(gridShape(6, 1472, 720)).toEqual({ cols: 3, rows: 2, nameSize: 25 });
    expect(gridShape(1, 1472, 720).nameSize).toBeGreaterThan(shape.nameSize);
  });

  it('shows the most recently updated profiles, sorted by name', () => {
    const events = Array.from({ length: 30 }, (_, i) => ({
      type: 'attack_profile' as const,
      name: `p${String(29 - i).padStart(2, '0')}`,
      curve: [i],
    }));
    const { shown, hidden } = visibleProfiles(reduceProfiles(emptyProfiles, events).byName);
    expect(shown).toHaveLength(MAX_VISIBLE_PROFILES);
    expect(hidden).toBe(6);
    // The six oldest (p29 … p24) are the ones left out.
    expect(shown[0]!.name).toBe('p00');
    expect(shown.at(-1)!.name).toBe('p23');
  });
});
