import type { PerfPoint } from '../../store/models.js';

/**
 * True when `a` is at least as fast and at least as accurate as `b`, and
 * strictly better in one of the two: then nobody should pick `b`.
 */
export function dominates(a: PerfPoint, b: PerfPoint): boolean {
  return (
    a.latency_us <= b.latency_us &&
    a.accuracy >= b.accuracy &&
    (a.latency_us < b.latency_us || a.accuracy > b.accuracy)
  );
}

/**
 * The Pareto frontier of latency (lower is better) against accuracy (higher
 * is better): the points no other point dominates, fastest first. Along it,
 * each step buys accuracy with latency.
 */
export function paretoFrontier(points: readonly PerfPoint[]): PerfPoint[] {
  const sorted = [...points].sort((a, b) => a.latency_us - b.latency_us || b.accuracy - a.accuracy);
  const frontier: PerfPoint[] = [];
  let best = Number.NEGATIVE_INFINITY;
  for (const p of sorted) {
    // Sorted by latency, a point is on the frontier when it beats every faster point's accuracy
    // (or exactly ties the last frontier point: neither of two equal points dominates the other).
    const last = frontier[frontier.length - 1];
    const tie = last !== undefined && last.latency_us === p.latency_us && last.accuracy === p.accuracy;
    if (p.accuracy > best || tie) {
      frontier.push(p);
      best = p.accuracy;
    }
  }
  return frontier;
}
