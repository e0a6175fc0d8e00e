import { html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { provideBus } from '../../bus/bus-request.js';
import { FleetBus } from '../../bus/fleet-bus.js';
import { SHELL_TEXT, speakerNotes } from '../../content/deck-text.js';
import { actionForKeyEvent } from '../keymap.js';
import { NavigationController } from '../navigation.js';
import { SCENES, sceneIndexFromHash } from '../scene-registry.js';
import type { ThemeName } from '../theme.js';
import { followBus } from './bus-mirror.js';
import { DeckSync, type SyncRole, syncChannelName } from './deck-sync.js';
import { presenterStyles } from './fleet-presenter.styles.js';
import './scene-frame.js';
import '../timeline/presenter-time.js';
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
const words = SHELL_TEXT.presenter;
const timerWords = SHELL_TEXT.timer;

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
  static override styles = presenterStyles;

  private readonly nav = new NavigationController(this, (index) => this.onShow(index));

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

  private lifetime?: AbortController;
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
    const next = this.nav.clamp(index);
    if (next !== this.index) this.nav.show(next);
  }

  private join(): void {
    if (this.sync || typeof BroadcastChannel === 'undefined') return;
    const path = location.pathname;
    this.sync = new DeckSync({
      channel: new BroadcastChannel(syncChannelName(path, this.session)),
      role: 'presenter',
      index: this.index,
      count: SCENES.length,
      onGoto: (index) => this.nav.show(index),
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
      this.nav.announce(audience > 0 ? words.deckConnected : words.deckDisconnected);
    }
    this.audience = audience;
  }

  /** What moving means here besides the shared part: tell the deck window, keep the hash. */
  private onShow(index: number): void {
    this.sync?.navigated(index);
    const hash = `#/${SCENES[index]!.slug}`;
    if (location.hash !== hash) history.replaceState(history.state, '', hash);
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
    // Pause, rewind and marks go to the deck through the time panel.
    const time = this.renderRoot.querySelector('fleet-presenter-time');
    if (this.nav.handle(action) || time?.handle(action)) event.preventDefault();
  }

  private renderTimer(): unknown {
    const view = timerView(this.timer, this.now);
    const minutes = Math.round(this.timer.lengthMs / 60_000);
    return html`<div class="timer">
      <div class="clock" role="timer" aria-label="${timerWords.elapsed} ${view.elapsed}">
        <b class="elapsed">${view.elapsed}</b><small>${timerWords.elapsed}${view.paused ? ` · ${timerWords.paused}` : ''}</small>
      </div>
      <div class="clock ${view.overtime ? 'overtime' : ''}" role="timer" aria-label="${view.overtime ? timerWords.overBy : timerWords.remaining} ${view.remaining}">
        <b class="remaining">${view.remaining}</b><small>${view.overtime ? timerWords.overTime : timerWords.remaining}</small>
      </div>
      <div class="bar" aria-hidden="true"><span style="width:${(view.fraction * 100).toFixed(1)}%"></span></div>
      <button class="pause" @click=${this.togglePause}>${view.paused ? timerWords.resume : timerWords.pause}</button>
      <button class="reset" @click=${this.resetTimer}>${timerWords.reset}</button>
      <label>${timerWords.length} <input class="control" type="number" min="1" max="600" step="1" .value=${String(minutes)} @change=${this.onLength} /> ${timerWords.minutes}</label>
    </div>`;
  }

  override render() {
    const entry = SCENES[this.index]!;
    const next = SCENES[this.index + 1];
    const notes = speakerNotes(entry.slug);
    const connected = this.audience > 0;
    // One text node between two keys, as typed text would be: split nodes shape a hair wider.
    const keys = words.keys;
    return html`
      <header>
        <div class="where">
          <span class="count">${this.index + 1} / ${SCENES.length}</span>
          <h1>${entry.title}</h1>
        </div>
        ${this.renderTimer()}
      </header>
      <main>
        <section class="current" aria-label=${words.current}>
          <p class="label">${words.now} · ${entry.slug}</p>
          <fleet-scene-frame .index=${this.index}></fleet-scene-frame>
        </section>
        <aside>
          <section class="next" aria-label=${words.nextScene}>
            <p class="label">${words.next}${next ? ` · ${next.title}` : ''}</p>
            ${
              next
                ? html`<fleet-scene-frame inert .index=${this.index + 1}></fleet-scene-frame>`
                : html`<div class="end">${words.end}</div>`
            }
          </section>
          <section class="notes" aria-label=${words.speakerNotes}>
            <p class="label">${words.notes}</p>
            <p class="note-text" tabindex="0">${notes || words.noNotes}</p>
          </section>
          <fleet-presenter-time .session=${this.session}></fleet-presenter-time>
        </aside>
      </main>
      <nav aria-label=${words.scenes}>
        <button class="previous" ?disabled=${this.index === 0} @click=${() => this.go(this.index - 1)}>${`◀ ${words.previous}`}</button>
        <button class="next-button" ?disabled=${!next} @click=${() => this.go(this.index + 1)}>${`${words.next} ▶`}</button>
        <span class="link ${connected ? 'connected' : ''}" role="status">
          <span class="glyph" aria-hidden="true">${connected ? '●' : '○'}</span>
          ${connected ? words.connected : words.waiting}
        </span>
        <span class="keys"><kbd>←</kbd> <kbd>→</kbd>${` ${keys.move} · ${keys.number} `}<kbd>Enter</kbd>${` ${keys.jumps} · `}<kbd>t</kbd>${` ${keys.theme} · `}<kbd>.</kbd>${` ${keys.pause} · `}<kbd>m</kbd>${` ${keys.mark}`}</span>
      </nav>
      <div class="visually-hidden" aria-live="polite">${this.nav.announcement}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-presenter': FleetPresenter;
  }
}
