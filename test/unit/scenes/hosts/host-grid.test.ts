import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  layoutHostGrid,
  MAX_CARD_H,
  MAX_CARD_W,
  MIN_CARD_H,
  MIN_CARD_W,
  tierFor,
} from '../../../../src/scenes/hosts/host-grid.js';

/** The hosts scene's grid box on the 1600×900 stage (padding and header taken off). */
const W = 1472;
const H = 730;

const fits = (l: ReturnType<typeof layoutHostGrid>, width: number, height: number) =>
  l.columns * l.cardWidth + (l.columns - 1) * l.gap <= width + 0.5 &&
  l.rows * l.cardHeight + (l.rows - 1) * l.gap <= height + 0.5;

describe('layoutHostGrid', () => {
  it('gives five hosts large, full cards that fit', () => {
    const l = layoutHostGrid(5, W, H);
    expect(l.columns).toBe(3);
    expect(l.rows).toBe(2);
    expect(l.tier).toBe('full');
    expect(l.cardWidth).toBe(MAX_CARD_W);
    expect(l.cardHeight).toBe(MAX_CARD_H);
    expect(fits(l, W, H)).toBe(true);
  });

  it('fits 200 hosts on the stage as compact cards without scrolling', () => {
    const l = layoutHostGrid(200, W, H);
    expect(l.columns * l.rows).toBeGreaterThanOrEqual(200);
    expect(l.tier).toBe('compact');
    expect(l.scrolls).toBe(false);
    expect(fits(l, W, H)).toBe(true);
  });

  it('scrolls rather than shrinking past the minimum for a huge fleet', () => {
    const l = layoutHostGrid(4096, W, H);
    expect(l.scrolls).toBe(true);
    expect(l.cardWidth).toBeGreaterThanOrEqual(MIN_CARD_W);
    expect(l.cardHeight).toBeGreaterThanOrEqual(MIN_CARD_H);
    expect(l.columns * l.cardWidth + (l.columns - 1) * l.gap).toBeLessThanOrEqual(W);
  });

  it('never overflows the width, fits whenever it says it does not scroll, and stays within card bounds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4096 }),
        fc.integer({ min: 200, max: 3000 }),
        fc.integer({ min: 100, max: 2000 }),
        (n, width, height) => {
          const l = layoutHostGrid(n, width, height);
          expect(l.columns * l.rows).toBeGreaterThanOrEqual(Math.max(1, n));
          expect(l.columns * l.cardWidth + (l.columns - 1) * l.gap).toBeLessThanOrEqual(width + 0.5);
          expect(l.cardWidth).toBeLessThanOrEqual(MAX_CARD_W);
          expect(l.cardHeight).toBeLessThanOrEqual(MAX_CARD_H);
          expect(l.cardWidth).toBeGreaterThanOrEqual(MIN_CARD_W);
          expect(l.cardHeight).toBeGreaterThanOrEqual(MIN_CARD_H);
          if (!l.scrolls) expect(fits(l, width, height)).toBe(true);
        },
      ),
    );
  });

  it('picks what a card can carry from its size', () => {
    expect(tierFor(440, 300)).toBe('full');
    expect(tierFor(200, 120)).toBe('medium');
    expect(tierFor(86, 50)).toBe('compact');
    expect(tierFor(64, 30)).toBe('tiny');
  });
});
