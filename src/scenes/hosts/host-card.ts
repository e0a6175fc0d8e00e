import { css, html, nothing } from 'lit';
import { SCENE_TEXT } from '../../content/deck-text.js';
import { displayText } from '../../contract/display-text.js';
import { phaseColor } from '../../contract/palette.js';
import { phaseLabel } from '../../contract/vocabulary.js';
import type { HostView } from '../../store/fleet.js';
import { formatAgo, formatCount } from '../shared/format.js';
import { phaseSwatch } from '../shared/phase-swatch.js';
import type { HostGridLayout } from './host-grid.js';

const text = SCENE_TEXT.hosts;

/** One line of text describing a host, for a card's tooltip and accessible name. */
export function hostSummary(host: HostView): string {
  const status = host.online === undefined ? 'status unknown' : host.online ? text.online : text.offline;
  return [
    displayText(host.host_id),
    status,
    host.phase !== undefined ? phaseLabel(host.phase) : 'phase unknown',
    displayText(host.profile),
    host.episodes !== undefined ? `${formatCount(host.episodes)} ${text.episodes(host.episodes)}` : undefined,
    // A large fleet's snapshot leaves out when an online host was seen (it was seen about now).
    host.lastSeenAgoS !== undefined ? `${text.lastSeen} ${formatAgo(host.lastSeenAgoS)}` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(' · ');
}

/** The scene's layout and the host cards' look, kept beside the template that uses its classes. */
export const hostCardStyles = css`
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
`;

/**
 * One host card, as much of it as the tier carries: the full card names
 * status, phase, profile and episodes; compact and tiny cards keep the id and
 * phase colour and leave the rest to the tooltip and accessible name, so a
 * dense grid still reads at a glance.
 */
export function hostCard(host: HostView, layout: HostGridLayout) {
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
            ? html`<b>${host.episodes !== undefined ? formatCount(host.episodes) : '—'}</b> ${text.episodes(host.episodes ?? 0)}`
            : html`<b>${host.episodes !== undefined ? formatCount(host.episodes) : '—'}</b> ep · ${displayText(host.profile) ?? ''}`
        }</span>
        <span class="seen">${formatAgo(host.lastSeenAgoS)}</span>
      </div>
    </div>`;
}
