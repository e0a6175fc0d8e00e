import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { provideBus } from '../../bus/bus-request.js';
import { FleetBus } from '../../bus/fleet-bus.js';
import { speakerNotes } from '../../content/deck-text.js';
import { actionForKeyEvent } from '../keymap.js';
import { SCENES, sceneIndexFromHash } from '../scene-registry.js';
import { nextTheme, type ThemeName, themeHostStyles } from '../theme.js';
import { followBus } from './bus-mirror.js';
import { DeckSync, type SyncRole, syncChannelName } from './deck-sync.js';
import './scene-frame.js';
import {
  pauseTimer,
  readTimer,
  resumeTimer,
  startTimer,
  type TalkTimer,
  timerView,
  withLength,
} from './talk-timer.js';

const TIMER_KEY = 'fleet-deck:talk-timer';

/**
 * The presenter view: the current scene live, the next scene, the speaker
 * notes and a talk timer (elapsed, and a countdown to a set length). Kept on
 * the same scene as the audience deck both ways over `BroadcastChannel`; its
 * scenes read a mirror of the audience deck's bus, so they show what the room
 * sees. Reconnects when either window reloads.
 *
 * @fires fleet-scene-change - after navigation; detail: `{ index, slug }`
 * @fires fleet-theme-change - after `t`; detail: `{ theme }`
 * @attr theme - `dark` (default) or `light`
 * @cssprop --fleet-bg - surfaces
 * @cssprop --fleet-fg - text
 * @cssprop --fleet-overtime - the timer once the talk runs over
 */
@customElement('fleet-presenter')
export class FleetPresenter extends LitElement {
  static override styles = [
    themeHostStyles(),
    css`
      :host {
        display: grid;
        grid-template-rows: auto 1fr auto;
        gap: 14px;
        box-sizing: border-box;
        height: 100%;
        padding: 16px 20px;
        background: var(--fleet-letterbox);
        color: var(--fleet-fg);
        font-family: var(--fleet-font);
        font-size: 18px;
      }
      header,
      nav {
        display: flex;
        align-items: center;
        gap: 18px;
        flex-wrap: wrap;
      }
      h1 {
        margin: 0;
        font-size: 1.5em;
        font-weight: 650;
      }
      .count {
        font-variant-numeric: tabular-nums;
        color: var(--fleet-muted);
        font-size: 1.2em;
      }
      .where {
        display: flex;
        align-items: baseline;
        gap: 14px;
        min-width: 0;
        flex: 1;
      }
      .link {
        display: flex;
        align-items: center;
        gap: 8px;
        color: var(--fleet-muted);
      }
      .link .glyph {
        font-size: 0.9em;
      }
      .link.connected .glyph {
        color: #3fb27f;
      }
      main {
        display: grid;
        grid-template-columns: minmax(0, 62fr) minmax(0, 38fr);
        gap: 16px;
        min-height: 0;
      }
      section,
      aside {
        min-height: 0;
      }
      aside {
        display: grid;
        grid-template-rows: auto minmax(0, 1fr);
        gap: 16px;
      }
      .label {
        margin: 0 0 6px;
        font-size: 0.85em;
        font-weight: 600;
        letter-spacing: 0.04em;
        text-transform: uppercase;
        color: var(--fleet-muted);
      }
      .current {
        display: flex;
        flex-direction: column;
      }
      fleet-scene-frame {
        /* The frame's letterbox melts into the page: only the 16:9 slide shows. */
        --fleet-frame-letterbox: transparent;
      }
      .current fleet-scene-frame {
        flex: 1;
        min-height: 0;
      }
      .current fleet-scene-frame::part(stage) {
        outline: 4px solid var(--fleet-accent);
        outline-offset: -4px;
      }
      .next fleet-scene-frame {
        aspect-ratio: 16 / 9;
      }
      .next fleet-scene-frame::part(stage) {
        outline: 3px solid var(--fleet-border);
        outline-offset: -3px;
      }
      .end {
        display: grid;
        place-items: center;
        aspect-ratio: 16 / 9;
        border-radius: 6px;
        border: 1px dashed var(--fleet-border);
        color: var(--fleet-muted);
      }
      .notes {
        display: flex;
        flex-direction: column;
        padding: 14px 18px;
        border-radius: 8px;
        background: var(--fleet-panel);
        border: 1px solid var(--fleet-border);
      }
      .note-text {
        margin: 0;
        overflow: auto;
        font-size: 1.35em;
        line-height: 1.5;
      }
      .timer {
        display: flex;
        align-items: center;
        gap: 14px;
        font-variant-numeric: tabular-nums;
      }
      .clock {
        display: flex;
        flex-direction: column;
        line-height: 1.1;
      }
      .clock b {
        font-size: 1.6em;
      }
      .clock small {
        color: var(--fleet-muted);
        font-size: 0.75em;
      }
      .overtime b {
        color: var(--fleet-overtime);
      }
      .bar {
        width: 120px;
        height: 8px;
        border-radius: 4px;
        background: var(--fleet-grid);
        overflow: hidden;
      }
      .bar span {
        display: block;
        height: 100%;
        background: var(--fleet-accent);
      }
      button,
      input {
        font: inherit;
        color: inherit;
        border-radius: 6px;
        border: 1px solid var(--fleet-border);
        background: var(--fleet-panel);
        padding: 6px 14px;
      }
      button {
        cursor: pointer;
      }
      button:hover {
        border-color: var(--fleet-accent);
      }
      input {
        width: 4.2em;
        padding: 6px 8px;
      }
      button:focus-visible,
      input:focus-visible {
        outline: 3px solid var(--fleet-focus);
        outline-offset: 2px;
      }
      label {
        display: flex;
        align-items: center;
        gap: 8px;
        color: var(--fleet-muted);
      }
      nav .keys {
        margin-left: auto;
        color: var(--fleet-muted);
      }
      kbd {
        font-family: var(--fleet-mono);
        padding: 0 0.3em;
        border: 1px solid var(--fleet-border);
        border-radius: 4px;
      }
      .visually-hidden {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
    `,
  ];

  /** The bus the previews read: a mirror of the audience deck's. */
  @property({ attribute: false }) bus: FleetBus = new FleetBus();
  /** The scene on stage (0-based). */
  @property({ type: Number }) index = 0;
  /** The deck session to join (from `?presenter=SESSION`; the deck puts it there). */
  @property() session = 'default';
  @property({ reflect: true }) theme: ThemeName = 'dark';

  @state() private timer: TalkTimer = startTimer(Date.now());
  @state() private now = Date.now();
  @state() private audience = 0;
  @state() private announcement = '';

  private lifetime?: AbortController;
  private digits = '';
  private sync?: DeckSync;
  private stopFollowing?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    const lifetime = new AbortController();
    this.lifetime = lifetime;
    const signal = lifetime.signal;
    provideBus(this, () => this.bus, signal);
    const fromHash = sceneIndexFromHash(location.hash);
    if (fromHash !== undefined) this.index = fromHash;
    this.timer = readTimer(sessionStorage.getItem(TIMER_KEY)) ?? this.timer;
    window.addEventListener('keydown', (e) => this.onKey(e), { signal });
    window.addEventListener('pagehide', () => this.leave(), { signal });
    window.addEventListener(
      'pageshow',
      (e) => {
        if (e.persisted) this.join();
      },
      { signal },
    );
    const tick = setInterval(() => {
      this.now = Date.now();
    }, 1000);
    signal.addEventListener('abort', () => clearInterval(tick));
    this.join();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.leave();
    this.lifetime?.abort();
  }

  /** Shows scene `index` (clamped) here and in the audience deck. */
  go(index: number): void {
    const next = Math.min(SCENES.length - 1, Math.max(0, Math.trunc(index)));
    if (next === this.index) return;
    this.show(next);
  }

  private join(): void {
    if (this.sync || typeof BroadcastChannel === 'undefined') return;
    const path = location.pathname;
    this.sync = new DeckSync({
      channel: new BroadcastChannel(syncChannelName(path, this.session)),
      role: 'presenter',
      index: this.index,
      count: SCENES.length,
      onGoto: (index) => this.show(index),
      onPeersChange: (peers) => this.onPeers(peers),
    });
    const busChannel = new BroadcastChannel(syncChannelName(path, this.session, 'bus'));
    const stop = followBus(this.bus, busChannel, this.sync.id);
    this.stopFollowing = () => {
      stop();
      busChannel.close();
    };
  }

  private leave(): void {
    this.stopFollowing?.();
    this.stopFollowing = undefined;
    this.sync?.close();
    this.sync = undefined;
  }

  private onPeers(peers: ReadonlyMap<string, SyncRole>): void {
    const audience = [...peers.values()].filter((role) => role === 'audience').length;
    if (audience > 0 !== this.audience > 0) {
      this.announcement = audience > 0 ? 'Deck window connected' : 'Deck window disconnected';
    }
    this.audience = audience;
  }

  private show(index: number): void {
    this.index = index;
    this.sync?.navigated(index);
    const entry = SCENES[index]!;
    this.announcement = `Scene ${index + 1} of ${SCENES.length}: ${entry.title}`;
    const hash = `#/${entry.slug}`;
    if (location.hash !== hash) history.replaceState(history.state, '', hash);
    for (const i of [index + 1, index + 2]) void SCENES[i]?.load();
    this.dispatchEvent(
      new CustomEvent('fleet-scene-change', {
        detail: { index, slug: entry.slug },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private setTimer(timer: TalkTimer): void {
    this.timer = timer;
    this.now = Date.now();
    sessionStorage.setItem(TIMER_KEY, JSON.stringify(timer));
  }

  private togglePause(): void {
    const now = Date.now();
    this.setTimer(
      this.timer.pausedAt === undefined ? pauseTimer(this.timer, now) : resumeTimer(this.timer, now),
    );
  }

  private resetTimer(): void {
    this.setTimer(startTimer(Date.now(), this.timer.lengthMs));
  }

  private onLength(event: Event): void {
    const value = Number((event.target as HTMLInputElement).value);
    if (Number.isFinite(value)) this.setTimer(withLength(this.timer, value));
  }

  private onKey(event: KeyboardEvent): void {
    const action = actionForKeyEvent(event);
    if (!action) return;
    switch (action.kind) {
      case 'next':
        this.go(this.index + 1);
        break;
      case 'previous':
        this.go(this.index - 1);
        break;
      case 'first':
        this.go(0);
        break;
      case 'last':
        this.go(SCENES.length - 1);
        break;
      case 'digit':
        this.digits = (this.digits + action.digit).slice(-2);
        break;
      case 'jump':
        if (this.digits === '') return;
        this.go(Number(this.digits) - 1);
        this.digits = '';
        break;
      case 'theme':
        this.theme = nextTheme(this.theme);
        this.announcement = `${this.theme === 'dark' ? 'Dark' : 'Light'} theme`;
        this.dispatchEvent(
          new CustomEvent('fleet-theme-change', { detail: { theme: this.theme }, bubbles: true }),
        );
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  private renderTimer(): unknown {
    const view = timerView(this.timer, this.now);
    const minutes = Math.round(this.timer.lengthMs / 60_000);
    return html`<div class="timer">
      <div class="clock" role="timer" aria-label="elapsed ${view.elapsed}">
        <b class="elapsed">${view.elapsed}</b><small>elapsed${view.paused ? ' · paused' : ''}</small>
      </div>
      <div class="clock ${view.overtime ? 'overtime' : ''}" role="timer" aria-label="${view.overtime ? 'over by' : 'remaining'} ${view.remaining}">
        <b class="remaining">${view.remaining}</b><small>${view.overtime ? 'over time' : 'remaining'}</small>
      </div>
      <div class="bar" aria-hidden="true"><span style="width:${(view.fraction * 100).toFixed(1)}%"></span></div>
      <button class="pause" @click=${this.togglePause}>${view.paused ? 'Resume' : 'Pause'}</button>
      <button class="reset" @click=${this.resetTimer}>Reset</button>
      <label>length <input type="number" min="1" max="600" step="1" .value=${String(minutes)} @change=${this.onLength} /> min</label>
    </div>`;
  }

  override render() {
    const entry = SCENES[this.index]!;
    const next = SCENES[this.index + 1];
    const notes = speakerNotes(entry.slug);
    const connected = this.audience > 0;
    return html`
      <header>
        <div class="where">
          <span class="count">${this.index + 1} / ${SCENES.length}</span>
          <h1>${entry.title}</h1>
        </div>
        ${this.renderTimer()}
      </header>
      <main>
        <section class="current" aria-label="Current scene">
          <p class="label">Now · ${entry.slug}</p>
          <fleet-scene-frame .index=${this.index}></fleet-scene-frame>
        </section>
        <aside>
          <section class="next" aria-label="Next scene">
            <p class="label">Next${next ? ` · ${next.title}` : ''}</p>
            ${
              next
                ? html`<fleet-scene-frame inert .index=${this.index + 1}></fleet-scene-frame>`
                : html`<div class="end">End of the deck</div>`
            }
          </section>
          <section class="notes" aria-label="Speaker notes">
            <p class="label">Notes</p>
            <p class="note-text">${notes || 'No notes for this scene.'}</p>
          </section>
        </aside>
      </main>
      <nav aria-label="Scenes">
        <button class="previous" ?disabled=${this.index === 0} @click=${() => this.go(this.index - 1)}>◀ Previous</button>
        <button class="next-button" ?disabled=${!next} @click=${() => this.go(this.index + 1)}>Next ▶</button>
        <span class="link ${connected ? 'connected' : ''}" role="status">
          <span class="glyph" aria-hidden="true">${connected ? '●' : '○'}</span>
          ${connected ? 'deck window connected' : 'waiting for the deck window (press p there)'}
        </span>
        <span class="keys"><kbd>←</kbd> <kbd>→</kbd> move both windows · number + <kbd>Enter</kbd> jumps · <kbd>t</kbd> theme</span>
      </nav>
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-presenter': FleetPresenter;
  }
}
