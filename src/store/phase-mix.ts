import type { EventOf } from '../contract/schemas.js';
import { countOf, countRecord } from './records.js';

type PhaseEventData = EventOf<'phase'>;
type PhaseMixEventData = EventOf<'phase_mix'>;

/** The rolling window of the baseline, by arrival time. */
export const PHASE_WINDOW_S = 300;

interface SecondBucket {
  readonly second: number;
  readonly counts: Readonly<Record<string, number>>;
}

export interface PhaseMixState {
  /** Per-second counts of `phase` events, oldest first, within the window. */
  readonly buckets: readonly SecondBucket[];
  /** A mix set directly by a `phase_mix` event, with its arrival time (ms). */
  readonly direct?: {
    readonly mix: Readonly<Record<string, number>>;
    readonly windowS: number;
    readonly at: number;
  };
  /** Arrival time (ms) of the last `phase` event. */
  readonly lastPhaseAt?: number;
}

export const emptyPhaseMix: PhaseMixState = { buckets: [] };

function pruned(buckets: readonly SecondBucket[], nowSecond: number): SecondBucket[] {
  const from = nowSecond - PHASE_WINDOW_S;
  let start = 0;
  while (start < buckets.length && buckets[start]!.second <= from) start++;
  return buckets.slice(start);
}

/** Counts `phase` events by arrival second; a `phase_mix` replaces the picture directly. */
export function reducePhaseMix(
  state: PhaseMixState,
  events: readonly (PhaseEventData | PhaseMixEventData)[],
  now: number,
): PhaseMixState {
  if (events.length === 0) return state;
  const second = Math.floor(now / 1000);
  const buckets = pruned(state.buckets, second);
  let { direct, lastPhaseAt } = state;
  // The current second's counts, copied once per reduction and then counted into in
  // place (a copy per event was most of this reducer's cost); earlier states keep theirs.
  let counts: Record<string, number> | undefined;
  for (const event of events) {
    if (event.type === 'phase_mix') {
      direct = { mix: event.mix, windowS: event.window_s ?? PHASE_WINDOW_S, at: now };
      continue;
    }
    lastPhaseAt = now;
    if (counts === undefined) {
      const last = buckets[buckets.length - 1];
      if (last && last.second === second) {
        counts = Object.assign(countRecord(), last.counts);
        buckets[buckets.length - 1] = { second, counts };
      } else {
        counts = countRecord();
        buckets.push({ second, counts });
      }
    }
    counts[event.phase] = countOf(counts, event.phase) + 1;
  }
  return { buckets, direct, lastPhaseAt };
}

/** What the baseline shows now: counts per phase and where they came from. */
export interface PhaseShares {
  readonly counts: Readonly<Record<string, number>>;
  readonly total: number;
  readonly source: 'phase' | 'phase_mix' | 'none';
}

/**
 * The mix at `now`: the newer of a direct `phase_mix` (until its window ages
 * out) and the rolling count of `phase` events; an idle bus ages to empty.
 */
export function phaseSharesAt(state: PhaseMixState, now: number): PhaseShares {
  const direct = state.direct;
  const directLive = direct !== undefined && now - direct.at < direct.windowS * 1000;
  if (directLive && (state.lastPhaseAt === undefined || direct.at >= state.lastPhaseAt)) {
    let total = 0;
    for (const v of Object.values(direct.mix)) total += v;
    return { counts: direct.mix, total, source: 'phase_mix' };
  }
  const counts = countRecord();
  let total = 0;
  for (const bucket of pruned(state.buckets, Math.floor(now / 1000))) {
    for (const [phase, n] of Object.entries(bucket.counts)) {
      counts[phase] = countOf(counts, phase) + n;
      total += n;
    }
  }
  return { counts, total, source: total > 0 ? 'phase' : 'none' };
}

/** One bin of the baseline's history: counts per phase in `binS` seconds. */
export interface PhaseHistoryBin {
  /** Seconds before `now` at which the bin starts (oldest bin has the largest value). */
  readonly startAgoS: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly total: number;
}

/**
 * The rolling window of `phase` counts cut into `binS`-second bins, oldest
 * first, covering exactly the window at `now` (PHASE_WINDOW_S / binS bins,
 * so at most 300). Empty bins are kept so the history keeps its time axis as
 * it rolls. A `phase_mix` has no history and is not included.
 */
export function phaseHistory(state: PhaseMixState, now: number, binS = 10): PhaseHistoryBin[] {
  const bin = Math.max(1, Math.min(PHASE_WINDOW_S, Math.round(binS)));
  const nowSecond = Math.floor(now / 1000);
  const binCount = Math.ceil(PHASE_WINDOW_S / bin);
  const bins = Array.from({ length: binCount }, (_, i) => ({
    startAgoS: (binCount - i) * bin,
    counts: countRecord(),
    total: 0,
  }));
  for (const bucket of pruned(state.buckets, nowSecond)) {
    const ago = nowSecond - bucket.second; // 0 … PHASE_WINDOW_S - 1
    const index = binCount - 1 - Math.floor(ago / bin);
    const target = bins[index];
    if (!target) continue;
    for (const [phase, n] of Object.entries(bucket.counts)) {
      target.counts[phase] = countOf(target.counts, phase) + n;
      target.total += n;
    }
  }
  return bins;
}
