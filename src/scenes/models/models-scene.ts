import { html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { SCENE_TEXT } from '../../content/deck-text.js';
import { displayText } from '../../contract/display-text.js';
import { emptyState } from '../shared/empty-state.js';
import { SizeController } from '../shared/size-controller.js';
import { StoreController } from '../shared/store-controller.js';
import { AXIS_MIN, axisTicks, layoutBars, type ModelBar, percent, rowMetrics } from './bar-layout.js';
import { modelsSceneStyles } from './models-scene.styles.js';

const text = SCENE_TEXT.models;

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
  static override styles = modelsSceneStyles;

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
        }${bar.best ? html`<span class="best">${text.best}</span>` : ''}</span
      >
    </div>`;
  }

  override render() {
    const { accuracy } = this.store.state.models;
    if (accuracy.size === 0) return emptyState(text.heading, ['model_metric']);
    const bars = layoutBars(accuracy);
    this.bars = bars;
    const { bar, font } = rowMetrics(bars.length, this.plot.height || 640);
    const rows = `grid-template-rows:repeat(${bars.length}, minmax(0, 1fr))`;
    const ticks = axisTicks();
    const summary = bars.map((b) => `${displayText(b.model)} ${percent(b.accuracy)}`).join(', ');
    return html`
      <header class="scene-header">
        <h2>${text.heading}</h2>
        <p class="muted">${text.caption}</p>
      </header>
      <div class="chart" part="chart" role="img" aria-label=${`Accuracy per model: ${summary}`} style="--bar:${bar}px;font-size:${font}px">
        <div class="names" style=${rows}>
          ${bars.map(
            (b) =>
              html`<div class="name" title=${displayText(b.model)}><span class="dot" style="background:${b.color}"></span><span class="label">${displayText(b.model)}</span></div>`,
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
