import { css, html, LitElement, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { SCENE_TEXT } from '../../content/deck-text.js';
import { displayText } from '../../contract/display-text.js';
import { phaseColor } from '../../contract/palette.js';
import { phaseLabel } from '../../contract/vocabulary.js';
import { type FleetState, fleetHosts, type HostView } from '../../store/fleet.js';
import { ClockController } from '../shared/clock-controller.js';
import { emptyState } from '../shared/empty-state.js';
import { formatAgo, formatCount } from '../shared/format.js';
import { phaseSwatch } from '../shared/phase-swatch.js';
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
import { type HostGridLayout, layoutHostGrid } from './host-grid.js';
import { hostsAggregateStyles } from './hosts-aggregate.styles.js';

/** Rows of the aggregate's host list (30 px each with gaps). */
const LIST_ROW_PX = 34;
/** Space the list column keeps for its heading, filter and "and N more" (px). */
const LIST_CHROME_PX = 130;

const text = SCENE_TEXT.hosts;

/** One line of text describing a host, for a card's tooltip and accessible name. */
export function hostSummary(host: HostView): string {
  const status = host.online === undefined ? 'status unknown' : host.online ? text.online : text.offline;
  return [
    displayText(host.host_id),
    status,
    host.phase !== undefined ? phaseLabel(host.phase) : 'phase unknown',
    displayText(host.profile),
    host.episodes !== undefined ? `${formatCount(host.episodes)} ${text.episodes}` : undefined,
    `${text.lastSeen} ${formatAgo(host.lastSeenAgoS)}`,
  ]
    .filter((part) => part !== undefined)
    .join(' · ');
}

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
  static override styles = [
    sceneStyles,
    swatchStyles,
    hostsAggregateStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 18px;
      }
      header h2 {
        margin: 0;
      }
      .counts {
        display: flex;
        gap: 26px;
        font-size: 1.05em;
        font-variant-numeric: tabular-nums;
      }
      .card:focus-visible,
      .box:focus-visible {
        outline: 3px solid var(--fleet-accent);
        outline-offset: 2px;
      }
      .box {
        flex: 1;
        min-height: 0;
        overflow-y: auto;
        overflow-x: hidden;
      }
      .grid {
        display: flex;
        flex-wrap: wrap;
        justify-content: center;
        align-content: center;
        min-height: 100%;
        margin: 0 auto;
      }
      .card {
        flex: none;
        position: relative;
        display: flex;
        flex-direction: column;
        justify-content: space-between;
        overflow: hidden;
        border-radius: 10px;
        padding: 0.85em 1em 0.8em 1.15em;
        background: var(--fleet-panel);
        border: 1px solid var(--fleet-border);
        line-height: 1.25;
      }
      .card::before {
        content: '';
        position: absolute;
        left: 0;
        top: 0;
        bottom: 0;
        width: 0.4em;
        background: var(--phase-color);
      }
      .card.offline {
        border-style: dashed;
        opacity: 0.62;
      }
      .card.offline::before {
        background: repeating-linear-gradient(180deg, var(--phase-color) 0 6px, transparent 6px 12px);
      }
      .top {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 0.5em;
        min-width: 0;
      }
      .id {
        font-family: var(--fleet-mono);
        font-weight: 700;
        font-size: 1.15em;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .status {
        display: inline-flex;
        align-items: center;
        gap: 0.35em;
        font-size: 0.8em;
        color: var(--fleet-muted);
        white-space: nowrap;
      }
      .dot {
        width: 0.6em;
        height: 0.6em;
        border-radius: 50%;
        background: #8a8f98;
        flex: none;
      }
      .dot.on {
        background: #3fb27f;
      }
      .dot.off {
        background: transparent;
        border: 2px solid #d64550;
      }
      .phase {
        font-size: 1.2em;
      }
      .phase .chip {
        width: 1.3em;
        height: 1.3em;
      }
      .profile,
      .meta {
        font-size: 0.82em;
        color: var(--fleet-muted);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .meta {
        display: flex;
        justify-content: space-between;
        gap: 0.6em;
      }
      .meta b {
        color: var(--fleet-fg);
        font-weight: 650;
        font-variant-numeric: tabular-nums;
      }
      .seen {
        font-variant-numeric: tabular-nums;
      }
      /* Compact and tiny cards: the phase colour tints the card so the grid reads at a glance. */
      .card.compact,
      .card.tiny {
        padding: 0.35em 0.45em 0.3em 0.75em;
        border-radius: 6px;
        background: color-mix(in srgb, var(--phase-color) 22%, var(--fleet-panel));
      }
      .card.compact .id {
        font-size: 1.05em;
      }
      .card.compact .meta {
        align-items: center;
      }
      .card.compact .phase {
        font-size: 1em;
      }
      .card.tiny {
        justify-content: center;
        padding: 0.15em 0.2em 0.15em 0.55em;
      }
      .card.tiny .id {
        font-size: 1em;
        font-weight: 600;
      }
    `,
  ];

  private readonly store = new StoreController(this, ['fleet']);
  // "Last seen" keeps ticking between snapshots.
  protected readonly clock = new ClockController(this, 1000);

  private readonly box = new SizeController(this, '.box, .aggregate');
  private readonly mapBox = new SizeController(this, '.map .area');

  @query('.map canvas') private mapCanvas?: HTMLCanvasElement;
  @state() private filter = '';
  @state() private tip?: { text: string; left: number; top: number };
  /** Hosts in map order (offline first), as last drawn. */
  private mapHosts: readonly HostView[] = [];
  private mapSource?: readonly HostView[];
  private mapCell = 0;

  /** The grid last drawn (for tests). */
  layout?: HostGridLayout;
  /** The hosts last drawn, in order (for tests). */
  hosts: readonly HostView[] = [];

  private card(host: HostView, layout: HostGridLayout) {
    const tier = layout.tier;
    const status =
      host.online === undefined
        ? html`<span class="status"><span class="dot" aria-hidden="true"></span>?</span>`
        : html`<span class="status"><span class="dot ${host.online ? 'on' : 'off'}" aria-hidden="true"></span>${host.online ? text.online : text.offline}</span>`;
    const phase =
      host.phase !== undefined
        ? phaseSwatch(host.phase, tier !== 'compact')
        : html`<span class="muted">—</span>`;
    const classes = `card ${tier} ${host.online === false ? 'offline' : ''}`;
    const style = `width:${layout.cardWidth}px;height:${layout.cardHeight}px;--phase-color:${phaseColor(host.phase)}`;
    const summary = hostSummary(host);
    if (tier === 'tiny') {
      return html`<div class=${classes} part="card" tabindex="0" style=${style} title=${summary} data-host=${host.host_id}>
        <span class="id" aria-hidden="true">${displayText(host.host_id)}</span><span class="visually-hidden">${summary}</span>
      </div>`;
    }
    if (tier === 'compact') {
      return html`<div class=${classes} part="card" tabindex="0" style=${style} title=${summary} data-host=${host.host_id}>
        <span class="visually-hidden">${summary}</span>
        <span class="id" aria-hidden="true">${displayText(host.host_id)}</span>
        <div class="meta" aria-hidden="true"><span class="phase">${phase}</span><span class="seen">${formatAgo(host.lastSeenAgoS)}</span></div>
      </div>`;
    }
    return html`<div class=${classes} part="card" tabindex="0" style=${style} title=${summary} data-host=${host.host_id}>
      <div class="top"><span class="id">${displayText(host.host_id)}</span>${status}</div>
      <div class="phase">${phase}</div>
      ${tier === 'full' ? html`<div class="profile">${displayText(host.profile) ?? '—'}</div>` : nothing}
      <div class="meta">
        <span class="episodes">${
          tier === 'full'
            ? html`<b>${host.episodes !== undefined ? formatCount(host.episodes) : '—'}</b> ${text.episodes}`
            : html`<b>${host.episodes !== undefined ? formatCount(host.episodes) : '—'}</b> ep · ${displayText(host.profile) ?? ''}`
        }</span>
        <span class="seen">${formatAgo(host.lastSeenAgoS)}</span>
      </div>
    </div>`;
  }

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
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, cssHeight);
    const gap = cell >= 4 ? 1 : 0;
    const query = this.filter.trim();
    const matching = query === '' ? undefined : new Set(offlineFirst(hosts, query));
    hosts.forEach((host, i) => {
      const x = (i % columns) * cell;
      const y = Math.floor(i / columns) * cell;
      const dim = matching !== undefined && !matching.has(host);
      ctx.globalAlpha = dim ? 0.18 : 1;
      ctx.fillStyle = phaseColor(host.phase);
      if (host.online === false && cell >= 6) {
        ctx.lineWidth = 2;
        ctx.strokeStyle = phaseColor(host.phase);
        ctx.strokeRect(x + 1, y + 1, cell - gap - 2, cell - gap - 2);
      } else ctx.fillRect(x, y, cell - gap, cell - gap);
    });
    ctx.globalAlpha = 1;
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
    this.tip = host
      ? { text: hostSummary(host), left: Math.min(x + 12, Math.max(0, this.mapBox.width - 420)), top: y + 16 }
      : undefined;
  }

  private bars(counts: readonly { key: string; count: number }[], total: number, phases: boolean) {
    return html`<ul class="bars">
      ${counts.map(
        ({ key, count }) => html`<li>
          <span class="name" title=${key || 'unknown'}>${phases ? (key === '' ? html`<span class="muted">phase unknown</span>` : phaseSwatch(key)) : key || html`<span class="muted">unknown</span>`}</span>
          <span class="track" aria-hidden="true"><span class="fill" style="display:block;width:${(100 * count) / Math.max(1, total)}%;--bar-color:${phases ? phaseColor(key || undefined) : 'var(--fleet-accent)'}"></span></span>
          <span class="n">${formatCount(count)}</span>
        </li>`,
      )}
    </ul>`;
  }

  private aggregateView(agg: HostAggregate) {
    const listed = offlineFirst(this.hosts, this.filter);
    const fit = Math.max(3, Math.floor(((this.box.height || 720) - LIST_CHROME_PX) / LIST_ROW_PX));
    const shown = listed.slice(0, fit);
    const filtered = this.filter.trim() !== '';
    if (this.mapSource !== this.hosts) {
      this.mapHosts = offlineFirst(this.hosts);
      this.mapSource = this.hosts;
    }
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
          ${this.tip ? html`<div class="tip" role="tooltip" style="left:${this.tip.left}px;top:${this.tip.top}px">${this.tip.text}</div>` : nothing}
        </div>
        <div class="note muted">one square per host in its phase colour · hollow: offline · hover for details</div>
      </section>
      <section class="list-col">
        <h3>${text.offlineFirst}</h3>
        <input class="filter" type="search" .value=${this.filter}
          @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}
          placeholder="Filter: host id, profile or phase" aria-label="Filter hosts by id, profile or phase" />
        <ul class="list" aria-label="Hosts, offline first">
          ${repeat(
            shown,
            (h) => h.host_id,
            (h) => html`<li tabindex="0" class=${h.online === false ? 'offline' : ''} data-host=${h.host_id}
              title=${hostSummary(h)} aria-label=${hostSummary(h)} style="--phase-color:${phaseColor(h.phase)}">
              <span class="id">${h.host_id}</span>
              ${h.phase !== undefined ? phaseSwatch(h.phase, false) : html`<span class="muted">—</span>`}
              <span class="seen muted">${h.online === false ? text.offline : formatAgo(h.lastSeenAgoS)}</span>
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
            <span><b>${formatCount(agg.total)}</b> <span class="muted">hosts</span></span>
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
          <span><b>${formatCount(this.hosts.length)}</b> <span class="muted">hosts</span></span>
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
            (h) => this.card(h, layout),
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
