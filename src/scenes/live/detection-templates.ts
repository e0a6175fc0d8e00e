import { html, nothing } from 'lit';
import { SCENE_TEXT } from '../../content/deck-text.js';
import { displayText } from '../../contract/display-text.js';
import { modelColor, phaseGlyph } from '../../contract/palette.js';
import { phaseLabel } from '../../contract/vocabulary.js';
import {
  LANE_CAPACITY,
  type LaneCell,
  type LiveLanesState,
  laneCell,
  laneLength,
} from '../../store/live-lanes.js';
import { formatCount, formatCountOf } from '../shared/format.js';
import { phaseSwatch } from '../shared/phase-swatch.js';

const text = SCENE_TEXT.live;

/** A fraction as a percentage with one decimal: hit rates differ in the first decimal. */
export const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

/** The most cells any lane holds, at least 12 (a young fleet's lanes are short). */
export function longestLane(live: LiveLanesState): number {
  let longest = 12;
  const lengths = live.cells.length;
  for (let s = 0; s < live.cells.slots; s++) if (lengths[s]! > longest) longest = lengths[s]!;
  return Math.min(LANE_CAPACITY, longest);
}

/** A cell under the pointer: which host, which of its cells, and where to put the tooltip. */
export interface Hovered {
  readonly host: string;
  readonly index: number;
  readonly left: number;
  readonly top: number;
  /** The tooltip ends at `left` rather than starting there (see tooltipX). */
  readonly flip: boolean;
}

/**
 * Where the tooltip of a cell goes in a box `width` px wide: from `after`
 * (past the cell's left edge), or, for a cell in the right half, ending at
 * `before` (its right edge). A width guessed for the tooltip cut its longer
 * lines off at the scene's right edge.
 */
export function tooltipX(after: number, before: number, width: number): { left: number; flip: boolean } {
  const flip = after > width / 2;
  return { left: flip ? before : after, flip };
}

/** The tooltip of the hovered cell, or nothing once that cell has left its lane. */
export function cellTooltip(live: LiveLanesState, hovered: Hovered | undefined): unknown {
  if (!hovered) return nothing;
  const c = laneCell(live, hovered.host, hovered.index);
  if (!c) return nothing;
  return html`<div class="tooltip" role="tooltip" style="left:${hovered.left}px;top:${hovered.top}px${hovered.flip ? ';transform:translateX(-100%)' : ''}">
    <div><b>${displayText(c.host_id)}</b> · ${displayText(c.model) ?? 'model ?'} · ${displayText(c.profile) ?? ''}</div>
    <div>episode ${displayText(c.episode_id) ?? '—'} · window ${c.window_idx ?? '—'}</div>
    <div>predicted ${phaseGlyph(c.predicted)} ${phaseLabel(c.predicted)} · actual ${c.actual !== undefined ? `${phaseGlyph(c.actual)} ${phaseLabel(c.actual)}` : 'pending'}</div>
    <div>confidence ${c.confidence !== undefined ? percent(c.confidence) : '—'}${c.latency_ms !== undefined ? ` · ${c.latency_ms.toFixed(1)} ms` : ''}</div>
  </div>`;
}

/** The latest detection, at the scene's foot. */
export function latestCallout(cell: LaneCell): unknown {
  return html`<div class="callout" part="callout" style="--callout-color:${modelColor(cell.model)}" aria-live="off">
    <span class="muted">${text.latest}</span>
    <span class="id host-id" title=${displayText(cell.host_id)}>${displayText(cell.host_id)}</span>
    ${cell.model !== undefined ? html`<span>${displayText(cell.model)}</span>` : nothing}
    ${cell.profile !== undefined ? html`<span class="muted">${displayText(cell.profile)}</span>` : nothing}
    <span>predicted ${phaseSwatch(cell.predicted)}</span>
    ${cell.actual !== undefined ? html`<span>actual ${phaseSwatch(cell.actual)}</span>` : html`<span class="muted">${text.actualPending}</span>`}
    ${cell.confidence !== undefined ? html`<span><b>${Math.round(cell.confidence * 100)}%</b> ${text.confident}</span>` : nothing}
    ${cell.latency_ms !== undefined ? html`<span>${cell.latency_ms.toFixed(1)} ms</span>` : nothing}
  </div>`;
}

/**
 * The fleet view's card for the focused host: its latest detection and how
 * its lane stands, so the reader need not decode a thin row's colours.
 */
export function focusDetail(live: LiveLanesState, host: string | undefined): unknown {
  if (host === undefined) return html`<div class="detail muted">${text.noMatch}</div>`;
  const len = laneLength(live, host);
  const latest = laneCell(live, host, len - 1);
  let disagree = 0;
  let pending = 0;
  for (let i = 0; i < len; i++) {
    const c = laneCell(live, host, i)!;
    if (c.actual === undefined) pending++;
    else if (c.actual !== c.predicted) disagree++;
  }
  return html`<div class="detail" aria-live="polite">
    <div class="full-id">${displayText(host)}</div>
    ${
      latest
        ? html`<div class="line">
            ${latest.profile !== undefined ? html`<span class="muted">${latest.profile}</span>` : nothing}
            ${latest.model !== undefined ? html`<span>${latest.model}</span>` : nothing}
            <span>predicted ${phaseSwatch(latest.predicted)}</span>
            ${latest.actual !== undefined ? html`<span>actual ${phaseSwatch(latest.actual)}</span>` : html`<span class="muted">${text.actualPending}</span>`}
            ${latest.confidence !== undefined ? html`<span><b>${Math.round(latest.confidence * 100)}%</b> ${text.confident}</span>` : nothing}
          </div>`
        : nothing
    }
    <div class="line muted">${formatCountOf(len, 'window')} in the lane · ${formatCountOf(disagree, 'disagrees', 'disagree')} · ${formatCount(pending)} waiting for truth</div>
  </div>`;
}
