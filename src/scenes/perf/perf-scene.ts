import { html, LitElement, svg } from 'lit';
import { customElement } from 'lit/decorators.js';
import { SCENE_TEXT } from '../../content/deck-text.js';
import { displayText } from '../../contract/display-text.js';
import { emptyState } from '../shared/empty-state.js';
import { SizeController } from '../shared/size-controller.js';
import { StoreController } from '../shared/store-controller.js';
import { formatLatency, type PerfDot, type PerfLayout, perfLayout } from './perf-layout.js';
import { perfSceneStyles } from './perf-scene.styles.js';

const text = SCENE_TEXT.perf;

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * Scene 12: accuracy against inference cost. Latency per window on a log
 * axis, accuracy up, one labelled dot per model (its latest `model_perf`),
 * the Pareto frontier as a staircase and the better corner, upper left,
 * marked. Both axes follow the data.
 *
 * @csspart empty - the empty state before the first point
 * @csspart plot - the SVG chart
 * @cssprop --fleet-grid - gridlines
 * @cssprop --fleet-accent - frontier and better-corner colour
 */
@customElement('fleet-perf-scene')
export class FleetPerfScene extends LitElement {
  static override styles = perfSceneStyles;

  private readonly store = new StoreController(this, ['perf']);

  private readonly size = new SizeController(this, '.chart');

  /** The layout last drawn (for tests). */
  layout?: PerfLayout;

  private dot(d: PerfDot): unknown {
    const dx = d.labelAnchor === 'start' ? 22 : -22;
    return svg`<g class="point" data-model=${d.model}>
      <circle class="dot ${d.onFrontier ? 'frontier-dot' : 'dominated'}" cx=${d.cx} cy=${d.cy} r="12"
        fill=${d.color} stroke=${d.color}></circle>
      <text class="model" x=${d.cx + dx} y=${d.cy - 4} text-anchor=${d.labelAnchor}>${displayText(d.model)}</text>
      <text class="detail" x=${d.cx + dx} y=${d.cy + 20} text-anchor=${d.labelAnchor}>${formatLatency(d.latency_us)} · ${percent(d.accuracy)}</text>
    </g>`;
  }

  private chart(l: PerfLayout): unknown {
    const { plot } = l;
    const cornerW = Math.min(460, (plot.right - plot.left) * 0.4);
    const cornerH = Math.min(260, (plot.bottom - plot.top) * 0.45);
    const summary = l.dots
      .map(
        (d) =>
          `${displayText(d.model)} ${formatLatency(d.latency_us)} ${percent(d.accuracy)}${d.onFrontier ? ' (frontier)' : ''}`,
      )
      .join(', ');
    return html`<svg class="plot" part="plot" viewBox="0 0 ${l.width} ${l.height}" role="img"
      aria-label=${`Accuracy against latency: ${summary}. Better is upper left.`}>
      <defs>
        <radialGradient id="better" cx="0" cy="0" r="1">
          <stop offset="0" stop-opacity="0.34" style="stop-color:var(--fleet-accent)"></stop>
          <stop offset="1" stop-opacity="0" style="stop-color:var(--fleet-accent)"></stop>
        </radialGradient>
      </defs>
      <g class="better-corner">
        <rect class="corner" style="fill:url(#better)" x=${plot.left} y=${plot.top} width=${cornerW} height=${cornerH}></rect>
        <text class="corner-label" x=${plot.left + 16} y=${plot.top + 30}>↖ better: faster and more accurate</text>
      </g>
      <g class="grid">
        ${l.xTicks.map((t) => svg`<line x1=${t.pos} x2=${t.pos} y1=${plot.top} y2=${plot.bottom}></line>`)}
        ${l.yTicks.map((t) => svg`<line x1=${plot.left} x2=${plot.right} y1=${t.pos} y2=${t.pos}></line>`)}
      </g>
      <path class="frame" d="M${plot.left},${plot.top}V${plot.bottom}H${plot.right}"></path>
      <g class="x-ticks">
        ${l.xTicks.map((t) => svg`<text class="tick-label" x=${t.pos} y=${plot.bottom + 28} text-anchor="middle">${t.label}</text>`)}
      </g>
      <g class="y-ticks">
        ${l.yTicks.map((t) => svg`<text class="tick-label" x=${plot.left - 14} y=${t.pos + 6} text-anchor="end">${t.label}</text>`)}
      </g>
      <text class="axis-title" x=${(plot.left + plot.right) / 2} y=${plot.bottom + 64} text-anchor="middle">
        inference latency per window (log scale) →
      </text>
      <text class="axis-title" transform="translate(${plot.left - 74} ${(plot.top + plot.bottom) / 2}) rotate(-90)" text-anchor="middle">
        accuracy →
      </text>
      ${
        l.frontierPath !== ''
          ? svg`<path class="frontier" d=${l.frontierPath}></path>
            ${l.frontierLabel ? svg`<text class="frontier-label" x=${l.frontierLabel.x} y=${l.frontierLabel.y} text-anchor="middle">${text.frontierLabel}</text>` : ''}`
          : ''
      }
      ${l.dots.map((d) => this.dot(d))}
    </svg>`;
  }

  override render() {
    const { points } = this.store.state.perf;
    if (points.size === 0) return emptyState(text.heading, ['model_perf']);
    const width = this.size.width || 1472;
    const height = this.size.height || 700;
    const layout = perfLayout([...points.values()], width, height);
    this.layout = layout;
    return html`
      <header class="scene-header">
        <h2>${text.heading}</h2>
        <div class="key">
          <span><svg width="18" height="18" aria-hidden="true"><circle cx="9" cy="9" r="7" fill="currentColor"></circle></svg>${text.frontier}</span>
          <span><svg width="18" height="18" aria-hidden="true"><circle cx="9" cy="9" r="7" fill="currentColor" fill-opacity="0.18" stroke="currentColor" stroke-width="2"></circle></svg>${text.dominated}</span>
        </div>
      </header>
      <div class="chart">${this.chart(layout)}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-perf-scene': FleetPerfScene;
  }
}
