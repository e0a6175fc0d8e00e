import { html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { SCENE_TEXT } from '../../content/deck-text.js';
import { displayText } from '../../contract/display-text.js';
import { hostsOnline, isBusyFleet, recordingNow } from '../../store/fleet.js';
import { ClockController } from '../shared/clock-controller.js';
import { emptyState } from '../shared/empty-state.js';
import { formatAgo, formatCount, formatCountOf, formatHz, formatRate } from '../shared/format.js';
import { labelledSegments, phaseBar, stripSegments } from '../shared/phase-bar.js';
import { SizeController } from '../shared/size-controller.js';
import { StoreController } from '../shared/store-controller.js';
import {
  countRecording,
  episodeAxisS,
  READABLE_ROW_PX,
  type RecordingRow,
  recentRecordings,
  recordingRow,
  rowMetrics,
} from './collect-layout.js';
import { collectSceneStyles } from './collect-scene.styles.js';

const TICKER_ITEMS = 6;
const text = SCENE_TEXT.collect;

/**
 * Scene 3: collection at work. Fleet-wide samples per second from the
 * snapshots; per host, the episode now recording as labelled phase spans
 * that grow as windows close (with a hatched tail for the part still being
 * recorded); and a ticker of the episodes just stored.
 *
 * @csspart empty - the empty state before the first snapshot or episode
 * @csspart rate - the samples-per-second figure
 * @csspart rows - the recording rows (scrolls when the fleet is large)
 * @csspart ticker - the last completed episodes
 * @cssprop --fleet-panel - ticker background
 */
@customElement('fleet-collect-scene')
export class FleetCollectScene extends LitElement {
  static override styles = collectSceneStyles;

  private readonly store = new StoreController(this, ['fleet']);
  // The recording tails and the ticker's ages move with time alone.
  protected readonly clock = new ClockController(this, 500);

  private readonly rowsBox = new SizeController(this, '.rows');

  @state() private filter = '';

  /** The rows last drawn (for tests). */
  rows: readonly RecordingRow[] = [];

  private header(rate: number | undefined) {
    const fleet = this.store.state.fleet;
    const online = hostsOnline(fleet);
    const hz = fleet.snapshot?.sample_hz;
    return html`<header class="scene-header">
      <h2>${text.heading}</h2>
      <div class="rate" part="rate">
        <span class="value">${rate !== undefined ? formatRate(rate) : '—'}</span>
        <span class="unit muted">${text.rate}</span>
        ${online && hz !== undefined ? html`<span class="detail muted">(${formatCountOf(online.online, 'host')} × ${formatHz(hz)} Hz)</span>` : nothing}
      </div>
    </header>`;
  }

  private recordingRows(now: number) {
    const fleet = this.store.state.fleet;
    const all = recordingNow(fleet);
    const boxHeight = this.rowsBox.height || 600;
    const fit = Math.max(1, Math.floor(boxHeight / READABLE_ROW_PX));
    // A large fleet: the most recent recordings that fit at a readable size, a filter, and what is left.
    const large = all.length > fit;
    const pick = large ? recentRecordings(all, fit, this.filter) : { shown: all, matching: all.length };
    const recording = pick.shown;
    const axisS = episodeAxisS(recording, fleet.recentComplete);
    this.rows = recording.map((r) => recordingRow(r, now, axisS));
    const metrics = rowMetrics(this.rows.length, boxHeight);
    const hosts = fleet.snapshot?.hosts.length ?? fleet.recording.size;
    const stored = fleet.snapshot?.totals.episodes;
    // Counted over every host recording, not the records held (see countRecording).
    const matching = large ? countRecording(fleet, this.filter) : pick.matching;
    const more = matching - recording.length;
    const ticks = Array.from({ length: Math.floor(axisS / 10) + 1 }, (_, i) => i * 10).filter(
      (t) => t <= axisS,
    );
    return html`<section class="recording ${large ? 'large' : ''}">
      <h3>${text.recording}${large ? html` <span class="most-recent">· ${text.mostRecent}</span>` : nothing}</h3>
      ${
        large
          ? html`<input class="filter" type="search" .value=${this.filter}
              @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}
              placeholder="Filter: host id, profile or episode" aria-label="Filter recordings by host id, profile or episode" />`
          : nothing
      }
      ${
        this.rows.length > 0
          ? html`<div class="axis" aria-hidden="true"><span></span>
            <div class="ticks">${ticks.map((t) => html`<span style="left:${(t / axisS) * 100}%">${t} s</span>`)}</div>
          </div>`
          : nothing
      }
      <div
        class="rows"
        part="rows"
        style="font-size:${metrics.fontSize}px"
        tabindex=${metrics.scrolls ? '0' : nothing}
        aria-label=${
          large
            ? `${formatCount(hosts)} hosts; ${formatCount(matching)} recording${this.filter.trim() ? ' and matching the filter' : ''}, the ${formatCount(recording.length)} most recent shown`
            : metrics.scrolls
              ? `${formatCount(this.rows.length)} recording episodes, scrollable`
              : nothing
        }
        role=${metrics.scrolls || large ? 'region' : nothing}
      >
        ${
          this.rows.length === 0
            ? html`<p class="quiet">${text.noRecording} <span>Waiting for <code>episode</code> events.</span></p>`
            : repeat(
                this.rows,
                (row) => row.hostId,
                (row) => html`<div
                  class="row"
                  tabindex="0"
                  data-host=${row.hostId}
                  style="height:${metrics.rowHeight}px;--strip-height:${Math.max(8, Math.round(metrics.rowHeight * (metrics.rowHeight >= 30 ? 0.76 : 0.8)))}px"
                >
                  <div class="host" title="${displayText(row.hostId)} · ${displayText(row.profile)} · ${displayText(row.episodeId)}">
                    ${displayText(row.hostId)}${metrics.rowHeight >= 48 ? html`<small>${displayText(row.profile)}</small>` : nothing}
                  </div>
                  ${phaseBar(metrics.spanLabels ? labelledSegments(row.segments) : row.segments, {
                    tail: row.tail,
                    label: `${displayText(row.hostId)} recording ${displayText(row.episodeId)}: ${Math.round(row.elapsedS)} s`,
                  })}
                </div>`,
              )
        }
      </div>
      ${
        large
          ? html`<p class="more muted" role="status">${
              more > 0 ? `and ${formatCount(more)} more recording` : `${formatCount(matching)} matching`
            } · ${formatCountOf(hosts, 'host')}${stored !== undefined ? ` · ${formatCount(stored)} episodes stored` : ''}</p>`
          : nothing
      }
    </section>`;
  }

  private ticker(now: number) {
    const recent = this.store.state.fleet.recentComplete.slice(0, TICKER_ITEMS);
    // In a large fleet episodes complete many times a second: items arrive without the slide-in, or none would be readable.
    const busy = isBusyFleet(this.store.state.fleet);
    return html`<section class="ticker ${busy ? 'busy' : ''}" part="ticker">
      <h3>${text.ticker}</h3>
      ${
        recent.length === 0
          ? html`<p class="quiet">Waiting for a <code>complete</code> episode.</p>`
          : html`<ol aria-live="off">
            ${repeat(
              recent,
              (e) => e.episode_id,
              (e) => {
                const axis = e.duration_s ?? Math.max(1, ...(e.phases ?? []).map((p) => p.end_s));
                return html`<li class="arrives" data-episode=${e.episode_id}>
                  <div class="head"><span class="episode">${displayText(e.episode_id)}</span><span class="ago muted">${formatAgo((now - e.updated) / 1000)}</span></div>
                  <div class="who muted">${displayText(e.host_id)} · ${displayText(e.profile)}</div>
                  ${phaseBar(stripSegments(e.phases, axis))}
                </li>`;
              },
            )}
          </ol>`
      }
    </section>`;
  }

  override render() {
    const fleet = this.store.state.fleet;
    if (!fleet.snapshot && fleet.episodes.size === 0)
      return emptyState(text.heading, ['snapshot', 'episode']);
    const now = this.store.now();
    return html`
      ${this.header(fleet.samplesPerSecond)}
      <div class="body">
        ${this.recordingRows(now)}
        ${this.ticker(now)}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-collect-scene': FleetCollectScene;
  }
}
