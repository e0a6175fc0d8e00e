/**
 * The fleet view's geometry (more than MAX_LANE_HOSTS hosts): how tall the
 * overview's rows are and which rows the panel magnifies around the focus.
 * Kept apart from the scene so the frame-time floor lays out the same rows.
 */

/** Row height bounds (px) of the overview. */
export const MIN_ROW = 2;
export const MAX_ROW = 10;
/** Height (px) of a magnified row in the panel. */
export const FOCUS_ROW = 26;
/** Rows magnified around the focused one (each side), at least. */
export const FOCUS_SPAN = 4;
/** Height kept under the magnified rows for the focused host's detail (px). */
export const FOCUS_DETAIL_PX = 150;

/** The overview's row height for `rows` rows in a box `boxHeight` tall: fractional heights fill it; below MIN_ROW the rows scroll. */
export function fleetRowHeight(rows: number, boxHeight: number): number {
  return rows === 0 ? MAX_ROW : Math.max(MIN_ROW, Math.min(MAX_ROW, boxHeight / rows));
}

/** The magnified rows [first, last) around row `focus` of `rows`: as many as fit above the detail card in a box `boxHeight` tall. */
export function focusWindow(rows: number, focus: number, boxHeight: number): { first: number; last: number } {
  const span = Math.max(FOCUS_SPAN, Math.floor((boxHeight - FOCUS_DETAIL_PX) / FOCUS_ROW / 2));
  const first = Math.max(0, Math.min(focus - span, rows - (2 * span + 1)));
  return { first, last: Math.min(rows, first + 2 * span + 1) };
}

/** Keys that move the focus through the rows, and how many rows each moves it (Home and End go to the ends). */
const FOCUS_STEPS: ReadonlyMap<string, number> = new Map([
  ['ArrowDown', 1],
  ['ArrowUp', -1],
  ['PageDown', 10],
  ['PageUp', -10],
]);

/** The row `key` moves the focus to from row `at` of `rows`, or undefined for a key that does not move it. */
export function focusMove(key: string, at: number, rows: number): number | undefined {
  if (rows === 0) return undefined;
  if (key === 'Home') return 0;
  if (key === 'End') return rows - 1;
  const step = FOCUS_STEPS.get(key);
  return step === undefined ? undefined : Math.max(0, Math.min(rows - 1, at + step));
}
