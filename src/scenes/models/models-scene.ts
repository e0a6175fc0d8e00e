import { css, html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { emptyState } from '../shared/empty-state.js';
import { sceneStyles } from '../shared/scene-styles.js';
import { SizeController } from '../shared/size-controller.js';
import { StoreController } from '../shared/store-controller.js';
import { AXIS_MIN, axisTicks, layoutBars, type ModelBar, percent, rowMetrics } from './bar-layout.js';

/** Room right of the bar area for the value label of a full-length bar. */
const LABEL_ROOM = 190;

/**
 * Scene 9: one horizontal accuracy bar per model on a 0.5–1.0 scale, in
 * model colours with value labels. Bars glide to new values as metrics
 * arrive, unless the viewer asks for reduced motion.
 *
 * @csspart empty - the empty state before the first metric
 * @csspart chart - the bars and their axis
 * @csspart bar - one model's bar
 * @cssprop --fleet-grid - gridlines
 * @cssprop --fleet-accent - the "best" badge
 */
@customElement('fleet-models-scene')
export class FleetModelsScene extends LitElement {
  static override styles = [
    sceneStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
      }
      header p {
        margin: 0;
      }
      .chart {
        flex: 1;
        min-height: 0;
        display: grid;
        grid-template-columns: 230px 1fr;
        grid-template-rows: minmax(0, 1fr) 44px;
        column-gap: 20px;
        margin-top: 12px;
      }
      .names,
      .rows {
        display: grid;
        min-height: 0;
      }
      .name {
        display: flex;
        align-items: center;
        justify-content: flex-end;
        gap: 0.45em;
        font-family: var(--fleet-mono);
        font-weight: 700;
        overflow: hidden;
        white-space: nowrap;
      }
      .name .label {
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .name .dot {
        flex: none;
        width: 0.6em;
        height: 0.6em;
        border-radius: 50%;
      }
      .plot {
        position: relative;
        margin-right: ${LABEL_ROOM}px;
        min-height: 0;
      }
      .grid-line {
        position: absolute;
        top: 0;
        bottom: 0;
        border-left: 1px solid var(--fleet-grid);
      }
      .grid-line.axis {
        border-left: 2px solid var(--fleet-muted);
      }
      .rows {
        position: absolute;
        inset: 0;
      }
      .row {
        position: relative;
        display: flex;
        align-items: center;
      }
      .bar {
        height: var(--bar, 48px);
        border-radius: 0 6px 6px 0;
        transition: width 700ms cubic-bezier(0.22, 1, 0.36, 1);
      }
      .value {
        position: absolute;
        top: 50%;
        transform: translateY(-50%);
        padding-left: 14px;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
        transition: left 700ms cubic-bezier(0.22, 1, 0.36, 1);
      }
      .value .note {
        font-weight: 400;
        font-size: 0.7em;
        color: var(--fleet-muted);
      }
      /* A value below the axis: an arrow at the axis pointing further left, in the model's colour. */
      .pin {
        margin-right: 0.3em;
      }
      .best {
        margin-left: 0.6em;
        padding: 0.05em 0.5em;
        border-radius: 999px;
        font-size: 0.6em;
        font-weight: 700;
        vertical-align: 0.2em;
        color: var(--fleet-bg);
        background: var(--fleet-accent);
      }
      .ticks {
        grid-column: 2;
        position: relative;
        margin-right: ${LABEL_ROOM}px;
      }
      .tick {
        position: absolute;
        top: 8px;
        transform: translateX(-50%);
        font-size: 0.8em;
        color: var(--fleet-muted);
        font-variant-numeric: tabular-nums;
      }
      @media (prefers-reduced-motion: reduce) {
        .bar,
        .value {
          transition: none;
        }
      }
    `,
  ];

  private readonly store = new StoreController(this, ['models']);

  private readonly plot = new SizeController(this, '.plot');

  /** The bars last drawn (for tests). */
  bars: readonly ModelBar[] = [];

  private row(bar: ModelBar): unknown {
    return html`<div class="row" part="bar" data-model=${bar.model}>
      <div class="bar" style="width:${bar.width}%;background:${bar.color}"></div>
      <span class="value" style="left:${bar.width}%"
        >${bar.pinned ? html`<span class="pin" style="color:${bar.color}" aria-hidden="true">◀</span>` : ''}${percent(bar.accuracy)}${
          bar.pinned ? html` <span class="note">below ${percent(AXIS_MIN)}</span>` : ''
        }${bar.best ? html`<span class="best">best</span>` : ''}</span
      >
    </div>`;
  }

  override render() {
    const { accuracy } = this.store.state.models;
    if (accuracy.size === 0) return emptyState('Model accuracy', ['model_metric']);
    const bars = layoutBars(accuracy);
    this.bars = bars;
    const { bar, font } = rowMetrics(bars.length, this.plot.height || 640);
    const rows = `grid-template-rows:repeat(${bars.length}, minmax(0, 1fr))`;
    const ticks = axisTicks();
    const summary = bars.map((b) => `${b.model} ${percent(b.accuracy)}`).join(', ');
    return html`
      <header class="scene-header">
        <h2>Model accuracy</h2>
        <p class="muted">held-out windows · latest metric per model</p>
      </header>
      <div class="chart" part="chart" role="img" aria-label=${`Accuracy per model: ${summary}`} style="--bar:${bar}px;font-size:${font}px">
        <div class="names" style=${rows}>
          ${bars.map(
            (b) =>
              html`<div class="name" title=${b.model}><span class="dot" style="background:${b.color}"></span><span class="label">${b.model}</span></div>`,
          )}
        </div>
        <div class="plot">
          ${ticks.map((t) => html`<div class="grid-line ${t.value === AXIS_MIN ? 'axis' : ''}" style="left:${t.left}%"></div>`)}
          <div class="rows" style=${rows}>${bars.map((b) => this.row(b))}</div>
        </div>
        <div class="ticks" aria-hidden="true">
          ${ticks.map((t) => html`<span class="tick" style="left:${t.left}%">${t.label}</span>`)}
        </div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-models-scene': FleetModelsScene;
  }
}
