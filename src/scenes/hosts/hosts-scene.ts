import { html, LitElement, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { HOST_FILTER_TEXT, SCENE_TEXT } from '../../content/deck-text.js';
import { displayText } from '../../contract/display-text.js';
import { phaseColor } from '../../contract/palette.js';
import { phaseLabel } from '../../contract/vocabulary.js';
import { type FleetState, fleetHosts, type HostView } from '../../store/fleet.js';
import { ClockController } from '../shared/clock-controller.js';
import { emptyState } from '../shared/empty-state.js';
import { formatAgo, formatCount } from '../shared/format.js';
import { phaseSwatch } from '../shared/phase-swatch.js';
import { clearedPixels } from '../shared/pixel-raster.js';
import { sceneStyles } from '../shared/scene-styles.js';
import { SizeController } from '../shared/size-controller.js';
import { StoreController } from '../shared/store-controller.js';
import { swatchStyles } from '../shared/swatch-styles.js';
import {
  aggregateHosts,
  type HostAggregate,
  MAX_CARD_HOSTS,
  mapCellSize,
  offlineFirst,
} from './host-aggregate.js';
import { hostCard, hostCardStyles, hostSummary } from './host-card.js';
import { type HostGridLayout, layoutHostGrid } from './host-grid.js';
import { hostsAggregateStyles } from './hosts-aggregate.styles.js';
import { paintHostMap } from './map-pixels.js';

// Kept importable from the scene, where it was first exported.
export { hostSummary };

/** Rows of the aggregate's host list (30 px each with gaps). */
const LIST_ROW_PX = 34;
/** Space the list column keeps for its heading, filter and "and N more" (px). */
const LIST_CHROME_PX = 130;
/** The map tooltip's widest (px), kept inside the map. */
const TIP_WIDTH = 420;

const text = SCENE_TEXT.hosts;

/**
 * Scene 4: the fleet as a grid of host cards — id, online or not, current
 * phase, profile, episodes collected, and a "last seen" that keeps ticking.
 * Cards size themselves to the fleet: five hosts fill the stage with large
 * cards, two hundred still fit as a dense grid, and past that the grid
 * scrolls inside its box rather than growing the page.
 *
 * @csspart empty - the empty state before the first snapshot or episode
 * @csspart grid - the card grid
 * @csspart card - one host card
 * @cssprop --fleet-panel - card background
 * @cssprop --fleet-border - card outline
 */
@customElement('fleet-hosts-scene')
export class FleetHostsScene extends LitElement {
  static override styles = [sceneStyles, swatchStyles, hostsAggregateStyles, hostCardStyles];

  private readonly store = new StoreController(this, ['fleet']);
  // "Last seen" keeps ticking between snapshots.
  protected readonly clock = new ClockController(this, 1000);

  private readonly box = new SizeController(this, '.box, .aggregate');
  private readonly mapBox = new SizeController(this, '.map .area');

  @query('.map canvas') private mapCanvas?: HTMLCanvasElement;
  @state() private filter = '';
  /** The map's tooltip: below the pointer in the map's upper half, above it in the lower (`bottom` set). */
  @state() private tip?: { text: string; left: number; top?: number; bottom?: number };
  /** Hosts in map order (offline first), as last drawn. */
  private mapHosts: readonly HostView[] = [];
  private mapSource?: readonly HostView[];
  private mapCell = 0;

  /** The grid last drawn (for tests). */
  layout?: HostGridLayout;
  /** The hosts last drawn, in order (for tests). */
  hosts: readonly HostView[] = [];

  /** What the map last drew, so a render that changed none of it does not redraw 10,000 squares. */
  private mapDrawn?: { hosts: readonly HostView[]; filter: string; width: number; height: number };

  protected override updated(): void {
    const drawn = this.mapDrawn;
    const { width, height } = this.mapBox;
    if (
      drawn &&
      drawn.hosts === this.mapHosts &&
      drawn.filter === this.filter &&
      drawn.width === width &&
      drawn.height === height
    )
      return;
    this.drawMap();
    this.mapDrawn = { hosts: this.mapHosts, filter: this.filter, width, height };
  }

  private aggregateCache?: { hosts: readonly HostView[]; aggregate: HostAggregate };

  private aggregateOf(hosts: readonly HostView[]): HostAggregate {
    if (this.aggregateCache?.hosts !== hosts)
      this.aggregateCache = { hosts, aggregate: aggregateHosts(hosts) };
    return this.aggregateCache.aggregate;
  }

  private hostsCache?: { fleet: FleetState; second: number; hosts: HostView[] };

  /**
   * The hosts at `now`, computed once per fleet state and second: typing in
   * the filter re-renders many times a second, and merging and sorting
   * 10,000 hosts each time would make every key lag.
   */
  private hostsAt(fleet: FleetState, now: number): HostView[] {
    const second = Math.floor(now / 1000);
    const cached = this.hostsCache;
    // A large fleet's episodes change many times a second; its aggregate follows the snapshot, once a second.
    const same =
      cached !== undefined &&
      cached.second === second &&
      (cached.fleet === fleet ||
        (cached.hosts.length > MAX_CARD_HOSTS && cached.fleet.snapshot === fleet.snapshot));
    if (same) return cached.hosts;
    const hosts = fleetHosts(fleet, now);
    this.hostsCache = { fleet, second, hosts };
    return hosts;
  }

  /** Every host as a small square in its phase colour, offline ones hollow; offline first. */
  private drawMap(): void {
    const canvas = this.mapCanvas;
    if (!canvas) return;
    const { width, height } = this.mapBox;
    const hosts = this.mapHosts;
    const cell = mapCellSize(hosts.length, width, height);
    this.mapCell = cell;
    const columns = Math.max(1, Math.floor(width / cell));
    const rows = Math.ceil(hosts.length / columns);
    const cssHeight = Math.max(1, Math.min(height, rows * cell));
    const dpr = globalThis.devicePixelRatio || 1;
    const pw = Math.max(1, Math.round(width * dpr));
    const ph = Math.max(1, Math.round(cssHeight * dpr));
    if (canvas.width !== pw || canvas.height !== ph) {
      canvas.width = pw;
      canvas.height = ph;
      canvas.style.width = `${width}px`;
      canvas.style.height = `${cssHeight}px`;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const query = this.filter.trim();
    const matching = query === '' ? undefined : new Set(offlineFirst(hosts, query));
    const { image, words } = clearedPixels(ctx);
    paintHostMap(words, pw, ph, hosts, { cell, columns, dpr }, matching);
    ctx.putImageData(image, 0, 0);
  }

  private onMapPointer(event: PointerEvent): void {
    const canvas = this.mapCanvas;
    if (!canvas || this.mapCell === 0) return;
    const rect = canvas.getBoundingClientRect();
    const scale = rect.width / (canvas.clientWidth || 1);
    const x = (event.clientX - rect.left) / scale;
    const y = (event.clientY - rect.top) / scale;
    const columns = Math.max(1, Math.floor(this.mapBox.width / this.mapCell));
    const i = Math.floor(y / this.mapCell) * columns + Math.floor(x / this.mapCell);
    const host = x < columns * this.mapCell ? this.mapHosts[i] : undefined;
    const left = Math.min(x + 12, Math.max(0, this.mapBox.width - TIP_WIDTH));
    // A tip that wraps to a second line must not run off the map's foot.
    const below = y < this.mapBox.height / 2;
    this.tip = host
      ? below
        ? { text: hostSummary(host), left, top: y + 16 }
        : { text: hostSummary(host), left, bottom: this.mapBox.height - y + 12 }
      : undefined;
  }

  private bars(counts: readonly { key: string; count: number }[], total: number, phases: boolean) {
    return html`<ul class="bars">
      ${counts.map(
        ({ key, count }) => html`<li>
          <span class="name" title=${key || text.unknown}>${phases ? (key === '' ? html`<span class="muted">${text.phaseUnknown}</span>` : phaseSwatch(key)) : key || html`<span class="muted">${text.unknown}</span>`}</span>
          <span class="track" aria-hidden="true"><span class="fill" style="display:block;width:${(100 * count) / Math.max(1, total)}%;--bar-color:${phases ? phaseColor(key || undefined) : 'var(--fleet-accent)'}"></span></span>
          <span class="n">${formatCount(count)}</span>
        </li>`,
      )}
    </ul>`;
  }

  private aggregateView(agg: HostAggregate) {
    if (this.mapSource !== this.hosts) {
      this.mapHosts = offlineFirst(this.hosts);
      this.mapSource = this.hosts;
    }
    const filtered = this.filter.trim() !== '';
    // Unfiltered, the list is the map's order: no second pass over every host.
    const listed = filtered ? offlineFirst(this.hosts, this.filter) : this.mapHosts;
    const fit = Math.max(3, Math.floor(((this.box.height || 720) - LIST_CHROME_PX) / LIST_ROW_PX));
    const shown = listed.slice(0, fit);
    const phaseText = agg.byPhase
      .map((p) => `${formatCount(p.count)} ${p.key === '' ? 'unknown' : phaseLabel(p.key)}`)
      .join(', ');
    return html`<div class="aggregate" part="aggregate">
      <div class="counts-col">
        <section><h3>${text.byPhase}</h3>${this.bars(agg.byPhase, agg.total, true)}</section>
        <section><h3>${text.byProfile}</h3>${this.bars(agg.byProfile, agg.total, false)}</section>
      </div>
      <section class="map">
        <h3>${text.map}</h3>
        <div class="area" @pointerleave=${() => (this.tip = undefined)}>
          <canvas role="img" @pointermove=${this.onMapPointer}
            aria-label="Map of ${formatCount(agg.total)} hosts, offline first: ${formatCount(agg.offline)} offline; ${phaseText}"></canvas>
          ${this.tip ? html`<div class="tip" role="tooltip" style="max-width:${TIP_WIDTH}px;left:${this.tip.left}px;${this.tip.bottom !== undefined ? `bottom:${this.tip.bottom}px` : `top:${this.tip.top}px`}">${this.tip.text}</div>` : nothing}
        </div>
        <div class="note muted">${text.mapNote}</div>
      </section>
      <section class="list-col">
        <h3>${text.offlineFirst}</h3>
        <input class="filter" type="search" .value=${this.filter}
          @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}
          placeholder=${HOST_FILTER_TEXT.placeholder} aria-label=${HOST_FILTER_TEXT.label} />
        <ul class="list" aria-label=${text.offlineFirst}>
          ${repeat(
            shown,
            (h) => h.host_id,
            (h) => html`<li tabindex="0" class=${h.online === false ? 'offline' : ''} data-host=${h.host_id}
              title=${hostSummary(h)} aria-label=${hostSummary(h)} style="--phase-color:${phaseColor(h.phase)}">
              <span class="id">${displayText(h.host_id)}</span>
              ${h.phase !== undefined ? phaseSwatch(h.phase, false) : html`<span class="muted">—</span>`}
              <span class="seen muted">${
                h.online === false
                  ? text.offline
                  : h.lastSeenAgoS === undefined && h.online
                    ? text.online
                    : formatAgo(h.lastSeenAgoS)
              }</span>
            </li>`,
          )}
        </ul>
        <div class="more muted" role="status">${
          listed.length > shown.length
            ? `and ${formatCount(listed.length - shown.length)} more${filtered ? ` of ${formatCount(listed.length)} matching` : ''}`
            : filtered
              ? `${formatCount(listed.length)} matching`
              : ''
        }</div>
      </section>
    </div>`;
  }

  override render() {
    const fleet = this.store.state.fleet;
    if (!fleet.snapshot && fleet.episodes.size === 0)
      return emptyState(text.heading, ['snapshot', 'episode']);
    this.hosts = this.hostsAt(fleet, this.store.now());
    if (this.hosts.length > MAX_CARD_HOSTS) {
      this.layout = undefined;
      const agg = this.aggregateOf(this.hosts);
      return html`
        <header class="scene-header">
          <h2>${text.heading}</h2>
          <div class="counts" role="status" aria-live="off">
            <span><b>${formatCount(agg.total)}</b> <span class="muted">${text.hosts(agg.total)}</span></span>
            <span><span class="dot on" style="display:inline-block"></span> <b>${formatCount(agg.online)}</b> <span class="muted">${text.online}</span></span>
            <span><b>${formatCount(agg.offline)}</b> <span class="muted">${text.offline}</span></span>
          </div>
        </header>
        ${this.aggregateView(agg)}
      `;
    }
    const { width, height } = this.box;
    const layout = layoutHostGrid(this.hosts.length, width || 1472, height || 720);
    this.layout = layout;
    let online = 0;
    let offline = 0;
    for (const host of this.hosts) {
      if (host.online === true) online++;
      else if (host.online === false) offline++;
    }
    return html`
      <header class="scene-header">
        <h2>${text.heading}</h2>
        <div class="counts" role="status" aria-live="off">
          <span><b>${formatCount(this.hosts.length)}</b> <span class="muted">${text.hosts(this.hosts.length)}</span></span>
          <span><span class="dot on" style="display:inline-block"></span> <b>${formatCount(online)}</b> <span class="muted">${text.online}</span></span>
          ${offline > 0 ? html`<span><b>${formatCount(offline)}</b> <span class="muted">${text.offline}</span></span>` : nothing}
        </div>
      </header>
      <div
        class="box"
        tabindex=${layout.scrolls ? '0' : nothing}
        role=${layout.scrolls ? 'region' : nothing}
        aria-label=${layout.scrolls ? `${formatCount(this.hosts.length)} hosts, scrollable` : nothing}
      >
        <div
          class="grid"
          part="grid"
          style="width:${layout.columns * layout.cardWidth + (layout.columns - 1) * layout.gap}px;gap:${layout.gap}px;font-size:${layout.fontSize}px"
        >
          ${repeat(
            this.hosts,
            (h) => h.host_id,
            (h) => hostCard(h, layout),
          )}
        </div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-hosts-scene': FleetHostsScene;
  }
}
