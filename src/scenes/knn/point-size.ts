/** Dot diameter in CSS pixels for a few hundred points. */
const MAX_SIZE = 10;
/** Dot diameter in CSS pixels at the 100,000-point cap. */
const MIN_SIZE = 2.6;

/**
 * The dot diameter (CSS px, at the default view distance) for `count` points:
 * big dots while there are few, shrinking with the fourth root of the count so
 * 100,000 points stay a cloud and not a blob. Zooming in enlarges them.
 */
export function pointSizePx(count: number): number {
  if (count <= 500) return MAX_SIZE;
  return Math.max(MIN_SIZE, Math.min(MAX_SIZE, MAX_SIZE * (500 / count) ** 0.25));
}
