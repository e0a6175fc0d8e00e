import { css, html, nothing, type TemplateResult } from 'lit';
import { phaseColor, phaseGlyph } from '../../contract/palette.js';
import { phaseLabel } from '../../contract/vocabulary.js';
import { formatCount, formatPercent } from './format.js';
import type { ShareSegment } from './phase-shares.js';

/**
 * One stacked horizontal bar of phase shares: each phase's colour from the
 * palette, with its glyph and percent inside where there is room (the
 * legend beside it carries the rest). Needs `shareBarStyles`.
 */
export function shareBar(segments: readonly ShareSegment[], label: string): TemplateResult {
  return html`<div class="share-bar" role="img" aria-label=${label}>
    ${segments
      .filter((s) => s.share > 0)
      .map(
        (s) => html`<span
          class="share"
          data-phase=${s.phase}
          style="left:${(s.left * 100).toFixed(3)}%;width:${(s.share * 100).toFixed(3)}%;background:${phaseColor(s.phase)}"
          ><span class="share-text"><span class="share-glyph">${phaseGlyph(s.phase)}</span><span class="share-pct">${formatPercent(s.share)}</span></span></span
        >`,
      )}
  </div>`;
}

/** A legend row per phase: swatch, name, count (when counts are whole numbers) and percent. */
export function shareLegend(segments: readonly ShareSegment[], showCounts: boolean): TemplateResult {
  return html`<table class="share-legend">
    <tbody>
      ${segments.map(
        (s) => html`<tr data-phase=${s.phase} class=${s.count === 0 ? 'zero' : ''}>
          <td class="key"><span class="key-chip" style="background:${phaseColor(s.phase)}">${phaseGlyph(s.phase)}</span></td>
          <td class="name">${phaseLabel(s.phase)}</td>
          ${showCounts ? html`<td class="count">${formatCount(s.count)}</td>` : nothing}
          <td class="pct">${formatPercent(s.share)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Styles for `shareBar` and `shareLegend`; bar height from `--bar-height`. */
export const shareBarStyles = css`
  .share-bar {
    position: relative;
    height: var(--bar-height, 64px);
    border-radius: 8px;
    overflow: hidden;
    background: var(--fleet-code-bg);
  }
  .share {
    position: absolute;
    top: 0;
    bottom: 0;
    display: flex;
    align-items: center;
    justify-content: center;
    overflow: hidden;
    container-type: inline-size;
    color: #000;
    box-shadow: inset -2px 0 0 rgba(0, 0, 0, 0.35);
    transition:
      left 0.6s ease,
      width 0.6s ease;
  }
  .share-text {
    display: inline-flex;
    gap: 0.35em;
    align-items: baseline;
    font-weight: 700;
    font-size: var(--bar-font, 1em);
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  @container (max-width: 100px) {
    .share-glyph {
      display: none;
    }
  }
  @container (max-width: 66px) {
    .share-pct {
      display: none;
    }
  }
  .share-legend {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  .share-legend td {
    padding: 0.22em 0.5em;
  }
  .share-legend .count,
  .share-legend .pct {
    text-align: right;
  }
  .share-legend .pct {
    color: var(--fleet-muted);
  }
  .key-chip {
    display: inline-grid;
    place-items: center;
    width: 1.3em;
    height: 1.3em;
    border-radius: 4px;
    font-size: 0.85em;
    color: #000;
  }
  @media (prefers-reduced-motion: reduce) {
    .share {
      transition: none;
    }
  }
`;
