import { css, html, LitElement, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { displayText } from '../../contract/display-text.js';
import { modelColor } from '../../contract/palette.js';
import { PHASES, phaseLabel } from '../../contract/vocabulary.js';
import { hitRate, type LaneCell } from '../../store/live-lanes.js';
import { ratePerSecond } from '../../store/rate-window.js';
import { emptyState } from '../shared/empty-state.js';
import { phaseSwatch } from '../shared/phase-swatch.js';
import { sceneStyles } from '../shared/scene-styles.js';
import { SizeController } from '../shared/size-controller.js';
import { StoreController } from '../shared/store-controller.js';
import { swatchStyles } from '../shared/swatch-styles.js';
import { drawLanes } from './draw-lanes.js';
import { boxAt, type CellBox, type LaneLayout, layoutLanes } from './lane-layout.js';

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * Scene 13: per-host swim lanes of live detections, newest on the right,
 * with the latest detection called out and a running hit rate.
 *
 * @csspart empty - the empty state before the first detection
 * @csspart lanes - the scrolling lane area
 * @csspart callout - the latest detection
 * @cssprop --fleet-bg - background colour
 * @cssprop --fleet-fg - text colour
 */
@customElement('fleet-live-scene')
export class FleetLiveScene extends LitElement {
  static override styles = [
    sceneStyles,
    swatchStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 14px;
      }
      header h2 {
        margin: 0;
      }
      .stats {
        display: flex;
        gap: 28px;
        font-size: 1.05em;
        font-variant-numeric: tabular-nums;
      }
      .stats b {
        font-weight: 700;
      }
      .badge {
        padding: 0.1em 0.6em;
        border-radius: 999px;
        color: #0b0d10;
        font-weight: 700;
      }
      .lanes {
        position: relative;
        flex: 1;
        min-height: 0;
        overflow-y: auto;
        overflow-x: hidden;
      }
      .grid {
        display: grid;
        grid-template-columns: var(--label-width, 150px) 1fr;
        column-gap: 12px;
      }
      .labels {
        display: flex;
        flex-direction: column;
      }
      .host {
        display: flex;
        align-items: center;
        justify-content: flex-end;
        overflow: hidden;
        white-space: nowrap;
        text-overflow: ellipsis;
        font-family: var(--fleet-mono, ui-monospace, Menlo, Consolas, monospace);
        color: var(--fleet-muted, #a9b0bb);
      }
      .track {
        position: relative;
        min-width: 0;
      }
      canvas {
        position: sticky;
        top: 0;
        display: block;
        width: 100%;
      }
      .tooltip {
        position: absolute;
        z-index: 2;
        pointer-events: none;
        padding: 8px 12px;
        border-radius: 6px;
        font-size: 0.75em;
        line-height: 1.4;
        background: var(--fleet-panel, #1b2027);
        border: 1px solid var(--fleet-border, #39414d);
        box-shadow: 0 6px 20px rgba(0, 0, 0, 0.4);
        white-space: nowrap;
      }
      .callout {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 10px 22px;
        padding: 14px 20px;
        border-radius: 10px;
        background: var(--fleet-panel, #1b2027);
        border-left: 6px solid var(--callout-color, #888);
        font-size: 1.05em;
      }
      .callout .host-id {
        font-family: var(--fleet-mono, ui-monospace, Menlo, Consolas, monospace);
        font-weight: 700;
      }
      .key {
        display: inline-block;
        width: 1.4em;
        height: 0.95em;
        vertical-align: -0.1em;
        border-radius: 2px;
        margin-right: 0.35em;
      }
      .key.pending {
        background: color-mix(in srgb, #3fb27f 35%, transparent);
        outline: 1.5px solid #3fb27f;
        outline-offset: -1.5px;
      }
      .key.mismatch {
        background: repeating-linear-gradient(135deg, #e0b040 0 3px, #0b0d10 3px 5px);
      }
    `,
  ];

  private readonly store = new StoreController(this, ['live']);

  // Cells span the canvas's width; lanes share the scrolling box's height.
  private readonly size = new SizeController(this, '.lanes', (lanes) => ({
    width: lanes.querySelector('canvas')?.clientWidth ?? 0,
    height: lanes.clientHeight,
  }));

  @query('canvas') private canvas?: HTMLCanvasElement;
  @query('.lanes') private lanesBox?: HTMLElement;
  private scrollFrame = 0;

  @state() private hovered?: CellBox;

  /** The layout last drawn (for tests and hit-testing). */
  layout?: LaneLayout;

  protected override willUpdate(): void {
    this.layout = layoutLanes(this.store.state.live, this.size.width, this.size.height);
  }

  protected override updated(): void {
    this.draw();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.scrollFrame);
    this.scrollFrame = 0;
  }

  /**
   * Draws the lanes in view. The canvas is only as tall as the lane box and
   * sticks to its top; scrolling moves the band drawn, not the canvas, so a
   * 200-host fleet costs one viewport of pixels per frame, not all lanes.
   */
  private draw(): void {
    const canvas = this.canvas;
    const layout = this.layout;
    if (!canvas || !layout) return;
    const { width } = this.size;
    const viewHeight = Math.max(1, Math.min(layout.height, this.size.height));
    const top = Math.min(this.lanesBox?.scrollTop ?? 0, Math.max(0, layout.height - viewHeight));
    const dpr = globalThis.devicePixelRatio || 1;
    const pixelWidth = Math.max(1, Math.round(width * dpr));
    const pixelHeight = Math.max(1, Math.round(viewHeight * dpr));
    // Resizing a canvas reallocates its bitmap: only when the size changed.
    if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
      canvas.style.height = `${viewHeight}px`;
      canvas.width = pixelWidth;
      canvas.height = pixelHeight;
    }
    // A CPU-backed canvas: thousands of small rects redrawn each frame raster
    // faster in software than as GPU draw calls (measured by npm run bench).
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, -top * dpr);
    drawLanes(ctx, layout, width, top, viewHeight);
  }

  private onScroll(): void {
    if (this.scrollFrame) return;
    this.scrollFrame = requestAnimationFrame(() => {
      this.scrollFrame = 0;
      this.draw();
    });
  }

  private onPointerMove(event: PointerEvent): void {
    if (!this.layout || !this.canvas) return;
    const rect = this.canvas.getBoundingClientRect();
    const scale = rect.width / (this.canvas.clientWidth || 1);
    this.hovered = boxAt(
      this.layout,
      (event.clientX - rect.left) / scale,
      // The canvas sticks to the top of the scrolled lanes: add the scroll back.
      (event.clientY - rect.top) / scale + (this.lanesBox?.scrollTop ?? 0),
    );
  }

  private tooltip(): unknown {
    const box = this.hovered;
    if (!box) return nothing;
    const c: LaneCell = box.cell;
    // The canvas starts after the label column (150px + 12px gap).
    const left = Math.min(162 + box.x, Math.max(0, this.size.width - 120));
    const top = box.y + box.h + 6;
    return html`<div class="tooltip" role="tooltip" style="left:${left}px;top:${top}px">
      <div><b>${displayText(c.host_id)}</b> · ${displayText(c.model) ?? 'model ?'} · ${displayText(c.profile) ?? ''}</div>
      <div>episode ${displayText(c.episode_id) ?? '—'} · window ${c.window_idx ?? '—'}</div>
      <div>predicted ${phaseLabel(c.predicted)} · actual ${c.actual !== undefined ? phaseLabel(c.actual) : 'pending'}</div>
      <div>confidence ${c.confidence !== undefined ? percent(c.confidence) : '—'}${c.latency_ms !== undefined ? ` · ${c.latency_ms.toFixed(1)} ms` : ''}</div>
    </div>`;
  }

  private callout(cell: LaneCell): unknown {
    return html`<div class="callout" part="callout" style="--callout-color:${modelColor(cell.model)}" aria-live="off">
      <span class="muted">latest</span>
      <span class="host-id">${displayText(cell.host_id)}</span>
      ${cell.model !== undefined ? html`<span>${displayText(cell.model)}</span>` : nothing}
      ${cell.profile !== undefined ? html`<span class="muted">${displayText(cell.profile)}</span>` : nothing}
      <span>predicted ${phaseSwatch(cell.predicted)}</span>
      ${cell.actual !== undefined ? html`<span>actual ${phaseSwatch(cell.actual)}</span>` : html`<span class="muted">actual pending</span>`}
      ${cell.confidence !== undefined ? html`<span><b>${Math.round(cell.confidence * 100)}%</b> confident</span>` : nothing}
      ${cell.latency_ms !== undefined ? html`<span>${cell.latency_ms.toFixed(1)} ms</span>` : nothing}
    </div>`;
  }

  override render() {
    const live = this.store.state.live;
    if (live.total === 0) return emptyState('Live detections', ['live_detection']);
    const rate = hitRate(live);
    const perSecond = ratePerSecond(live.rate, this.store.now());
    const model = live.latest?.model;
    const laneHeight = this.layout?.laneHeight ?? 40;
    const fontSize = Math.max(8, Math.min(18, laneHeight * 0.8));
    const summary = `${live.hosts.length} hosts, ${live.total} detections, hit rate ${rate !== undefined ? percent(rate) : 'not yet known'}`;
    return html`
      <header class="scene-header">
        <h2>Live detections</h2>
        <div class="stats" role="status" aria-live="off">
          <span>hit rate <b class="hit-rate">${rate !== undefined ? percent(rate) : '—'}</b>
            <span class="muted">(${live.judged} judged)</span></span>
          <span><b class="per-second">${perSecond.toFixed(1)}</b> <span class="muted">detections/s</span></span>
          ${model !== undefined ? html`<span class="badge" style="background:${modelColor(model)}">${displayText(model)}</span>` : nothing}
        </div>
      </header>
      <div class="legend" aria-hidden="true">
        ${PHASES.map((p) => phaseSwatch(p))}
        <span><span class="key pending"></span>truth pending</span>
        <span><span class="key mismatch"></span>truth disagrees</span>
      </div>
      <div class="lanes" part="lanes" @scroll=${this.onScroll} @pointerleave=${() => (this.hovered = undefined)}>
        <div class="grid">
          <div class="labels" style="font-size:${fontSize}px">
            ${live.hosts.map((host) => html`<div class="host" style="height:${laneHeight}px" title=${displayText(host)}>${displayText(host)}</div>`)}
          </div>
          <div class="track" style="height:${this.layout?.height ?? 0}px">
            <canvas role="img" aria-label=${summary} @pointermove=${this.onPointerMove}></canvas>
          </div>
        </div>
        ${this.tooltip()}
      </div>
      ${live.latest ? this.callout(live.latest) : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-live-scene': FleetLiveScene;
  }
}
