import { html, LitElement, nothing, svg } from 'lit';
import { customElement } from 'lit/decorators.js';
import { SCENE_TEXT } from '../../content/deck-text.js';
import { phaseColor } from '../../contract/palette.js';
import { PHASE_WINDOW_S, type PhaseShares, phaseHistory, phaseSharesAt } from '../../store/phase-mix.js';
import { ClockController } from '../shared/clock-controller.js';
import { emptyState } from '../shared/empty-state.js';
import { formatAgo, formatCount } from '../shared/format.js';
import { phaseBar } from '../shared/phase-bar.js';
import { areCounts, type ShareSegment, shareBarSegments, shareSegments } from '../shared/phase-shares.js';
import { shareLegend } from '../shared/share-legend.js';
import { StoreController } from '../shared/store-controller.js';
import { baselineSceneStyles } from './baseline-scene.styles.js';

const text = SCENE_TEXT.baseline;
const HISTORY_BIN_S = 10;

/**
 * Scene 6: the phase baseline — one stacked horizontal bar of each phase's
 * share over a rolling five minutes by arrival time, with percentages,
 * counts and a legend, and the last five minutes as stacked columns so the
 * roll is visible. A `phase_mix` sets the mix directly. On an idle bus the
 * shares age out instead of freezing the last picture.
 *
 * @csspart empty - the empty state before the first phase or phase_mix
 * @csspart bar - the stacked bar
 * @csspart legend - phases with counts and percentages
 * @csspart history - the last five minutes
 * @cssprop --fleet-code-bg - the bar's empty track
 */
@customElement('fleet-baseline-scene')
export class FleetBaselineScene extends LitElement {
  static override styles = baselineSceneStyles;

  private readonly store = new StoreController(this, ['phaseMix']);
  // The window rolls with time alone: an idle bus must age out.
  protected readonly clock = new ClockController(this, 1000);

  /** What the bar showed at the last render (for tests and print). */
  shares?: PhaseShares;
  /** The bar's segments at the last render. */
  segments: readonly ShareSegment[] = [];

  private note(shares: PhaseShares, now: number) {
    if (shares.source === 'none') return html`<span class="aged">${text.agedOut}</span>`;
    if (shares.source === 'phase_mix') {
      const direct = this.store.state.phaseMix.direct!;
      return html`${text.fromMix} · window <b>${formatCount(direct.windowS)} s</b> · set ${formatAgo((now - direct.at) / 1000)}`;
    }
    return html`<b>${formatCount(shares.total)}</b> <code>phase</code> events in the last ${PHASE_WINDOW_S / 60} minutes`;
  }

  private history(now: number) {
    const bins = phaseHistory(this.store.state.phaseMix, now, HISTORY_BIN_S);
    const peak = Math.max(1, ...bins.map((b) => b.total));
    const w = 1000;
    const h = 300;
    const colW = w / bins.length;
    const columns = bins.map((bin, i) => {
      let y = h;
      return shareSegments(bin.counts)
        .filter((s) => s.count > 0)
        .map((s) => {
          const height = (s.count / peak) * (h - 8);
          y -= height;
          return svg`<rect x=${i * colW + 1.5} y=${y} width=${colW - 3} height=${height} fill=${phaseColor(s.phase)}></rect>`;
        });
    });
    return html`<section class="history" part="history">
      <h3>${text.history}</h3>
      <svg viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" role="img"
        aria-label="phase events per ${HISTORY_BIN_S} seconds over the last five minutes, at most ${peak}">
        ${columns}
      </svg>
      <div class="axis"><span>−${PHASE_WINDOW_S / 60} min</span><span>peak ${formatCount(peak)} / ${HISTORY_BIN_S} s</span><span>${text.now}</span></div>
    </section>`;
  }

  override render() {
    const mix = this.store.state.phaseMix;
    if (mix.buckets.length === 0 && mix.direct === undefined && mix.lastPhaseAt === undefined)
      return emptyState(text.heading, ['phase', 'phase_mix']);
    const now = this.store.now();
    const shares = phaseSharesAt(mix, now);
    const segments = shareSegments(shares.counts);
    this.shares = shares;
    this.segments = segments;
    const counts = areCounts(segments);
    const label =
      shares.source === 'none'
        ? text.agedOut
        : segments
            .filter((s) => s.count > 0)
            .map((s) => `${s.phase} ${Math.round(s.share * 100)}%`)
            .join(', ');
    return html`
      <header class="scene-header">
        <h2>${text.heading}</h2>
        <p class="muted">${text.caption}</p>
      </header>
      <div class="bar" part="bar">${phaseBar(shareBarSegments(segments), { variant: 'share', label })}</div>
      <div class="note" role="status" aria-live="off">${this.note(shares, now)}</div>
      <div class="lower">
        <div part="legend">${shareLegend(segments, counts)}</div>
        ${shares.source === 'phase_mix' ? nothing : this.history(now)}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-baseline-scene': FleetBaselineScene;
  }
}
