import { html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { SCENE_TEXT } from '../../content/deck-text.js';
import { displayText } from '../../contract/display-text.js';
import { type EpisodeRecord, isBusyFleet } from '../../store/fleet.js';
import { phaseSharesAt } from '../../store/phase-mix.js';
import { ClockController } from '../shared/clock-controller.js';
import { emptyState } from '../shared/empty-state.js';
import { fitOneLine } from '../shared/fit-text.js';
import { formatAgo, formatBytes, formatCount } from '../shared/format.js';
import { labelledSegments, phaseBar, stripSegments } from '../shared/phase-bar.js';
import { areCounts, type ShareSegment, shareBarSegments, shareSegments } from '../shared/phase-shares.js';
import { shareLegend } from '../shared/share-legend.js';
import { StoreController } from '../shared/store-controller.js';
import { dbSceneStyles } from './db-scene.styles.js';

const text = SCENE_TEXT.db;
const LAST_N = 10;
/** Font size (px) of the totals, and the least they shrink to when one outgrows its tile. */
const TILE_PX = 44;
const MIN_TILE_PX = 22;

/** Where the per-phase bar's numbers came from. */
export type PerPhaseSource = 'snapshot' | 'phase_mix' | 'phase' | 'none';

/**
 * Scene 5: the episode store — totals (episodes, windows, samples, size on
 * disk), labelled windows per phase as one stacked bar with a legend, and
 * the last ten stored episodes with a phase strip each.
 *
 * @csspart empty - the empty state before the first event
 * @csspart totals - the four totals
 * @csspart per-phase - the per-phase bar and legend
 * @csspart episodes - the last ten episodes
 * @cssprop --fleet-panel - tile background
 */
@customElement('fleet-db-scene')
export class FleetDbScene extends LitElement {
  static override styles = dbSceneStyles;

  private readonly store = new StoreController(this, ['fleet', 'phaseMix']);
  // Episode ages and a phase mix that ages out move with time alone.
  protected readonly clock = new ClockController(this, 1000);

  /** The per-phase figures last drawn and where they came from (for tests). */
  perPhase: { source: PerPhaseSource; segments: readonly ShareSegment[] } = { source: 'none', segments: [] };

  protected override updated(): void {
    // The totals grow for as long as the fleet runs: shrink one to fit its tile rather than cut it.
    fitOneLine(this.renderRoot.querySelectorAll<HTMLElement>('.tile .value'), TILE_PX, MIN_TILE_PX);
  }

  private tile(cls: string, name: string, value: string | undefined) {
    return html`<div class="tile ${cls}">
      ${value !== undefined ? html`<span class="value">${value}</span>` : html`<span class="waiting">waiting for <code>snapshot</code></span>`}
      <span class="name">${name}</span>
    </div>`;
  }

  private computePerPhase(now: number): { source: PerPhaseSource; segments: ShareSegment[] } {
    const counts = this.store.state.fleet.snapshot?.phase_counts;
    if (counts && Object.keys(counts).length > 0)
      return { source: 'snapshot', segments: shareSegments(counts) };
    const shares = phaseSharesAt(this.store.state.phaseMix, now);
    if (shares.source === 'none') return { source: 'none', segments: [] };
    return { source: shares.source, segments: shareSegments(shares.counts) };
  }

  private perPhaseSection(now: number) {
    const perPhase = this.computePerPhase(now);
    this.perPhase = perPhase;
    const { source, segments } = perPhase;
    const total = segments.reduce((sum, s) => sum + s.count, 0);
    const counts = areCounts(segments);
    return html`<section class="per-phase" part="per-phase">
      <h3>${source === 'snapshot' || source === 'none' ? text.perPhase : text.perPhaseFromMix}</h3>
      ${
        source === 'none'
          ? html`<p class="quiet">Waiting for <code>phase_counts</code> in a <code>snapshot</code>, or a <code>phase_mix</code>.</p>`
          : html`${phaseBar(shareBarSegments(segments), {
              variant: 'share',
              label: `${counts ? `${formatCount(total)} labelled windows: ` : ''}${segments
                .filter((s) => s.count > 0)
                .map((s) => `${s.phase} ${Math.round(s.share * 100)}%`)
                .join(', ')}`,
            })}
            ${shareLegend(segments, counts)}`
      }
    </section>`;
  }

  private episodeRow(e: EpisodeRecord, now: number) {
    const axis = e.duration_s ?? Math.max(1, ...(e.phases ?? []).map((p) => p.end_s));
    const facts = [
      e.windows !== undefined ? `${formatCount(e.windows)} windows` : undefined,
      e.samples !== undefined ? `${formatCount(e.samples)} samples` : undefined,
      formatAgo((now - e.updated) / 1000),
    ].filter((f) => f !== undefined);
    return html`<li class="arrives" data-episode=${e.episode_id}>
      <span class="id">${displayText(e.episode_id)}<span class="who">${displayText(e.host_id)} · ${displayText(e.profile)}</span></span>
      <span class="facts">${facts.join(' · ')}</span>
      ${phaseBar(labelledSegments(stripSegments(e.phases, axis)))}
    </li>`;
  }

  override render() {
    const { fleet, phaseMix } = this.store.state;
    const hasMix = phaseMix.direct !== undefined || phaseMix.buckets.length > 0;
    if (!fleet.snapshot && fleet.episodes.size === 0 && !hasMix)
      return emptyState(text.heading, ['snapshot', 'episode', 'phase_mix']);
    const now = this.store.now();
    const totals = fleet.snapshot?.totals;
    const recent = fleet.recentComplete.slice(0, LAST_N);
    return html`
      <header class="scene-header"><h2>${text.heading}</h2></header>
      <div class="body">
        <div class="left">
          <div class="totals" part="totals">
            ${this.tile('episodes', text.totals.episodes, totals && formatCount(totals.episodes))}
            ${this.tile('windows', text.totals.windows, totals && formatCount(totals.windows))}
            ${this.tile('samples', text.totals.samples, totals && formatCount(totals.samples))}
            ${this.tile('size', text.totals.size, totals ? (totals.bytes !== undefined ? formatBytes(totals.bytes) : '—') : undefined)}
          </div>
          ${this.perPhaseSection(now)}
        </div>
        <section class="episodes ${isBusyFleet(fleet) ? 'busy' : ''}" part="episodes">
          <h3>${recent.length > 0 ? text.lastEpisodes(recent.length) : text.lastEpisodes(LAST_N)}</h3>
          ${
            recent.length === 0
              ? html`<p class="quiet">${text.noEpisodes} Waiting for an <code>episode</code> with status <code>complete</code>.</p>`
              : html`<ol>${repeat(
                  recent,
                  (e) => e.episode_id,
                  (e) => this.episodeRow(e, now),
                )}</ol>`
          }
        </section>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-db-scene': FleetDbScene;
  }
}
