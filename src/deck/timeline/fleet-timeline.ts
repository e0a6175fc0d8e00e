import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TimeStatus } from '../../bus/time-control.js';
import { SHELL_TEXT } from '../../content/deck-text.js';
import { toggleIcon } from '../icons.js';
import { timelineStyles } from './fleet-timeline.styles.js';
import type { TimeCommand } from './time-link.js';
import { durationWords, momentClock, momentWords, pausedWords } from './time-words.js';

const words = SHELL_TEXT.time;

/** Slider steps: arrows move a second; Page Up / Down ten (the browser's own range keys). */
const STEP_MS = 1_000;

/**
 * The timeline bar: pause / resume, a slider over the moments that can be
 * shown (the recent past, or a whole recording), how far back the moment
 * shown is, "Live" (for a recording, Resume plays on) and "Mark". Draws a status and asks for
 * changes; the deck applies them to its time control, the presenter sends
 * them to the deck, so one element serves both.
 *
 * @fires fleet-time-command - detail: a `TimeCommand`
 * @cssprop --fleet-panel - bar background
 * @cssprop --fleet-accent - slider and paused state
 */
@customElement('fleet-timeline')
export class FleetTimeline extends LitElement {
  static override styles = timelineStyles;

  /** Lays the bar out for a narrow column: the slider on a row of its own. */
  @property({ type: Boolean, reflect: true }) compact = false;
  /** What to draw; nothing before the first status arrives. */
  @property({ attribute: false }) status?: TimeStatus;

  /** A seek waiting for the next animation frame: dragging asks once per frame, not per pixel. */
  private pendingSeek?: number;

  private command(command: TimeCommand): void {
    this.dispatchEvent(
      new CustomEvent('fleet-time-command', { detail: command, bubbles: true, composed: true }),
    );
  }

  private onInput(event: Event): void {
    const status = this.status;
    if (!status) return;
    const first = this.pendingSeek === undefined;
    this.pendingSeek = this.anchor(status) + Number((event.target as HTMLInputElement).value);
    if (!first) return;
    requestAnimationFrame(() => {
      const t = this.pendingSeek;
      this.pendingSeek = undefined;
      if (t !== undefined) this.command({ action: 'seek', t });
    });
  }

  /**
   * The slider's zero: a recording's start, or the live end (the slider then
   * runs from minus the history to 0), so its whole-second steps land on
   * "3 s ago" rather than on seconds counted from an arbitrary start.
   */
  private anchor(status: TimeStatus): number {
    return status.mode === 'replay' ? status.start : status.end;
  }

  /** Keys the deck cannot see while the slider has focus (it ignores keys typed into inputs). */
  private onSliderKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === '.') this.command({ action: 'toggle' });
    else if (event.key === 'm') this.command({ action: 'mark' });
    else return;
    event.preventDefault();
  }

  override render() {
    const status = this.status;
    if (!status) return nothing;
    const span = Math.max(0, status.end - status.start);
    const replay = status.mode === 'replay';
    const min = replay ? 0 : -Math.ceil(span / STEP_MS) * STEP_MS;
    const max = replay ? span : 0;
    const value = Math.min(max, Math.max(min, status.position - this.anchor(status)));
    return html`<div class="bar" role="group" aria-label=${words.bar}>
      <button class="toggle" aria-pressed=${status.paused ? 'true' : 'false'} aria-keyshortcuts="."
        @click=${() => this.command({ action: 'toggle' })}>
        ${toggleIcon(status.paused)} ${status.paused ? words.resume : words.pause}
      </button>
      <span class="state ${status.paused ? 'paused' : ''}">${pausedWords(status) ?? (replay ? words.playing : words.live)}</span>
      <input
        type="range"
        class="slider"
        aria-label=${replay ? words.recordingMoment : words.moment}
        aria-valuetext=${momentWords(status)}
        min=${String(min)}
        max=${String(max)}
        step=${String(STEP_MS)}
        .value=${String(value)}
        ?disabled=${span === 0}
        @input=${this.onInput}
        @keydown=${this.onSliderKey}
      />
      <span class="when" aria-hidden="true">${momentClock(status)}</span>
      <span class="span">${replay ? words.recording : words.last(durationWords(span))}</span>
      ${
        replay
          ? nothing
          : html`<button class="live" ?disabled=${!status.paused}
              @click=${() => this.command({ action: 'live' })}>${words.goLive}</button>`
      }
      <button class="mark" aria-keyshortcuts="m" @click=${() => this.command({ action: 'mark' })}>${words.mark}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-timeline': FleetTimeline;
  }
}
