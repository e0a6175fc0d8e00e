import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { SourceInfo } from '../../bus/source-info.js';
import { TITLE_TEXT } from '../../content/deck-text.js';
import { displayText } from '../../contract/display-text.js';
import { PHASES } from '../../contract/vocabulary.js';
import { hostsOnline } from '../../store/fleet.js';
import { fitOneLine } from '../shared/fit-text.js';
import { formatCount } from '../shared/format.js';
import { phaseSwatch } from '../shared/phase-swatch.js';
import { StoreController } from '../shared/store-controller.js';
import { titleSceneStyles } from './title-scene.styles.js';

/** Font size (px) of the strip's figures, and the least they shrink to when one outgrows its card. */
const STAT_PX = 46;
const MIN_STAT_PX = 22;

/** What the live strip shows, derived from the stores and the bus source. */
export interface TitleStrip {
  readonly hostsOnline?: { readonly online: number; readonly total: number };
  readonly episodesStored?: number;
  /** Detections received on this bus; undefined until the first. */
  readonly detections?: number;
  readonly source: SourceInfo;
}

/** Text of a source's link state for the strip ("live", "retrying in 3 s"). */
export function sourceStateText(source: SourceInfo): string {
  return source.detail ? `${source.state} ${displayText(source.detail)}` : source.state;
}

/**
 * Scene 1: the title, subtitle and authors from the content folder, and a
 * live strip along the bottom — hosts online, episodes stored, detections
 * so far, and where the events come from — so the first thing the audience
 * sees already moves.
 *
 * @csspart strip - the live strip
 * @csspart stat - one figure of the strip
 * @cssprop --fleet-bg - background colour
 * @cssprop --fleet-fg - text colour
 * @cssprop --fleet-accent - the rule under the title
 */
@customElement('fleet-title-scene')
export class FleetTitleScene extends LitElement {
  static override styles = titleSceneStyles;

  private readonly store = new StoreController(this, ['fleet', 'live']);

  /** The strip's figures now (for tests and the print layout). */
  get strip(): TitleStrip {
    const state = this.store.state;
    return {
      hostsOnline: hostsOnline(state.fleet),
      episodesStored: state.fleet.snapshot?.totals.episodes,
      detections: state.live.total > 0 ? state.live.total : undefined,
      source: this.store.bus.source,
    };
  }

  protected override updated(): void {
    // The figures grow with the fleet and with time: shrink one to fit its card rather than cut it.
    fitOneLine(
      this.renderRoot.querySelectorAll<HTMLElement>('.stat:not(.source) .value'),
      STAT_PX,
      MIN_STAT_PX,
    );
  }

  private stat(cls: string, name: string, value: TemplateResult | string | undefined, waitsFor: string) {
    return html`<div class="stat ${cls}" part="stat">
      ${
        value !== undefined
          ? html`<span class="value">${value}</span>`
          : html`<span class="waiting">waiting for <code>${waitsFor}</code></span>`
      }
      <span class="name">${name}</span>
    </div>`;
  }

  override render() {
    const text = TITLE_TEXT;
    const strip = this.strip;
    const online = strip.hostsOnline;
    return html`
      <header>
        <div class="kicker">
          ${PHASES.map((p, i) => html`${i > 0 ? html`<span class="arrow" aria-hidden="true">→</span>` : nothing}${phaseSwatch(p)}`)}
        </div>
        <h1>${text.title}</h1>
        <div class="rule" aria-hidden="true"></div>
        <p class="subtitle">${text.subtitle}</p>
        <ul class="authors">
          ${text.authors.map(
            (a) =>
              html`<li><span class="name">${a.name}</span>${a.affiliation ? html`<span class="affiliation">${a.affiliation}</span>` : nothing}</li>`,
          )}
        </ul>
        ${text.occasion ? html`<p class="occasion">${text.occasion}</p>` : nothing}
      </header>
      <section class="strip" part="strip" role="status" aria-live="off">
        ${this.stat(
          'hosts',
          text.strip.hostsOnline,
          online
            ? html`${formatCount(online.online)}<span class="of"> / ${formatCount(online.total)}</span>`
            : undefined,
          'snapshot',
        )}
        ${this.stat(
          'episodes',
          text.strip.episodesStored,
          strip.episodesStored !== undefined ? formatCount(strip.episodesStored) : undefined,
          'snapshot',
        )}
        ${this.stat(
          'detections',
          text.strip.detections,
          strip.detections !== undefined ? formatCount(strip.detections) : undefined,
          'live_detection',
        )}
        <div class="stat source" part="stat">
          <span class="value" title=${displayText(strip.source.label)}>${displayText(strip.source.label)}</span>
          <span class="name">${text.strip.source}
            <span class="state"><span class="dot ${strip.source.state}" aria-hidden="true"></span>${sourceStateText(strip.source)}</span></span>
        </div>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-title-scene': FleetTitleScene;
  }
}
