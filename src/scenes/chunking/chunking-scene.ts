import { css, html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { phaseColor, phaseGlyph } from '../../contract/palette.js';
import { PHASES, phaseLabel } from '../../contract/vocabulary.js';
import { emptyState } from '../shared/empty-state.js';
import { phaseSwatch } from '../shared/phase-swatch.js';
import { sceneStyles } from '../shared/scene-styles.js';
import { StoreController } from '../shared/store-controller.js';
import { swatchStyles } from '../shared/swatch-styles.js';
import { agreement, type ChunkCell, EPISODE_S, layoutChunks, timeScale, WINDOW_S } from './chunk-layout.js';

/** Dark ink on the phase colours: every phase colour is light enough for it. */
const INK = css`#050608`; // opaque: at 0.88 alpha it fell to 4.1:1 on infected running

/**
 * Scene 8: an episode cut into six 10-second windows. Each cell is painted by
 * its predicted phase (actual when no prediction came), the ground truth runs
 * as a strip beneath, and a cell whose truth disagrees is hatched. Window
 * indices outside 0–5 are ignored by the store and leave no trace here.
 *
 * @csspart empty - the empty state before the first prediction
 * @csspart timeline - the six windows and the truth strip
 * @csspart cell - one predicted window
 * @csspart truth - one window of the truth strip
 * @cssprop --fleet-border - outline of a window still waiting
 */
@customElement('fleet-chunking-scene')
export class FleetChunkingScene extends LitElement {
  static override styles = [
    sceneStyles,
    swatchStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 22px;
      }
      header h2 {
        margin: 0;
      }
      .episode code {
        font-size: 1em;
      }
      .lead {
        margin: 0;
      }
      .timeline {
        display: grid;
        grid-template-columns: 170px 1fr;
        grid-template-rows: 40px minmax(0, 1fr) 84px;
        row-gap: 12px;
        column-gap: 18px;
        flex: 1;
        min-height: 0;
        margin-top: 8px;
      }
      .row-label {
        display: flex;
        align-items: center;
        justify-content: flex-end;
        text-align: right;
        color: var(--fleet-muted);
      }
      .track {
        position: relative;
      }
      .tick {
        position: absolute;
        bottom: 0;
        font-size: 0.8em;
        color: var(--fleet-muted);
        font-variant-numeric: tabular-nums;
        transform: translateX(-50%);
        padding-bottom: 6px;
        white-space: nowrap;
      }
      .tick::after {
        content: '';
        position: absolute;
        left: 50%;
        bottom: -8px;
        height: 8px;
        border-left: 2px solid var(--fleet-grid);
      }
      .tick.first {
        transform: none;
      }
      .tick.first::after {
        left: 0;
      }
      .tick.last {
        transform: translateX(-100%);
      }
      .tick.last::after {
        left: auto;
        right: 0;
      }
      .cell,
      .truth {
        position: absolute;
        top: 0;
        bottom: 0;
        display: flex;
        flex-direction: column;
        justify-content: space-between;
        padding: 14px 16px;
        border-radius: 8px;
        overflow: hidden;
        color: ${INK};
      }
      .cell {
        border: 3px solid transparent;
      }
      .cell.waiting,
      .truth.unknown {
        border: 2px dashed var(--fleet-border);
        color: var(--fleet-muted);
        background: transparent;
      }
      .cell.mismatch::before {
        content: '';
        position: absolute;
        inset: 0;
        background: repeating-linear-gradient(135deg, transparent 0 12px, rgba(10, 12, 16, 0.6) 12px 17px);
        pointer-events: none;
      }
      /* An earlier episode's cell: the colour veiled by the background, the text in the theme's ink. */
      .cell.stale,
      .truth.stale {
        color: var(--fleet-fg);
      }
      .cell.stale::after,
      .truth.stale::after {
        content: '';
        position: absolute;
        inset: 0;
        background: var(--fleet-bg);
        opacity: 0.62;
      }
      .cell > span,
      .truth > span {
        position: relative;
        z-index: 1;
      }
      .window {
        position: relative;
        font-size: 0.8em;
        font-weight: 600;
      }
      .phase {
        position: relative;
        font-size: 1.35em;
        font-weight: 750;
        line-height: 1.1;
      }
      .waiting .phase {
        font-size: 1em;
        font-weight: 600;
      }
      .glyph {
        display: block;
        font-size: 1.3em;
        margin-bottom: 4px;
      }
      .note {
        position: relative;
        font-size: 0.72em;
        font-weight: 600;
      }
      /* Under the hatch, the words sit on plates of the cell's own colour so they stay legible. */
      .mismatch .window,
      .mismatch .phase,
      .mismatch .note {
        align-self: flex-start;
        margin-left: -6px;
        padding: 2px 6px;
        border-radius: 4px;
        background: var(--cell);
      }
      .truth {
        justify-content: center;
        padding: 6px 12px;
        font-size: 0.9em;
        font-weight: 650;
        line-height: 1.15;
      }
      .summary {
        margin: 0;
        font-size: 1.05em;
      }
      .summary b {
        font-variant-numeric: tabular-nums;
      }
      .key {
        display: inline-block;
        width: 1.4em;
        height: 0.95em;
        vertical-align: -0.1em;
        border-radius: 2px;
        margin-right: 0.35em;
      }
      .key.mismatch {
        background: repeating-linear-gradient(135deg, #e0b040 0 3px, #0b0d10 3px 5px);
      }
      .key.stale {
        background: #8a8f98;
        opacity: 0.35;
      }
    `,
  ];

  private readonly store = new StoreController(this, ['predictions']);

  /** The cells last drawn (for tests). */
  cells: readonly ChunkCell[] = [];

  private cell(c: ChunkCell): unknown {
    const style = `left:calc(${c.left}% + 4px);width:calc(${c.width}% - 8px)`;
    if (c.shown === undefined) {
      return html`<div class="cell waiting" part="cell" data-index=${c.index} style=${style}>
        <span class="window">window ${c.index}</span>
        <span class="phase">waiting</span>
        <span class="note">no prediction yet</span>
      </div>`;
    }
    const classes = ['cell', c.mismatch ? 'mismatch' : '', c.stale ? 'stale' : ''].join(' ');
    const note = c.stale
      ? `earlier episode ${c.episodeId ?? ''}`
      : c.predicted === undefined
        ? 'no prediction: truth shown'
        : c.mismatch
          ? 'disagrees with truth'
          : c.actual === undefined
            ? 'truth pending'
            : 'agrees with truth';
    return html`<div
      class=${classes}
      part="cell"
      data-index=${c.index}
      data-phase=${c.shown}
      style="${style};--cell:${phaseColor(c.shown)};background:var(--cell)"
    >
      <span class="window">window ${c.index}</span>
      <span class="phase"><span class="glyph" aria-hidden="true">${phaseGlyph(c.shown)}</span>${phaseLabel(c.shown)}</span>
      <span class="note">${note}</span>
    </div>`;
  }

  private truth(c: ChunkCell): unknown {
    const style = `left:calc(${c.left}% + 4px);width:calc(${c.width}% - 8px)`;
    if (c.actual === undefined) {
      return html`<div class="truth unknown ${c.stale ? 'stale' : ''}" part="truth" data-index=${c.index} style=${style}>
        <span>unknown</span>
      </div>`;
    }
    return html`<div
      class="truth ${c.stale ? 'stale' : ''}"
      part="truth"
      data-index=${c.index}
      data-phase=${c.actual}
      style="${style};background:${phaseColor(c.actual)}"
    >
      <span>${phaseGlyph(c.actual)} ${phaseLabel(c.actual)}</span>
    </div>`;
  }

  override render() {
    const predictions = this.store.state.predictions;
    if (predictions.episode_id === undefined) return emptyState('Chunking an episode', ['prediction']);
    const cells = layoutChunks(predictions);
    this.cells = cells;
    const { judged, agree } = agreement(cells);
    const ticks = timeScale.ticks(EPISODE_S / WINDOW_S);
    const summary = `Episode ${predictions.episode_id}: ${judged > 0 ? `${agree} of ${judged} windows agree with the ground truth` : 'no ground truth yet'}`;
    return html`
      <header class="scene-header">
        <h2>Chunking an episode</h2>
        <div class="episode">episode <code class="episode-id">${predictions.episode_id}</code></div>
      </header>
      <p class="lead muted">60 seconds of host telemetry, cut into six 10-second windows; each window is classified on its own.</p>
      <div class="timeline" part="timeline" role="img" aria-label=${summary}>
        <div></div>
        <div class="track axis" aria-hidden="true">
          ${ticks.map(
            (t, i) =>
              html`<span class="tick ${i === 0 ? 'first' : i === ticks.length - 1 ? 'last' : ''}" style="left:${timeScale(t)}%">${t} s</span>`,
          )}
        </div>
        <div class="row-label">predicted</div>
        <div class="track cells">${cells.map((c) => this.cell(c))}</div>
        <div class="row-label">ground truth</div>
        <div class="track truths">${cells.map((c) => this.truth(c))}</div>
      </div>
      <p class="summary">
        ${
          judged > 0
            ? html`<b class="agree">${agree} of ${judged}</b> windows agree with the ground truth`
            : html`<span class="muted">no ground truth for this episode yet</span>`
        }
      </p>
      <div class="legend" aria-hidden="true">
        ${PHASES.map((p) => phaseSwatch(p))}
        <span><span class="key mismatch"></span>prediction disagrees</span>
        ${cells.some((c) => c.stale) ? html`<span><span class="key stale"></span>earlier episode</span>` : nothing}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-chunking-scene': FleetChunkingScene;
  }
}
