/**
 * Small statistics for benchmark samples. Pure, so the unit tests pin them
 * down (test/unit/bench/stats.test.ts).
 */

/**
 * The `p`-th percentile (0–100) of `samples` by linear interpolation between
 * closest ranks (the method of NumPy's default and most spreadsheets), or NaN
 * for no samples. The input is not modified.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} is outside 0–100`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** The median (50th percentile). */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Intervals between consecutive timestamps (e.g. animation frames), in the timestamps' unit. */
export function intervals(timestamps: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < timestamps.length; i++) out.push(timestamps[i]! - timestamps[i - 1]!);
  return out;
}

/** A cumulative counter sampled over time: `[timeMs, count]` pairs, time ascending. */
export type CounterSamples = readonly (readonly [timeMs: number, count: number])[];

/**
 * The counter's value at `timeMs`, interpolated linearly between the samples
 * around it (held flat before the first and after the last sample).
 */
export function counterAt(samples: CounterSamples, timeMs: number): number {
  if (samples.length === 0) return 0;
  const first = samples[0]!;
  if (timeMs <= first[0]) return first[1];
  for (let i = 1; i < samples.length; i++) {
    const [t1, c1] = samples[i]!;
    if (timeMs <= t1) {
      const [t0, c0] = samples[i - 1]!;
      return t1 === t0 ? c1 : c0 + ((c1 - c0) * (timeMs - t0)) / (t1 - t0);
    }
  }
  return samples[samples.length - 1]![1];
}

/** Counts per second between `fromMs` and `toMs` of a cumulative counter. */
export function ratePerSecond(samples: CounterSamples, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return Number.NaN;
  return ((counterAt(samples, toMs) - counterAt(samples, fromMs)) * 1000) / (toMs - fromMs);
}
