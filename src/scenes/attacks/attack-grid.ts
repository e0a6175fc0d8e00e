import type { ProfileCurve } from '../../store/profiles.js';

/** Profiles shown at once; the stage holds this many readable sparklines. */
export const MAX_VISIBLE_PROFILES = 24;
/** Width over height a sparkline cell looks best at. */
const TARGET_ASPECT = 1.9;

/** Rows and columns of the grid, and how large its text is. */
export interface GridShape {
  readonly cols: number;
  readonly rows: number;
  /** Font size of a profile's name, px; the shape line is 0.7 of it. */
  readonly nameSize: number;
}

/**
 * The column count whose cells come closest to a wide sparkline shape in a
 * `width × height` box, with `gap` between cells. Fewer profiles get bigger
 * cells and bigger type; 24 still fit a 1600×900 stage.
 */
export function gridShape(count: number, width: number, height: number, gap = 16): GridShape {
  const n = Math.max(1, Math.min(count, MAX_VISIBLE_PROFILES));
  let best = { cols: 1, rows: n, score: Number.POSITIVE_INFINITY };
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    const cellW = (width - gap * (cols - 1)) / cols;
    const cellH = (height - gap * (rows - 1)) / rows;
    if (cellW <= 0 || cellH <= 0) continue;
    // Empty cells in the last row cost a little, so 7 profiles do not pick 4×2 over 3×3 for free.
    const score = Math.abs(Math.log(cellW / cellH / TARGET_ASPECT)) + (cols * rows - n) * 0.04;
    if (score < best.score) best = { cols, rows, score };
  }
  const nameSize = n <= 4 ? 30 : n <= 9 ? 25 : n <= 16 ? 21 : 18;
  return { cols: best.cols, rows: best.rows, nameSize };
}

/**
 * The profiles on screen: the most recently updated `MAX_VISIBLE_PROFILES`,
 * sorted by name so a replaced curve keeps its place in the grid.
 */
export function visibleProfiles(byName: ReadonlyMap<string, ProfileCurve>): {
  shown: ProfileCurve[];
  hidden: number;
} {
  const all = [...byName.values()];
  const shown = all.slice(-MAX_VISIBLE_PROFILES);
  shown.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { shown, hidden: all.length - shown.length };
}
