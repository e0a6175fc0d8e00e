/** Columns and type size for a list of `count` references. */
export interface ReferenceLayout {
  readonly columns: 1 | 2;
  /** Base font size, px. */
  readonly fontSize: number;
}

/** The smallest type the list shrinks to before it lets the box scroll. */
export const MIN_REFERENCE_FONT = 11;

/**
 * A first guess that fits a 1600×900 stage: a short list in one column of
 * large type, longer lists in two columns of smaller type. The scene then
 * shrinks further if the measured list still overflows (long titles).
 */
export function referenceLayout(count: number): ReferenceLayout {
  if (count <= 7) return { columns: 1, fontSize: 24 };
  if (count <= 12) return { columns: 2, fontSize: 19 };
  if (count <= 18) return { columns: 2, fontSize: 17 };
  if (count <= 26) return { columns: 2, fontSize: 15.5 };
  if (count <= 36) return { columns: 2, fontSize: 13 };
  return { columns: 2, fontSize: Math.max(MIN_REFERENCE_FONT, 13 - (count - 36) * 0.1) };
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
