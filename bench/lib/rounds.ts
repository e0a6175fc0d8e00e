/**
 * Floor and deck measured in alternating rounds. On a shared machine the same
 * page measured twice can differ by half (load elsewhere comes and goes), so a
 * figure is only compared with a floor measured next to it: each round pairs
 * one floor run with one deck run, the order flips every round (floor, deck,
 * deck, floor, …) so drift is shared out, and a scenario reports the median of
 * the per-round ratios with their spread. A target counts as met only when
 * every round meets it, the worst included. Pure but for `alternateRounds`, so
 * the unit tests pin it down (test/unit/bench/rounds.test.ts).
 */
import type { BenchRow } from '../types.js';
import { median } from './stats.js';

/** The fewest rounds a scenario runs: one noisy round cannot decide a median of three. */
export const MIN_ROUNDS = 3;

/** One round: the floor's figure and the deck's, measured one right after the other. */
export interface RoundPair {
  readonly floor: number;
  readonly deck: number;
}

/** Whether one round meets a target. */
export type RoundTarget = (round: RoundPair) => boolean;

/** The median of the per-round ratios (deck ÷ floor) and their spread. */
export interface RatioSpread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly rounds: number;
}

/** What a row prints for a metric measured in rounds. */
export interface RoundsSummary {
  /** Median of the deck's figures. */
  readonly deck: number;
  /** Median of the floor's figures. */
  readonly floor: number;
  readonly ratio: RatioSpread;
  /** Undefined without a target; else true only when every round meets it. */
  readonly met?: boolean;
  /** The rounds that missed the target (indices into the input). */
  readonly missed: readonly number[];
}

/**
 * Runs `rounds` rounds, each one floor run and one deck run, floor first in
 * even rounds and deck first in odd ones. Sequential: one page at a time.
 */
export async function alternateRounds<T>(
  rounds: number,
  floor: (round: number) => Promise<T>,
  deck: (round: number) => Promise<T>,
): Promise<{ floor: T; deck: T }[]> {
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new RangeError(`rounds must be a positive integer, got ${rounds}`);
  const out: { floor: T; deck: T }[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      const f = await floor(round);
      out.push({ floor: f, deck: await deck(round) });
    } else {
      const d = await deck(round);
      out.push({ floor: await floor(round), deck: d });
    }
  }
  return out;
}

/** The per-round ratios deck ÷ floor; NaN for a round without a usable floor. */
export function roundRatios(pairs: readonly RoundPair[]): number[] {
  return pairs.map(({ floor, deck }) =>
    floor !== 0 && Number.isFinite(floor) && Number.isFinite(deck) ? deck / floor : Number.NaN,
  );
}

/** Median, min and max of the per-round ratios (NaN when no round has a usable ratio). */
export function ratioSpread(pairs: readonly RoundPair[]): RatioSpread {
  const ratios = roundRatios(pairs).filter(Number.isFinite);
  if (ratios.length === 0)
    return { median: Number.NaN, min: Number.NaN, max: Number.NaN, rounds: pairs.length };
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios), rounds: pairs.length };
}

/** Sums up rounds: medians of each side, the ratio spread, and met only when no round missed `target`. */
export function summarizeRounds(pairs: readonly RoundPair[], target?: RoundTarget): RoundsSummary {
  if (pairs.length === 0) throw new RangeError('no rounds to sum up');
  const missed = target ? pairs.flatMap((pair, i) => (target(pair) ? [] : [i])) : [];
  return {
    deck: median(pairs.map((p) => p.deck)),
    floor: median(pairs.map((p) => p.floor)),
    ratio: ratioSpread(pairs),
    met: target ? missed.length === 0 : undefined,
    missed,
  };
}

/** Pairs up the rounds' results by a figure of each. */
export function pairsOf<T>(
  rounds: readonly { floor: T; deck: T }[],
  figure: (result: T) => number,
): RoundPair[] {
  return rounds.map((r) => ({ floor: figure(r.floor), deck: figure(r.deck) }));
}

/** Targets, as predicates on one round. */
export const targets = {
  /** The deck's figure at most `limit` (a time). */
  atMost:
    (limit: number): RoundTarget =>
    (r) =>
      r.deck <= limit,
  /** The deck's figure at least `limit` (a rate). */
  atLeast:
    (limit: number): RoundTarget =>
    (r) =>
      r.deck >= limit,
  /** The deck's figure at most `factor` × the same round's floor (a time). */
  atMostTimesFloor:
    (factor: number): RoundTarget =>
    (r) =>
      r.deck <= factor * r.floor,
  /** The deck's figure at least `share` × the same round's floor (a rate). */
  atLeastShareOfFloor:
    (share: number): RoundTarget =>
    (r) =>
      r.deck >= share * r.floor,
  /** Both targets. */
  all:
    (...all: readonly RoundTarget[]): RoundTarget =>
    (r) =>
      all.every((t) => t(r)),
  /** Either target. */
  any:
    (...any: readonly RoundTarget[]): RoundTarget =>
    (r) =>
      any.some((t) => t(r)),
} as const;

/** `d1 / d2 / d3` of one side's figures, for the notes. */
export function listRounds(values: readonly number[], format: (v: number) => string): string {
  return values.map(format).join(' / ');
}

/**
 * A table row for a metric measured in rounds: the medians of each side, the
 * ratio's median and spread, and `met` only when every round met `target`
 * (the rounds that missed are named in the note).
 */
export function roundsRow(
  row: Omit<BenchRow, 'value' | 'floor' | 'ratio' | 'met'>,
  pairs: readonly RoundPair[],
  target?: RoundTarget,
): BenchRow {
  const summary = summarizeRounds(pairs, target);
  const missed =
    summary.missed.length > 0
      ? `missed in round${summary.missed.length === 1 ? '' : 's'} ${summary.missed.map((i) => i + 1).join(', ')} of ${pairs.length}`
      : undefined;
  const note = [row.note, missed].filter(Boolean).join('; ');
  return {
    ...row,
    value: summary.deck,
    floor: summary.floor,
    ratio: summary.ratio,
    met: summary.met,
    ...(note ? { note } : {}),
  };
}
