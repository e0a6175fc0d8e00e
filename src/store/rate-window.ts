/**
 * A per-second event counter over a short trailing window, by arrival time.
 * Immutable: `addToRate` returns a new window. Bounded to `seconds` buckets.
 */
export interface RateWindow {
  /** Epoch second of the newest bucket. */
  readonly second: number;
  /** Counts, newest last; length is the window size. */
  readonly counts: readonly number[];
}

/** An empty window of `seconds` buckets. */
export function emptyRate(seconds = 10): RateWindow {
  return { second: 0, counts: new Array<number>(seconds).fill(0) };
}

function shiftTo(window: RateWindow, second: number): number[] {
  const size = window.counts.length;
  const gap = second - window.second;
  if (gap <= 0) return window.counts.slice();
  if (gap >= size) return new Array<number>(size).fill(0);
  return [...window.counts.slice(gap), ...new Array<number>(gap).fill(0)];
}

/** Adds `n` arrivals at `nowMs`. */
export function addToRate(window: RateWindow, nowMs: number, n: number): RateWindow {
  const second = Math.floor(nowMs / 1000);
  const counts = shiftTo(window, second);
  counts[counts.length - 1]! += n;
  return { second: Math.max(second, window.second), counts };
}

/**
 * Arrivals per second over the complete seconds of the window before `nowMs`
 * (the current, partial second is left out so the figure does not sag).
 */
export function ratePerSecond(window: RateWindow, nowMs: number): number {
  const second = Math.floor(nowMs / 1000);
  const counts = shiftTo(window, second);
  const complete = counts.slice(0, -1);
  const span = Math.min(complete.length, 5);
  let sum = 0;
  for (let i = complete.length - span; i < complete.length; i++) sum += complete[i]!;
  return span > 0 ? sum / span : 0;
}
