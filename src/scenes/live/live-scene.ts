import { html, LitElement, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { HOST_FILTER_TEXT, SCENE_TEXT } from '../../content/deck-text.js';
import { displayText } from '../../contract/display-text.js';
import { modelColor } from '../../contract/palette.js';
import { PHASES } from '../../contract/vocabulary.js';
import {
  hitRate,
  LANE_CAPACITY,
  type LiveLanesState,
  laneLength,
  lanePosition,
} from '../../store/live-lanes.js';
import { ratePerSecond } from '../../store/rate-window.js';
import { emptyState } from '../shared/empty-state.js';
import { formatCount, formatCountOf } from '../shared/format.js';
import { phaseSwatch } from '../shared/phase-swatch.js';
import { sceneStyles, tooltipStyles } from '../shared/scene-styles.js';
import { SizeController } from '../shared/size-controller.js';
import { StoreController } from '../shared/store-controller.js';
import { keyStyles, swatchStyles } from '../shared/swatch-styles.js';
import { sizedContext } from './canvas-context.js';
import {
  cellTooltip,
  focusDetail,
  type Hovered,
  latestCallout,
  longestLane,
  percent,
  tooltipX,
} from './detection-templates.js';
import { cellGap, drawLanes, drawOverview, drawRows, rowSpecs, rowsShowHatch } from './draw-lanes.js';
import { FOCUS_ROW, fleetRowHeight, focusMove, focusWindow } from './fleet-layout.js';
import { type FleetRows, fleetRows } from './fleet-order.js';
import {
  boxAt,
  type CellBox,
  type LaneLayout,
  labelColors,
  layoutLanes,
  MAX_LANE_HOSTS,
} from './lane-layout.js';
import { liveSceneStyles } from './live-scene.styles.js';

const text = SCENE_TEXT.live;

/** Width of the lane view's label column (px). */
const LABEL_WIDTH = 170;
/** The fleet view re-orders at most this often (ms): rows do not jump under the reader every frame. */
const REORDER_MS = 1000;

/**
 * Scene 13: live detections. Up to a few dozen hosts, one labelled lane per
 * host, newest on the right, sharing the stage's height. Beyond, the fleet
 * view: one thin row per host in the same colours, trouble first
 * (disagreements, then infected running), filtered by host id, profile or
 * phase; the rows around the focused host are magnified and labelled, and
 * its full lane and latest detection shown. Hover or arrow keys move the
 * focus. A running hit rate and the latest detection head and foot it.
 *
 * @csspart empty - the empty state before the first detection
 * @csspart lanes - the lane view's scrolling area
 * @csspart fleet - the fleet view
 * @csspart callout - the latest detection
 * @cssprop --fleet-bg - background colour
 * @cssprop --fleet-fg - text colour
 * @cssprop --fleet-focus - focus ring
 */
@customElement('fleet-live-scene')
export class FleetLiveScene extends LitElement {
  static override styles = [sceneStyles, swatchStyles, keyStyles, tooltipStyles, liveSceneStyles];

  // Detections stream in every frame: the text (stats, callout, focus panel) renders at a readable pace, the lanes at once.
  private readonly store = new StoreController(this, ['live'], { redraw: () => this.redraw() });

  // Lane view: cells span the canvas's width; lanes share the scrolling box's height.
  private readonly size = new SizeController(this, '.lanes, .overview', (box) => ({
    width: box.querySelector('canvas')?.clientWidth ?? 0,
    height: box.clientHeight,
  }));

  @query('.lanes canvas, .overview canvas') private canvas?: HTMLCanvasElement;
  @query('.focus-list canvas') private focusCanvas?: HTMLCanvasElement;
  // Observed, not read per frame: clientWidth in draw forced a layout every frame.
  private readonly focusSize = new SizeController(this, '.focus-list canvas');
  @query('.lanes, .overview') private scrollBox?: HTMLElement;
  private scrollFrame = 0;
  /**
   * The scrolling box's offset as of its last scroll event. Reading
   * `scrollTop` in draw() forced a layout every frame while the text around
   * changed: a tenth of a flooded frame.
   */
  private scrolled: { box?: HTMLElement; top: number } = { top: 0 };

  @state() private hovered?: Hovered;
  @state() private filter = '';
  /** The host in focus in the fleet view (kept across re-orders), and whether the pointer put it there. */
  @state() private focusHost?: string;

  private rows?: FleetRows;
  /** Cell columns of the fleet view: the longest lane's cells, so young lanes still span the width. */
  private columns = LANE_CAPACITY;
  private rowsAt = Number.NEGATIVE_INFINITY;
  private rowsKey = '';

  /** The lane view's layout last drawn (for tests and hit-testing); undefined in the fleet view. */
  layout?: LaneLayout;

  /** Whether the fleet view is showing (more than MAX_LANE_HOSTS hosts). */
  get fleetView(): boolean {
    return this.store.state.live.hosts.length > MAX_LANE_HOSTS;
  }

  /** The fleet view's rows as last ordered (for tests). */
  get fleetRows(): FleetRows | undefined {
    return this.fleetView ? this.rows : undefined;
  }

  /** The host list the template last rendered (labels, focus list): a new one renders at once. */
  private renderedHosts?: readonly string[];

  protected override willUpdate(): void {
    this.prepare();
    this.renderedHosts = this.store.state.live.hosts;
  }

  /** Between two renders: the canvas follows the stores, unless the hosts or the fleet view's order changed. */
  private redraw(): boolean {
    if (this.store.state.live.hosts !== this.renderedHosts) return false;
    const rows = this.rows;
    this.prepare();
    if (this.rows === rows) this.draw();
    return this.rows === rows;
  }

  /** The lane layout, or the fleet view's rows (re-ordered at most every REORDER_MS), for the stores now. */
  private prepare(): void {
    const live = this.store.state.live;
    if (live.hosts.length <= MAX_LANE_HOSTS) {
      this.rows = undefined;
      this.layout = layoutLanes(live, live.hosts, this.size.width, this.size.height);
      return;
    }
    this.layout = undefined;
    const now = this.store.now();
    const key = `${this.filter}\u0000${live.hosts.length}`;
    if (!this.rows || key !== this.rowsKey || now - this.rowsAt >= REORDER_MS || now < this.rowsAt) {
      this.rows = fleetRows(live, this.filter);
      this.columns = longestLane(live);
      this.rowsKey = key;
      this.rowsAt = now;
    }
    if (this.focusHost === undefined || !this.rows.hosts.includes(this.focusHost)) {
      this.focusHost = this.rows.hosts[0];
    }
  }

  protected override updated(): void {
    this.draw();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.scrollFrame);
    this.scrollFrame = 0;
  }

  private rowHeight(): number {
    return fleetRowHeight(this.rows?.hosts.length ?? 0, this.size.height);
  }

  /**
   * Draws what is in view. The canvas is only as tall as its scrolling box
   * and sticks to its top; scrolling moves the band drawn, not the canvas,
   * so 10,000 hosts cost one viewport of pixels per frame.
   */
  private draw(): void {
    const canvas = this.canvas;
    if (!canvas) return;
    const live = this.store.state.live;
    const { width } = this.size;
    const total = this.layout ? this.layout.height : (this.rows?.hosts.length ?? 0) * this.rowHeight();
    const viewHeight = Math.max(1, Math.min(total, this.size.height));
    const top = Math.min(this.boxScrollTop(), Math.max(0, total - viewHeight));
    if (this.layout) {
      const ctx = sizedContext(canvas, width, viewHeight);
      if (!ctx) return;
      const dpr = globalThis.devicePixelRatio || 1;
      ctx.setTransform(dpr, 0, 0, dpr, 0, -top * dpr);
      drawLanes(ctx, this.layout, width, top, viewHeight);
      return;
    }
    const rowHeight = this.rowHeight();
    const hosts = this.rows?.hosts ?? [];
    const first = Math.max(0, Math.floor(top / rowHeight));
    const last = Math.min(hosts.length, Math.ceil((top + viewHeight) / rowHeight));
    const colors = labelColors(live.cells.labels);
    // At their place in the scrolled overview.
    const rows = rowSpecs(live.slots, hosts, first, last, rowHeight);
    drawOverview(
      canvas,
      live.cells,
      rows,
      { rowHeight, width, viewHeight, top, columns: this.columns },
      colors,
    );
    this.drawFocus(live, colors);
  }

  /** The overview's cell pitch and, when drawn compact (see drawOverview), the gap the page draws between cells. */
  private gapStyle(rowHeight: number): string {
    const cell = this.size.width / this.columns;
    return `--cell:${cell}px;--gap:${rowsShowHatch(rowHeight) ? 0 : cellGap(cell)}px`;
  }

  /** The magnified rows around the focus: as many as fit above the detail card. */
  private focusWindow(): { first: number; last: number; focus: number } {
    const hosts = this.rows?.hosts ?? [];
    const focus = Math.max(0, this.focusHost !== undefined ? hosts.indexOf(this.focusHost) : 0);
    return { ...focusWindow(hosts.length, focus, this.size.height), focus };
  }

  private drawFocus(live: LiveLanesState, colors: readonly string[]): void {
    const canvas = this.focusCanvas;
    if (!canvas || !this.rows) return;
    const { first, last } = this.focusWindow();
    const width = this.focusSize.width || canvas.clientWidth;
    const height = (last - first) * FOCUS_ROW;
    const ctx = sizedContext(canvas, width, height);
    if (!ctx) return;
    const dpr = globalThis.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const rows = rowSpecs(live.slots, this.rows.hosts, first, last, FOCUS_ROW, first);
    drawRows(ctx, live.cells, rows, FOCUS_ROW, width, colors, this.columns);
  }

  /** The box's scroll offset, read from it only when the box is new (the lane and fleet views have their own). */
  private boxScrollTop(): number {
    const box = this.scrollBox;
    if (box !== this.scrolled.box) this.scrolled = { box, top: box?.scrollTop ?? 0 };
    return this.scrolled.top;
  }

  private onScroll(event: Event): void {
    const box = event.currentTarget as HTMLElement;
    this.scrolled = { box, top: box.scrollTop };
    if (this.scrollFrame) return;
    this.scrollFrame = requestAnimationFrame(() => {
      this.scrollFrame = 0;
      this.draw();
    });
  }

  /**
   * Where the pointer is over the canvas, in layout pixels (the stage may be
   * scaled). The canvas sticks to the top of the scrolled lanes, so the
   * scroll is added back.
   */
  private canvasPoint(event: PointerEvent): { x: number; y: number } | undefined {
    const canvas = this.canvas;
    if (!canvas) return undefined;
    const rect = canvas.getBoundingClientRect();
    const scale = rect.width / (canvas.clientWidth || 1);
    return {
      x: (event.clientX - rect.left) / scale,
      y: (event.clientY - rect.top) / scale + this.boxScrollTop(),
    };
  }

  private onLanePointer(event: PointerEvent): void {
    const layout = this.layout;
    const point = this.canvasPoint(event);
    if (!layout || !point) return;
    const box: CellBox | undefined = boxAt(layout, point.x, point.y);
    if (!box) {
      this.hovered = undefined;
      return;
    }
    const host = this.store.state.live.hosts[box.lane]!;
    this.hovered = {
      host,
      index: lanePosition(this.store.state.live, host, box.index),
      ...tooltipX(LABEL_WIDTH + 12 + box.x, LABEL_WIDTH + box.x + box.w, LABEL_WIDTH + this.size.width),
      top: box.y + box.h + 6,
    };
  }

  private onFleetPointer(event: PointerEvent): void {
    const rows = this.rows;
    const point = this.canvasPoint(event);
    if (!rows || !point) return;
    const { x, y } = point;
    const host = rows.hosts[Math.floor(y / this.rowHeight())];
    if (host === undefined) {
      this.hovered = undefined;
      return;
    }
    this.focusHost = host;
    const len = laneLength(this.store.state.live, host);
    const index = Math.floor(x / (this.size.width / this.columns)) - (this.columns - len);
    const spot = { ...tooltipX(x + 12, x - 12, this.size.width), top: y - this.boxScrollTop() + 14 };
    this.hovered = index >= 0 && index < len ? { host, index, ...spot } : undefined;
  }

  private onFilter(event: Event): void {
    this.filter = (event.target as HTMLInputElement).value;
    this.hovered = undefined;
    this.focusHost = undefined;
  }

  /** Arrow keys, Page Up/Down, Home and End move the focus through the rows; the deck does not see them. */
  private onFocusKey(event: KeyboardEvent): void {
    const hosts = this.rows?.hosts ?? [];
    if (hosts.length === 0) return;
    const at = Math.max(0, this.focusHost !== undefined ? hosts.indexOf(this.focusHost) : 0);
    const to = focusMove(event.key, at, hosts.length);
    if (to === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    this.focusHost = hosts[to];
    this.hovered = undefined;
    this.revealFocus();
  }

  /** Scrolls the overview so the focused row is in view. */
  private revealFocus(): void {
    const box = this.scrollBox;
    const hosts = this.rows?.hosts ?? [];
    if (!box || this.focusHost === undefined) return;
    const y = hosts.indexOf(this.focusHost) * this.rowHeight();
    if (y < box.scrollTop || y > box.scrollTop + box.clientHeight - this.rowHeight()) {
      box.scrollTop = Math.max(0, y - box.clientHeight / 2);
      this.scrolled = { box, top: box.scrollTop };
    }
  }

  private laneView(live: LiveLanesState, summary: string): unknown {
    const laneHeight = this.layout?.laneHeight ?? 40;
    const fontSize = Math.max(12, Math.min(20, laneHeight * 0.45));
    return html`<div class="lanes" part="lanes" @scroll=${this.onScroll} @pointerleave=${() => (this.hovered = undefined)}>
      <div class="grid" style="--label-width:${LABEL_WIDTH}px">
        <div class="labels" style="font-size:${fontSize}px">
          ${live.hosts.map(
            (host) =>
              html`<div class="host" tabindex="0" style="height:${laneHeight}px;line-height:${laneHeight}px" title=${displayText(host)}>${displayText(host)}</div>`,
          )}
        </div>
        <div class="track" style="height:${this.layout?.height ?? 0}px">
          <canvas role="img" aria-label=${summary} @pointermove=${this.onLanePointer}></canvas>
        </div>
      </div>
      ${cellTooltip(live, this.hovered)}
    </div>`;
  }

  private fleetViewTemplate(live: LiveLanesState, summary: string): unknown {
    const rows = this.rows!;
    const rowHeight = this.rowHeight();
    const shown = rows.hosts.length;
    const { first, last, focus } = this.focusWindow();
    const filtered = this.filter.trim() !== '';
    const status = filtered
      ? `${formatCount(shown)} of ${formatCount(rows.total)} hosts match`
      : `${formatCount(rows.total)} hosts, all shown`;
    const focusId = (i: number) => `focus-${i}`;
    return html`
      <div class="toolbar">
        <input class="filter" type="search" .value=${this.filter} @input=${this.onFilter}
          placeholder=${HOST_FILTER_TEXT.placeholder} aria-label=${HOST_FILTER_TEXT.label} />
        <span class="count" role="status">${status} · ${formatCount(rows.troubled)} with disagreements · trouble first</span>
      </div>
      <div class="fleet" part="fleet">
        <div class="overview" @scroll=${this.onScroll} @pointerleave=${() => (this.hovered = undefined)}>
          <div class="spacer" style="height:${shown * rowHeight}px">
            <div class="view" style=${this.gapStyle(rowHeight)}>
              <canvas role="img" aria-label=${summary} @pointermove=${this.onFleetPointer}></canvas>
            </div>
            ${shown > 0 ? html`<div class="focus-row" style="top:${focus * rowHeight - 1}px;height:${rowHeight + 2}px"></div>` : nothing}
          </div>
          ${cellTooltip(live, this.hovered)}
        </div>
        <div class="panel">
          <div class="focus-list" role="listbox" tabindex="0" @keydown=${this.onFocusKey}
            aria-label=${text.focusList}
            aria-activedescendant=${shown > 0 ? focusId(focus) : nothing}>
            ${rows.hosts.slice(first, last).map(
              (host, k) => html`<div class="option" role="option" id=${focusId(first + k)}
                aria-selected=${first + k === focus ? 'true' : 'false'} title=${displayText(host)}
                style="height:${FOCUS_ROW}px;line-height:${FOCUS_ROW}px"
                @pointerenter=${() => (this.focusHost = host)}>${displayText(host)}</div>`,
            )}
            <div class="rows" style="height:${(last - first) * FOCUS_ROW}px">
              <canvas aria-hidden="true"></canvas>
              ${shown > 0 ? html`<div class="selected" style="top:${(focus - first) * FOCUS_ROW - 1}px;height:${FOCUS_ROW}px"></div>` : nothing}
            </div>
          </div>
          ${focusDetail(live, this.focusHost)}
        </div>
      </div>
    `;
  }

  override render() {
    const live = this.store.state.live;
    if (live.total === 0) return emptyState(text.heading, ['live_detection']);
    const rate = hitRate(live);
    const perSecond = ratePerSecond(live.rate, this.store.now());
    const model = live.lastModel;
    const fleet = live.hosts.length > MAX_LANE_HOSTS;
    const rows = this.rows;
    const matching =
      fleet && rows && this.filter.trim() !== ''
        ? `, ${formatCount(rows.hosts.length)} match the filter`
        : '';
    const summary = fleet
      ? `Fleet view of ${formatCount(live.hosts.length)} hosts${matching}, hosts with disagreements first; ${formatCount(live.total)} detections, hit rate ${rate !== undefined ? percent(rate) : 'not yet known'}`
      : `${formatCountOf(live.hosts.length, 'host')}, ${formatCountOf(live.total, 'detection')}, hit rate ${rate !== undefined ? percent(rate) : 'not yet known'}`;
    return html`
      <header class="scene-header">
        <h2>${text.heading}</h2>
        <div class="stats" role="status" aria-live="off">
          <span>${text.hitRate} <b class="hit-rate">${rate !== undefined ? percent(rate) : '—'}</b>
            <span class="muted">(${formatCount(live.judged)} judged)</span></span>
          <span><b class="per-second">${perSecond.toFixed(1)}</b> <span class="muted">${text.perSecond}</span></span>
          ${model !== undefined ? html`<span class="badge" title=${text.modelBadge} style="background:${modelColor(model)}">${displayText(model)}</span>` : nothing}
        </div>
      </header>
      <div class="legend" aria-hidden="true">
        ${PHASES.map((p) => phaseSwatch(p))}
        <span><span class="key pending"></span>${text.truthPending}</span>
        <span><span class="key mismatch"></span>${text.truthDisagrees}</span>
      </div>
      ${fleet ? this.fleetViewTemplate(live, summary) : this.laneView(live, summary)}
      ${live.latest ? latestCallout(live.latest) : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-live-scene': FleetLiveScene;
  }
}
