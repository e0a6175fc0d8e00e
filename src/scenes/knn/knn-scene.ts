import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { SCENE_TEXT } from '../../content/deck-text.js';
import { displayText } from '../../contract/display-text.js';
import { phaseColor } from '../../contract/palette.js';
import { NOISE_CLUSTER, phaseLabel } from '../../contract/vocabulary.js';
import type { EmbeddingsState } from '../../store/embeddings.js';
import { emptyState } from '../shared/empty-state.js';
import { formatCount } from '../shared/format.js';
import { StoreController } from '../shared/store-controller.js';
import { ThemeController, type ThemeTokens } from '../shared/theme-controller.js';
import {
  COLOR_MODES,
  type ColorMode,
  type LegendEntry,
  legendEntries,
  MODE_TITLES,
  type PointInfo,
  pointInfo,
} from './color-modes.js';
import { FallbackPlot } from './fallback-plot.js';
import { knnSceneStyles } from './knn-scene.styles.js';
import type { KnnView } from './knn-view.js';

const text = SCENE_TEXT.knn;

/** The legend lists at most this many classes, the largest first past it, and sums the rest. */
const LEGEND_MAX = 24;

type ViewModule = typeof import('./knn-view.js');
let viewModule: Promise<ViewModule> | undefined;
/** three.js and the view, fetched once, on the first mount: its own chunk. */
const loadView = (): Promise<ViewModule> => {
  viewModule ??= import('./knn-view.js');
  return viewModule;
};

const coordinate = (v: number) => v.toFixed(3);

/** What is drawing the points. */
type Drawing = 'none' | 'webgl' | 'fallback';

/**
 * Scene 11: the embedding store as a 3-D scatter drawn with three.js — one
 * point cloud over the store's ring (no geometry rebuilt per event; only the
 * slots written since the last frame go to the GPU), round anti-aliased dots
 * sized to the count, orbit / zoom / pan, auto-rotation until the first
 * interaction (none under reduced motion), a reset-view button, a colour mode
 * toggle with a legend of what arrived, and a hover tooltip. Without WebGL it
 * says so and draws the x–y projection on a 2-D canvas.
 *
 * @csspart viewport - the area the points are drawn in
 * @csspart legend - the legend of classes with counts
 * @csspart modes - the colour mode buttons
 * @csspart notice - the "no WebGL" notice of the 2-D fallback
 * @csspart tooltip - the hovered point's values
 * @csspart empty - the empty state before the first point
 * @cssprop --fleet-bg - background colour (also the WebGL clear colour)
 * @cssprop --fleet-fg - text colour, the hover ring
 * @cssprop --fleet-grid - the unit cube's lines
 * @cssprop --fleet-muted - axes and secondary text
 * @cssprop --fleet-panel - legend, tooltip and button surfaces
 */
@customElement('fleet-knn-scene')
export class FleetKnnScene extends LitElement {
  static override styles = knnSceneStyles;

  // Points stream in every frame: the legend and counts render at a readable pace, the points at once.
  private readonly store = new StoreController(this, ['embeddings'], {
    redraw: () => {
      if (!this.view && !this.fallback) return false;
      this.sync();
      return true;
    },
  });
  /** WebGL and the 2-D fallback paint with colours CSS cannot reach: repaint on any theme change. */
  private readonly theme = new ThemeController(this, (tokens) => this.repaint(tokens));

  /** What the points are coloured by. */
  @state() mode: ColorMode = 'truth';
  /** What is drawing: WebGL, the 2-D fallback, or nothing yet. */
  @state() drawing: Drawing = 'none';
  @state() private fallbackReason = '';
  @state() private hovered?: { info: PointInfo; x: number; y: number };

  /** The three.js view while WebGL draws (tests, diagnostics). */
  view?: KnnView;
  /** The 2-D plot while WebGL is missing (tests). */
  fallback?: FallbackPlot;
  private canvas?: HTMLCanvasElement;
  /** Bumped on disconnect, so a view that loads after the element left is thrown away. */
  private generation = 0;
  private resizeObserver?: ResizeObserver;
  private motionQuery?: MediaQueryList;
  private pointer?: { x: number; y: number };
  private synced?: { state: EmbeddingsState; mode: ColorMode };
  private readyWaiters: (() => void)[] = [];

  /**
   * Resolves once points are drawn by WebGL or the fallback, or at once while
   * there are none (the empty state is all there is to draw): print waits on it.
   */
  whenDrawing(): Promise<Drawing> {
    if (this.view || this.fallback || this.store.state.embeddings.total === 0)
      return Promise.resolve(this.drawing);
    return new Promise((ok) => this.readyWaiters.push(() => ok(this.drawing)));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.motionQuery = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)');
    this.motionQuery?.addEventListener('change', this.onMotionChange);
    // Fetch three.js now, while the first points are still on their way.
    void loadView().catch(() => {});
    // A re-connected element keeps its shadow DOM: mount a fresh view on the next update.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.generation++;
    this.unmount();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.motionQuery?.removeEventListener('change', this.onMotionChange);
    this.motionQuery = undefined;
  }

  /** Colours the points by `mode`. */
  setMode(mode: ColorMode): void {
    this.mode = mode;
  }

  /** Back to the home view (and auto-rotation, unless motion is reduced). */
  resetView(): void {
    this.view?.resetView();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const host = this.renderRoot.querySelector<HTMLElement>('.gl');
    // The drawing area went away (another bus, still empty): let the view go with it.
    if (this.canvas && !host?.contains(this.canvas)) this.unmount();
    // Unmounting sets state, so a removed element still updates once: it must not mount again.
    if (host && !this.canvas && this.isConnected) this.mount(host);
    this.sync();
  }

  private onMotionChange = (event: MediaQueryListEvent) => this.view?.setReducedMotion(event.matches);

  private repaint(tokens: ThemeTokens): void {
    this.view?.setTheme(tokens);
    this.fallback?.setTheme(tokens);
  }

  private mount(host: HTMLElement): void {
    const canvas = document.createElement('canvas');
    host.append(canvas);
    this.canvas = canvas;
    const viewport = host.parentElement!;
    this.resizeObserver?.observe(viewport);
    // Opaque (the view clears to the theme's background): the compositor then draws nothing under
    // the canvas and needs no blending over it. Under SwiftShader that took the frame rate with 100,000
    // points up by about a tenth (five interleaved pairs, faster in all five).
    const context = canvas.getContext('webgl2', {
      alpha: false,
      antialias: false,
      premultipliedAlpha: true,
      powerPreference: 'high-performance',
    });
    if (!context) {
      this.useFallback('WebGL is not available in this browser.');
      return;
    }
    const generation = this.generation;
    loadView()
      .then((module) => {
        if (generation !== this.generation || this.canvas !== canvas) {
          context.getExtension('WEBGL_lose_context')?.loseContext();
          return;
        }
        const labels = this.renderRoot.querySelector<HTMLElement>('.labels')!;
        this.view = module.createKnnView({
          canvas,
          context,
          labels,
          theme: this.theme.tokens,
          reducedMotion: this.motionQuery?.matches ?? false,
          onHover: (slot) => this.onHover(slot),
          onContextLost: () => this.useFallback('The WebGL context was lost.'),
        });
        this.drawing = 'webgl';
        this.resize();
        this.synced = undefined;
        this.sync();
        this.settleWaiters();
      })
      .catch((error: unknown) => {
        if (generation !== this.generation) return;
        this.useFallback(
          `The 3-D view could not start (${error instanceof Error ? error.message : 'error'}).`,
        );
      });
  }

  private useFallback(reason: string): void {
    const host = this.renderRoot.querySelector<HTMLElement>('.gl');
    this.unmount();
    if (!host) return;
    // A canvas that once asked for WebGL cannot give a 2-D context: a fresh one.
    const canvas = document.createElement('canvas');
    host.append(canvas);
    this.canvas = canvas;
    this.resizeObserver?.observe(host.parentElement!);
    this.fallback = new FallbackPlot(canvas, this.theme.tokens);
    this.fallbackReason = reason;
    this.drawing = 'fallback';
    this.resize();
    this.sync();
    this.settleWaiters();
  }

  private unmount(): void {
    this.view?.dispose();
    this.view = undefined;
    this.fallback = undefined;
    this.canvas?.remove();
    this.canvas = undefined;
    this.synced = undefined;
    this.hovered = undefined;
    this.drawing = 'none';
  }

  private settleWaiters(): void {
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const ok of waiters) ok();
  }

  private resize(): void {
    const viewport = this.canvas?.parentElement?.parentElement;
    if (!viewport) return;
    const { clientWidth: w, clientHeight: h } = viewport;
    this.view?.resize(w, h);
    this.fallback?.resize(w, h);
  }

  private sync(): void {
    const embeddings = this.store.state.embeddings;
    if (this.synced?.state === embeddings && this.synced.mode === this.mode) return;
    if (!this.view && !this.fallback) return;
    this.view?.sync(embeddings, this.mode);
    this.fallback?.sync(embeddings, this.mode);
    this.synced = { state: embeddings, mode: this.mode };
    if (this.fallback && this.pointer) this.onHover(this.fallback.pick(this.pointer.x, this.pointer.y));
  }

  private onHover(slot: number): void {
    const pointer = this.pointer;
    this.hovered =
      slot >= 0 && pointer ? { info: pointInfo(this.store.state.embeddings, slot), ...pointer } : undefined;
  }

  private onPointerMove(event: PointerEvent): void {
    const viewport = event.currentTarget as HTMLElement;
    const rect = viewport.getBoundingClientRect();
    // The deck scales the stage: convert to the viewport's own CSS px.
    const scale = rect.width / (viewport.clientWidth || 1);
    const x = (event.clientX - rect.left) / scale;
    const y = (event.clientY - rect.top) / scale;
    if (event.buttons !== 0) {
      this.pointer = undefined;
      this.view?.setPointer(undefined);
      this.hovered = undefined;
      return;
    }
    this.pointer = { x, y };
    this.view?.setPointer(x, y);
    if (this.fallback) this.onHover(this.fallback.pick(x, y));
  }

  private onPointerLeave(): void {
    this.pointer = undefined;
    this.view?.setPointer(undefined);
    this.hovered = undefined;
  }

  /** Keeps a touch drag on the cloud from reaching the deck as a swipe. */
  private stopTouch(event: PointerEvent): void {
    if (event.pointerType === 'touch') event.stopPropagation();
  }

  private tooltip(): unknown {
    const hovered = this.hovered;
    if (!hovered) return nothing;
    const { info } = hovered;
    const viewport = this.canvas?.parentElement?.parentElement;
    const w = viewport?.clientWidth ?? 0;
    const h = viewport?.clientHeight ?? 0;
    const left = hovered.x + 270 > w ? hovered.x - 270 : hovered.x + 18;
    const top = hovered.y + 150 > h ? hovered.y - 150 : hovered.y + 18;
    const phase = (label: string | undefined) =>
      label === undefined
        ? html`<span class="muted">unlabelled</span>`
        : html`<span class="chip" style="background:${phaseColor(label)}"></span>${phaseLabel(label)}`;
    return html`<div class="tooltip" part="tooltip" role="tooltip" style="left:${left}px;top:${top}px">
      <div><span class="k">phase</span> ${phase(info.phase)}</div>
      <div><span class="k">predicted</span> ${phase(info.predicted)}</div>
      <div><span class="k">cluster</span> ${info.cluster === NOISE_CLUSTER ? 'noise (−1)' : (info.cluster ?? html`<span class="muted">unlabelled</span>`)}</div>
      <div class="xyz"><span class="k">x y z</span> ${coordinate(info.x)} ${coordinate(info.y)} ${coordinate(info.z)}</div>
    </div>`;
  }

  private legend(entries: LegendEntry[], held: number): unknown {
    const sorted = entries.length > LEGEND_MAX ? [...entries].sort((a, b) => b.count - a.count) : entries;
    const shown = sorted.slice(0, LEGEND_MAX);
    const rest = sorted.slice(LEGEND_MAX);
    const restCount = rest.reduce((sum, e) => sum + e.count, 0);
    const dense = entries.length > 12;
    return html`<ul class=${dense ? 'dense' : ''} aria-label=${text.legend}>
        ${shown.map(
          (
            e,
          ) => html`<li data-key=${e.key} class=${e.unlabelled ? 'unlabelled' : ''} title=${displayText(e.label)}>
            <span class="dot" style="background:${e.color}"></span>
            <span class="name">${displayText(dense ? e.short : e.label)}</span>
            <span class="count">${formatCount(e.count)}</span>
            <span class="share"><span style="width:${(100 * e.count) / Math.max(1, held)}%;background:${e.color}"></span></span>
          </li>`,
        )}
      </ul>
      ${rest.length > 0 ? html`<div class="more muted">+ ${rest.length} more classes, ${formatCount(restCount)} points</div>` : nothing}`;
  }

  override render() {
    const embeddings = this.store.state.embeddings;
    if (embeddings.total === 0) return emptyState(text.heading, ['embedding']);
    const entries = legendEntries(embeddings, this.mode);
    const evicted = embeddings.total - embeddings.count;
    const summary = `${this.drawing === 'fallback' ? 'Two-dimensional projection' : 'Three-dimensional scatter'} of ${formatCount(embeddings.count)} embedding points coloured by ${MODE_TITLES[this.mode].toLowerCase()}: ${entries.map((e) => `${displayText(e.label)} ${e.count}`).join(', ')}`;
    return html`
      <header class="scene-header">
        <div>
          <h2>${text.heading}</h2>
          <div class="stats" role="status" aria-live="off">
            <b class="held">${formatCount(embeddings.count)}</b> points
            <span class="muted">· ${formatCount(embeddings.capacity)} kept at most${evicted > 0 ? html` · ${formatCount(evicted)} oldest dropped` : nothing}</span>
          </div>
        </div>
        <div class="modes" part="modes" role="group" aria-label=${text.colorBy}>
          ${COLOR_MODES.map(
            (mode) => html`<button
              type="button"
              data-mode=${mode}
              aria-pressed=${mode === this.mode ? 'true' : 'false'}
              @click=${() => this.setMode(mode)}
            >${MODE_TITLES[mode]}</button>`,
          )}
        </div>
      </header>
      <div class="body">
        <div
          class="viewport"
          part="viewport"
          @pointermove=${this.onPointerMove}
          @pointerleave=${this.onPointerLeave}
          @pointerdown=${this.stopTouch}
          @pointerup=${this.stopTouch}
        >
          <div class="gl" role="img" aria-label=${summary}></div>
          <div class="labels" aria-hidden="true"></div>
          ${
            this.drawing === 'fallback'
              ? html`<p class="notice" part="notice" role="status"><b>${this.fallbackReason}</b> Showing the x–y projection in 2-D; z is not drawn.</p>`
              : nothing
          }
          ${
            this.drawing === 'webgl'
              ? html`<button type="button" class="reset" @click=${() => this.resetView()}>${text.resetView}</button>
                <p class="hint muted">${text.hint}</p>`
              : nothing
          }
          ${this.tooltip()}
        </div>
        <aside part="legend">
          <h3>${MODE_TITLES[this.mode]}</h3>
          ${this.legend(entries, embeddings.count)}
          ${
            embeddings.judged > 0
              ? html`<div class="agreement">
                <h3>${text.agreement}</h3>
                <div class="rate">${((100 * embeddings.agreed) / embeddings.judged).toFixed(1)}%</div>
                <div class="of muted">of ${formatCount(embeddings.judged)} points with both labels</div>
              </div>`
              : nothing
          }
        </aside>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-knn-scene': FleetKnnScene;
  }
}
