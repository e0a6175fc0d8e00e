/** How much a host card shows, from most to least. */
export const CARD_TIERS = ['full', 'medium', 'compact', 'tiny'] as const;
export type CardTier = (typeof CARD_TIERS)[number];

export interface HostGridLayout {
  readonly columns: number;
  readonly rows: number;
  readonly cardWidth: number;
  readonly cardHeight: number;
  readonly gap: number;
  readonly tier: CardTier;
  readonly fontSize: number;
  /** True when even the smallest cards do not fit and the grid scrolls inside its box. */
  readonly scrolls: boolean;
}

/** Cards never grow past this (a lone host should not fill the stage). */
export const MAX_CARD_W = 440;
export const MAX_CARD_H = 300;
/** Cards never shrink past this; beyond it the grid scrolls (never the page). */
export const MIN_CARD_W = 64;
export const MIN_CARD_H = 30;
/** The card shape the grid aims for. */
const TARGET_ASPECT = 1.6;

function gapFor(n: number): number {
  return n <= 12 ? 24 : n <= 60 ? 12 : 6;
}

/** The tier a card of this size can carry. */
export function tierFor(width: number, height: number): CardTier {
  if (height >= 180 && width >= 260) return 'full';
  if (height >= 100 && width >= 170) return 'medium';
  if (height >= 44 && width >= 72) return 'compact';
  return 'tiny';
}

const FONT: Readonly<Record<CardTier, number>> = { full: 22, medium: 18, compact: 13, tiny: 10 };

/**
 * Lays `n` host cards into a `width` × `height` box: tries every column
 * count and keeps the one whose cells hold the largest card of the target
 * shape, so 5 hosts get big cards and 200 get a dense grid that still fits
 * on the stage. Cards stay within MIN/MAX sizes; when the minimum does not
 * fit the grid scrolls inside its box.
 */
export function layoutHostGrid(n: number, width: number, height: number): HostGridLayout {
  const count = Math.max(1, n);
  const gap = gapFor(count);
  let best: { columns: number; score: number; w: number; h: number } | undefined;
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const w = (width - (columns - 1) * gap) / columns;
    const h = (height - (rows - 1) * gap) / rows;
    if (w < MIN_CARD_W) break;
    const score = Math.min(w / TARGET_ASPECT, h);
    if (!best || score > best.score) best = { columns, score, w, h };
  }
  if (!best) {
    // Even one column is narrower than the minimum: a single column that scrolls.
    best = { columns: 1, score: 0, w: Math.max(MIN_CARD_W, width), h: MIN_CARD_H };
  }
  const columns = best.columns;
  const rows = Math.ceil(count / columns);
  const cardHeight = Math.max(MIN_CARD_H, Math.min(MAX_CARD_H, Math.floor(best.h)));
  // Keep cards from turning into wide ribbons when rows are short.
  const cardWidth = Math.max(
    MIN_CARD_W,
    Math.min(MAX_CARD_W, Math.floor(best.w), Math.floor(cardHeight * 2.6)),
  );
  const tier = tierFor(cardWidth, cardHeight);
  return {
    columns,
    rows,
    cardWidth,
    cardHeight,
    gap,
    tier,
    fontSize: FONT[tier],
    scrolls: rows * cardHeight + (rows - 1) * gap > height + 0.5,
  };
}
