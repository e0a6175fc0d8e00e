import { css, html, nothing, type TemplateResult } from 'lit';
import { phaseColor, phaseGlyph } from '../../contract/palette.js';
import { phaseLabel } from '../../contract/vocabulary.js';
import { formatCount, formatPercent } from './format.js';
import type { ShareSegment } from './phase-shares.js';

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

/** Styles for `shareLegend`. */
export const shareLegendStyles = css`
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
`;
