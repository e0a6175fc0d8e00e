import { phaseBar, phaseBarStyles } from './phase-bar.js';
import { type ShareSegment, shareBarSegments } from './phase-shares.js';
import { shareLegendStyles } from './share-legend.js';

/*
 * The share bar is `phaseBar` with `variant: 'share'` (phase-bar.ts). These
 * names stay only for the collect and db scenes until their rewrite (issues
 * 14 and 17) imports phase-bar.ts and share-legend.ts; then delete this file.
 */

export { shareLegend } from './share-legend.js';

/** @deprecated `phaseBar(shareBarSegments(segments), { variant: 'share', label })`. */
export const shareBar = (segments: readonly ShareSegment[], label: string) =>
  phaseBar(shareBarSegments(segments), { variant: 'share', label });

/** @deprecated `phaseBarStyles` and `shareLegendStyles`. */
export const shareBarStyles = [phaseBarStyles, shareLegendStyles];
