import type { Browser } from 'playwright-core';

/** What every benchmark scenario gets from the runner (`npm run bench`). */
export interface BenchContext {
  /** Headless Chromium (SwiftShader WebGL), shared by all scenarios. */
  readonly browser: Browser;
  /** URL of the built site served on loopback, ending in `/`. */
  readonly siteUrl: string;
  /** Seconds a soak may run (the runner's option; scenarios scale to it). */
  readonly soakSeconds: number;
  /** Rounds of floor and deck, alternating (at least 3; bench/lib/rounds.ts). */
  readonly rounds?: number;
}

/** One line of the results table: a figure beside its floor measured in the same run. */
export interface BenchRow {
  readonly scenario: string;
  readonly metric: string;
  readonly unit: string;
  /** The deck's figure. */
  readonly value: number;
  /** The floor's figure (a bare page doing the least possible), when the metric has one. */
  readonly floor?: number;
  /** The target, as text ("≥ 0.5 × floor", "≤ 33 ms"). */
  readonly target?: string;
  /** Whether the target is met; undefined when there is none. Measured in rounds: every round met it. */
  readonly met?: boolean;
  /**
   * Measured in alternating rounds (bench/lib/rounds.ts): the median of the
   * per-round ratios deck ÷ floor and their min–max. `value` and `floor` are
   * then the medians of each side's rounds.
   */
  readonly ratio?: {
    readonly median: number;
    readonly min: number;
    readonly max: number;
    readonly rounds: number;
  };
  /** A short remark printed under the table (how it was measured, why it failed). */
  readonly note?: string;
}

/** A scenario module under bench/scenarios/ exports `run`. */
export type BenchScenario = (context: BenchContext) => Promise<BenchRow[]>;
