import { describe, expect, it } from 'vitest';
import { UNKNOWN_COLOR } from '../../../../src/contract/palette.js';
import { CLUSTER_PALETTE, clusterColor, oklchToHex } from '../../../../src/scenes/knn/cluster-palette.js';

/** `#rrggbb` → OKLab, to measure how far apart two colours look. */
function oklab(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ];
}
const distance = (a: string, b: string) => {
  const [p, q] = [oklab(a), oklab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
};
const minDistance = (colours: readonly string[]) => {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < colours.length; i++)
    for (let j = i + 1; j < colours.length; j++) min = Math.min(min, distance(colours[i]!, colours[j]!));
  return min;
};
const chroma = (hex: string) => Math.hypot(oklab(hex)[1], oklab(hex)[2]);

describe('clusterColor', () => {
  it('round-trips OKLCH into sRGB', () => {
    expect(oklchToHex(1, 0, 0)).toBe('#ffffff');
    expect(oklchToHex(0, 0, 0)).toBe('#000000');
    for (const [l, c, h] of [
      [0.7, 0.1, 200],
      [0.6, 0.12, 30],
      [0.8, 0.08, 300],
    ] as const) {
      const [L, a, b] = oklab(oklchToHex(l, c, h));
      expect(L).toBeCloseTo(l, 2);
      expect(a).toBeCloseTo(c * Math.cos((h * Math.PI) / 180), 2);
      expect(b).toBeCloseTo(c * Math.sin((h * Math.PI) / 180), 2);
    }
  });

  it('keeps the first ten far apart and the first thirty apart', () => {
    const ten = Array.from({ length: 10 }, (_, i) => clusterColor(i));
    expect(minDistance(ten)).toBeGreaterThan(0.08);
    expect(minDistance(CLUSTER_PALETTE)).toBeGreaterThan(0.045);
    expect(CLUSTER_PALETTE).toHaveLength(30);
  });

  it('gives every id past the palette its own colour, and never a grey', () => {
    const many = Array.from({ length: 200 }, (_, i) => clusterColor(i));
    expect(new Set(many).size).toBe(200);
    expect(minDistance(many)).toBeGreaterThan(0.004);
    for (const colour of many) {
      expect(colour).toMatch(/^#[0-9a-f]{6}$/);
      expect(chroma(colour)).toBeGreaterThan(0.03);
    }
    expect(many).not.toContain(UNKNOWN_COLOR);
    expect(chroma(UNKNOWN_COLOR)).toBeLessThan(0.02);
  });
});
