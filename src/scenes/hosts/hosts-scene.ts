import { css, html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { SCENE_TEXT } from '../../content/deck-text.js';
import { displayText } from '../../contract/display-text.js';
import { phaseColor } from '../../contract/palette.js';
import { phaseLabel } from '../../contract/vocabulary.js';
import { fleetHosts, type HostView } from '../../store/fleet.js';
import { ClockController } from '../shared/clock-controller.js';
import { emptyState } from '../shared/empty-state.js';
import { formatAgo, formatCount } from '../shared/format.js';
import { phaseSwatch } from '../shared/phase-swatch.js';
import { sceneStyles } from '../shared/scene-styles.js';
import { SizeController } from '../shared/size-controller.js';
import { StoreController } from '../shared/store-controller.js';
import { swatchStyles } from '../shared/swatch-styles.js';
import { type HostGridLayout, layoutHostGrid } from './host-grid.js';

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
      .box:focus-visible {
        outline: 3px solid var(--fleet-accent, #5aa9e6);
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
        background: var(--fleet-panel, #1b2027);
        border: 1px solid var(--fleet-border, #39414d);
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
        font-family: var(--fleet-mono, ui-monospace, Menlo, Consolas, monospace);
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
        color: var(--fleet-muted, #a9b0bb);
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
        color: var(--fleet-muted, #a9b0bb);
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
        color: var(--fleet-fg, #e8eaed);
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
        background: color-mix(in srgb, var(--phase-color) 22%, var(--fleet-panel, #1b2027));
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

  private readonly box = new SizeController(this, '.box');

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
      return html`<div class=${classes} part="card" style=${style} title=${summary} data-host=${host.host_id}>
        <span class="id" aria-hidden="true">${displayText(host.host_id)}</span><span class="visually-hidden">${summary}</span>
      </div>`;
    }
    if (tier === 'compact') {
      return html`<div class=${classes} part="card" style=${style} title=${summary} data-host=${host.host_id}>
        <span class="visually-hidden">${summary}</span>
        <span class="id" aria-hidden="true">${displayText(host.host_id)}</span>
        <div class="meta" aria-hidden="true"><span class="phase">${phase}</span><span class="seen">${formatAgo(host.lastSeenAgoS)}</span></div>
      </div>`;
    }
    return html`<div class=${classes} part="card" style=${style} title=${summary} data-host=${host.host_id}>
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

  override render() {
    const fleet = this.store.state.fleet;
    if (!fleet.snapshot && fleet.episodes.size === 0)
      return emptyState(text.heading, ['snapshot', 'episode']);
    this.hosts = fleetHosts(fleet, this.store.now());
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
