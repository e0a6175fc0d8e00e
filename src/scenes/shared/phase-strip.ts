import { phaseLabel } from '../../contract/vocabulary.js';
import { type PhaseBarOptions, type PhaseBarSegment, phaseBar } from './phase-bar.js';

/*
 * The phase strip is `phaseBar` (phase-bar.ts). These names stay only for
 * the collect and db scenes until their rewrite (issues 14 and 17) imports
 * phase-bar.ts; then delete this file.
 */

export { labelledUntil, phaseBarStyles as phaseStripStyles, stripSegments } from './phase-bar.js';

/** @deprecated `PhaseBarSegment`. */
export type StripSegment = PhaseBarSegment;

/** @deprecated `phaseBar`, with each segment's `text` set to its phase's name where `labels` was. */
export const phaseStrip = (
  segments: readonly PhaseBarSegment[],
  options: Pick<PhaseBarOptions, 'tail' | 'label'> & { readonly labels?: boolean } = {},
) =>
  phaseBar(options.labels ? segments.map((s) => ({ ...s, text: phaseLabel(s.phase) })) : segments, {
    tail: options.tail,
    label: options.label,
  });
