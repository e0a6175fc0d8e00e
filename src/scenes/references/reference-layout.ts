/** Columns, type size and density for a list of references. */
export interface ReferenceLayout {
  readonly columns: 1 | 2 | 3;
  /** Base font size, px. */
  readonly fontSize: number;
  /** Links run on after the venue instead of on their own line. */
  readonly compact: boolean;
}

/** The smallest type the list shrinks to. */
export const MIN_REFERENCE_FONT = 11;
/** How much each fitting step takes off the type, px. */
const STEP_PX = 0.5;
/** Where the three-column layout starts before it shrinks too. */
const THREE_COLUMN_FONT = 13;

/** A first guess that fits a 1600×900 stage for typical entries. */
function firstGuess(count: number): ReferenceLayout {
  if (count <= 7) return { columns: 1, fontSize: 24, compact: false };
  if (count <= 12) return { columns: 2, fontSize: 19, compact: false };
  if (count <= 18) return { columns: 2, fontSize: 17, compact: false };
  if (count <= 26) return { columns: 2, fontSize: 15.5, compact: false };
  return { columns: 2, fontSize: 13.5, compact: true };
}

/**
 * The layout for `count` references after `step` fitting steps. Step 0 is
 * the first guess; each step takes half a pixel off the type down to
 * `MIN_REFERENCE_FONT`; past that, three columns of compact entries, again
 * shrinking. The scene takes steps while its measured list overflows.
 */
export function referenceLayout(count: number, step = 0): ReferenceLayout {
  const first = firstGuess(count);
  const shrinkSteps = Math.floor((first.fontSize - MIN_REFERENCE_FONT) / STEP_PX);
  if (step <= shrinkSteps) return { ...first, fontSize: first.fontSize - step * STEP_PX };
  const extra = step - shrinkSteps - 1;
  return {
    columns: 3,
    fontSize: Math.max(MIN_REFERENCE_FONT, THREE_COLUMN_FONT - extra * STEP_PX),
    compact: true,
  };
}

/** True when no further step makes the type smaller or the columns more. */
export function isSmallestLayout(count: number, step: number): boolean {
  const layout = referenceLayout(count, step);
  return layout.columns === 3 && layout.fontSize <= MIN_REFERENCE_FONT;
}

/** The URL as shown on a slide: without the scheme and a trailing slash. */
export function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

/** Only plain web links become anchors; anything else stays text. */
export function isWebLink(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Ends a piece of a citation with a full stop unless it already ends with one ("et al.", "?"). */
export function sentence(text: string): string {
  return /[.?!]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}
