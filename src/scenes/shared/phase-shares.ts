import { PHASES, vocabularyOrder } from '../../contract/vocabulary.js';
import { formatPercent } from './format.js';
import type { PhaseBarSegment } from './phase-bar.js';

/** One phase's part of a stacked bar: its count, share and where it starts (fractions of the bar). */
export interface ShareSegment {
  readonly phase: string;
  readonly count: number;
  readonly share: number;
  readonly left: number;
}

const byVocabulary = vocabularyOrder(PHASES);

/**
 * Counts (or fractions) per phase as a stacked bar: the five known phases
 * in vocabulary order (zero counts included, so a legend always lists
 * them), then any other labels alphabetically. Negative or non-finite
 * values count as zero. Shares sum to 1 when the total is positive.
 */
export function shareSegments(counts: Readonly<Record<string, number>>): ShareSegment[] {
  const phases = new Set<string>(PHASES);
  for (const key of Object.keys(counts)) phases.add(key);
  const value = (p: string) => {
    const v = Object.hasOwn(counts, p) ? counts[p]! : 0;
    return Number.isFinite(v) && v > 0 ? v : 0;
  };
  let total = 0;
  for (const p of phases) total += value(p);
  let left = 0;
  return [...phases].sort(byVocabulary).map((phase) => {
    const count = value(phase);
    const share = total > 0 ? count / total : 0;
    const segment = { phase, count, share, left };
    left += share;
    return segment;
  });
}

/** True when every value is a whole number (counts, not fractions), so counts can be shown. */
export function areCounts(segments: readonly ShareSegment[]): boolean {
  return segments.every((s) => Number.isInteger(s.count));
}

/** The bar segments of `segments`: phases with a share, each labelled with its percent. */
export function shareBarSegments(segments: readonly ShareSegment[]): PhaseBarSegment[] {
  return segments
    .filter((s) => s.share > 0)
    .map((s) => ({ phase: s.phase, left: s.left, width: s.share, text: formatPercent(s.share) }));
}
