import { describe, expect, it } from 'vitest';
import { pickNearest, planeMatrix } from '../../../../src/scenes/knn/pick.js';
import { pointSizePx } from '../../../../src/scenes/knn/point-size.js';

const plot = { left: 50, top: 0, size: 100 };
const base = {
  matrix: planeMatrix(200, 100, plot),
  width: 200,
  height: 100,
  radius: 8,
  dotRadius: 3,
};

describe('planeMatrix + pickNearest', () => {
  it('maps the unit square onto the plot square (y up) and finds the point under the pointer', () => {
    const positions = new Float32Array([0, 0, 0, 1, 1, 0, 0.5, 0.5, 0]);
    // (0,0) is the bottom left of the plot, (1,1) its top right.
    expect(pickNearest({ ...base, positions, count: 3, x: 50, y: 100 })).toBe(0);
    expect(pickNearest({ ...base, positions, count: 3, x: 150, y: 0 })).toBe(1);
    expect(pickNearest({ ...base, positions, count: 3, x: 104, y: 47 })).toBe(2);
    expect(pickNearest({ ...base, positions, count: 3, x: 120, y: 50 })).toBe(-1);
  });

  it('searches only the first `count` slots', () => {
    const positions = new Float32Array([0, 0, 0, 0.5, 0.5, 0]);
    expect(pickNearest({ ...base, positions, count: 1, x: 100, y: 50 })).toBe(-1);
  });

  it('prefers the covering dot nearest the camera over the nearest centre', () => {
    // A perspective-like matrix: w = 1 + z, so depth (z/w) grows with z.
    const matrix = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1];
    const positions = new Float32Array([0.01, 0, 0.5, 0.02, 0, 0.1, 0.5, 0.5, 0]);
    const q = { positions, count: 3, matrix, width: 200, height: 200, radius: 10, dotRadius: 4 };
    // Both dots cover (100, 100); slot 1 is nearer the camera though slot 0 is nearer on screen.
    expect(pickNearest({ ...q, x: 100, y: 100 })).toBe(1);
    // Outside every dot, the nearest centre within the radius wins.
    expect(pickNearest({ ...q, x: 108, y: 100 })).toBe(1);
  });

  it('skips points behind the camera', () => {
    const matrix = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1];
    const positions = new Float32Array([0, 0, -2]);
    expect(
      pickNearest({
        positions,
        count: 1,
        matrix,
        width: 200,
        height: 200,
        x: 100,
        y: 100,
        radius: 10,
        dotRadius: 4,
      }),
    ).toBe(-1);
  });
});

describe('pointSizePx', () => {
  it('is large for few points and shrinks with the count, never below legibility', () => {
    expect(pointSizePx(100)).toBe(10);
    expect(pointSizePx(10_000)).toBeLessThan(pointSizePx(1_000));
    expect(pointSizePx(100_000)).toBeLessThan(pointSizePx(10_000));
    expect(pointSizePx(100_000)).toBeGreaterThanOrEqual(2.6);
    expect(pointSizePx(10_000_000)).toBe(2.6);
  });
});
