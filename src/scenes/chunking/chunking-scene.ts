import { html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { SCENE_TEXT } from '../../content/deck-text.js';
import { displayText } from '../../contract/display-text.js';
import { phaseColor, phaseGlyph } from '../../contract/palette.js';
import { PHASES, phaseLabel } from '../../contract/vocabulary.js';
import { emptyState } from '../shared/empty-state.js';
import { phaseSwatch } from '../shared/phase-swatch.js';
import { StoreController } from '../shared/store-controller.js';
import { agreement, type ChunkCell, EPISODE_S, layoutChunks, timeScale, WINDOW_S } from './chunk-layout.js';
import { chunkingSceneStyles } from './chunking-scene.styles.js';

const text = SCENE_TEXT.chunking;

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
  static override styles = chunkingSceneStyles;

  private readonly store = new StoreController(this, ['predictions']);

  /** The cells last drawn (for tests). */
  cells: readonly ChunkCell[] = [];

  private cell(c: ChunkCell): unknown {
    const style = `left:calc(${c.left}% + 4px);width:calc(${c.width}% - 8px)`;
    if (c.shown === undefined) {
      return html`<div class="cell waiting" part="cell" data-index=${c.index} style=${style}>
        <span class="window">window ${c.index}</span>
        <span class="phase">${text.waiting}</span>
        <span class="note">${text.noPrediction}</span>
      </div>`;
    }
    const classes = ['cell', c.mismatch ? 'mismatch' : '', c.stale ? 'stale' : ''].join(' ');
    const note = c.stale
      ? `earlier episode ${displayText(c.episodeId) ?? ''}`
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
        <span>${text.unknown}</span>
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
    if (predictions.episode_id === undefined) return emptyState(text.heading, ['prediction']);
    const cells = layoutChunks(predictions);
    this.cells = cells;
    const { judged, agree } = agreement(cells);
    const ticks = timeScale.ticks(EPISODE_S / WINDOW_S);
    const summary = `Episode ${displayText(predictions.episode_id)}: ${judged > 0 ? `${agree} of ${judged} windows agree with the ground truth` : 'no ground truth yet'}`;
    return html`
      <header class="scene-header">
        <h2>${text.heading}</h2>
        <div class="episode">episode <code class="episode-id">${displayText(predictions.episode_id)}</code></div>
      </header>
      <p class="lead muted">${text.lead}</p>
      <div class="timeline" part="timeline" role="img" aria-label=${summary}>
        <div></div>
        <div class="track axis" aria-hidden="true">
          ${ticks.map(
            (t, i) =>
              html`<span class="tick ${i === 0 ? 'first' : i === ticks.length - 1 ? 'last' : ''}" style="left:${timeScale(t)}%">${t} s</span>`,
          )}
        </div>
        <div class="row-label">${text.predicted}</div>
        <div class="track cells">${cells.map((c) => this.cell(c))}</div>
        <div class="row-label">${text.truth}</div>
        <div class="track truths">${cells.map((c) => this.truth(c))}</div>
      </div>
      <p class="summary">
        ${
          judged > 0
            ? html`<b class="agree">${agree} of ${judged}</b> ${text.agree}`
            : html`<span class="muted">${text.noTruth}</span>`
        }
      </p>
      <div class="legend" aria-hidden="true">
        ${PHASES.map((p) => phaseSwatch(p))}
        <span><span class="key mismatch"></span>${text.mismatch}</span>
        ${cells.some((c) => c.stale) ? html`<span><span class="key stale"></span>${text.stale}</span>` : nothing}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-chunking-scene': FleetChunkingScene;
  }
}
