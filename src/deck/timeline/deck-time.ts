import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { FleetBus } from '../../bus/fleet-bus.js';
import { TimeControl } from '../../bus/time-control.js';
import { SHELL_TEXT } from '../../content/deck-text.js';
import { toggleIcon } from '../icons.js';
import type { DeckAction } from '../keymap.js';
import { deckSession } from '../presenter/audience-link.js';
import { syncChannelName } from '../presenter/deck-sync.js';
import { SCENES } from '../scene-registry.js';
import { type Bookmark, BookmarkStore, replayMomentUrl } from './bookmarks.js';
import './fleet-timeline.js';
import { shareTime, type TimeCommand, timeKeyCommand } from './time-link.js';
import { momentClock, momentWords, pausedWords, replayOffset } from './time-words.js';

const words = SHELL_TEXT.time;

/** How long a notice (marked, cannot jump) stays on stage. */
const NOTICE_MS = 2_500;

/** This page load: a live mark's moment belongs to it (the bus clock starts afresh on reload). */
const PAGE_LOAD = globalThis.crypto?.randomUUID?.() ?? `p${Math.random().toString(36).slice(2)}`;

/** The part of `<fleet-deck>` time control needs. */
export interface TimeDeck extends ReactiveControllerHost, HTMLElement {
  readonly bus: FleetBus;
  readonly index: number;
  go(index: number): void;
}

/**
 * The deck's side of pause, rewind and bookmarks: keys (`.`, `[`, `]`, `m`),
 * the pause button in the badge, the timeline bar while paused, the marks,
 * announcements, and the link that lets the presenter view see and drive
 * all of it. The time logic itself is the bus's `TimeControl`.
 */
export class DeckTime implements ReactiveController {
  private control?: TimeControl;
  private lifetime?: AbortController;
  private link?: { notify: () => void; close: () => void };
  private marks?: BookmarkStore;
  private announcement = '';
  private notice = '';
  private noticeTimer?: ReturnType<typeof setTimeout>;
  /** Last paused state seen, to announce the change once. */
  private wasPaused = false;
  /** A mirror refresh waiting (presenter windows re-read the stores after a rebuild). */
  private refreshTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: TimeDeck) {
    host.addController(this);
  }

  /** The time control of the deck's bus (made on first use). */
  get time(): TimeControl {
    this.watch();
    return this.control!;
  }

  hostConnected(): void {
    this.watch();
  }

  hostUpdate(): void {
    // The deck's bus may be set after it connected.
    if (this.control && this.control.bus !== this.host.bus) this.watch();
  }

  hostDisconnected(): void {
    this.lifetime?.abort();
    this.lifetime = undefined;
    this.control = undefined;
    this.link?.close();
    this.link = undefined;
    clearTimeout(this.noticeTimer);
    clearTimeout(this.refreshTimer);
  }

  /** Handles a time key; false when the action is not one of them. */
  handle(action: DeckAction): boolean {
    const command = timeKeyCommand(action);
    // Live is already the newest moment: `]` has nowhere to go, so the key stays unhandled.
    if (!command || (action.kind === 'forward' && !this.time.paused)) return false;
    this.command(command);
    return true;
  }

  /** Applies a command from the bar, a key or the presenter view. */
  command(command: TimeCommand): void {
    const time = this.time;
    switch (command.action) {
      case 'toggle':
        time.toggle();
        break;
      case 'live':
        time.resume();
        break;
      case 'seek':
        time.seek(command.t);
        break;
      case 'step':
        time.step(command.delta);
        break;
      case 'mark':
        this.mark();
        break;
      case 'jump':
        this.jump(command.id);
        break;
    }
  }

  private watch(): void {
    const bus = this.host.bus;
    if (this.control?.bus === bus && this.lifetime) return;
    this.lifetime?.abort();
    const lifetime = new AbortController();
    this.lifetime = lifetime;
    this.control = TimeControl.for(bus);
    this.wasPaused = this.control.paused;
    this.control.addEventListener('change', () => this.onChange(), { signal: lifetime.signal });
    const session = deckSession();
    this.marks ??= new BookmarkStore(session);
    if (!this.link && typeof BroadcastChannel !== 'undefined') {
      this.link = shareTime(
        new BroadcastChannel(syncChannelName(location.pathname, session, 'time')),
        () => this.time.status,
        (command) => this.command(command),
      );
    }
    this.host.requestUpdate();
  }

  private onChange(): void {
    const status = this.time.status;
    if (status.paused !== this.wasPaused) {
      this.wasPaused = status.paused;
      this.announcement = status.ended ? words.finished : status.paused ? words.paused : words.resumed;
    }
    this.link?.notify();
    this.refreshPresenterMirror();
    this.host.requestUpdate();
  }

  /**
   * The presenter's scenes mirror this bus (bus-mirror.ts) from its events;
   * a rebuilt moment has none, so followers are told the deck is `here`
   * and ask for the stores again. Once per 150 ms while dragging.
   */
  private refreshPresenterMirror(): void {
    if (this.refreshTimer !== undefined || typeof BroadcastChannel === 'undefined') return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      const channel = new BroadcastChannel(syncChannelName(location.pathname, deckSession(), 'bus'));
      channel.postMessage({ kind: 'here', from: `time-${PAGE_LOAD}` });
      channel.close();
    }, 150);
  }

  private say(text: string): void {
    this.notice = text;
    this.announcement = text;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => {
      this.notice = '';
      this.host.requestUpdate();
    }, NOTICE_MS);
    this.host.requestUpdate();
  }

  private mark(): void {
    const status = this.time.status;
    const slug = SCENES[this.host.index]!.slug;
    const id =
      globalThis.crypto?.randomUUID?.() ??
      `m${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
    const made = Date.now();
    let mark: Bookmark;
    if (status.mode === 'replay') {
      const at = replayOffset(status);
      mark = {
        id,
        slug,
        mode: 'replay',
        at,
        made,
        url: replayMomentUrl(location.href, at, slug),
        label: momentClock(status),
      };
    } else {
      const wallOfMoment = made - (status.end - status.position);
      const clock = new Date(wallOfMoment).toLocaleTimeString('en-GB');
      const ago = momentWords(status);
      mark = {
        id,
        slug,
        mode: 'live',
        at: status.position,
        made,
        page: PAGE_LOAD,
        label: ago === 'now' ? clock : `${clock} (${ago})`,
      };
    }
    this.marks?.add(mark);
    // Presenter windows read the marks again on a status (storage events alone are not always delivered).
    this.link?.notify();
    this.say(words.marked(SCENES[this.host.index]!.title, mark.label));
  }

  private jump(id: string): void {
    const mark = this.marks?.refresh().find((m) => m.id === id);
    if (!mark) return;
    const index = SCENES.findIndex((s) => s.slug === mark.slug);
    if (index >= 0) this.host.go(index);
    const time = this.time;
    const status = time.status;
    if (mark.mode === 'replay') {
      if (status.mode === 'replay') time.seek(status.start + mark.at);
      else if (mark.url) location.assign(mark.url);
      return;
    }
    if (status.mode !== 'live' || mark.page !== PAGE_LOAD) {
      this.say(words.beforeReload);
      return;
    }
    if (mark.at < status.start) {
      this.say(words.tooOld);
      return;
    }
    time.seek(mark.at);
  }

  /** The pause button and "paused · N held", for the source badge. */
  renderBadge(): unknown {
    if (!this.control) return nothing;
    const status = this.control.status;
    const held = pausedWords(status);
    const label = status.paused ? words.badgeResume : words.badgePause;
    return html`<button class="pause-button" aria-pressed=${status.paused ? 'true' : 'false'}
        aria-label=${label} title=${label}
        @click=${() => this.command({ action: 'toggle' })}>${toggleIcon(status.paused)}</button>
      ${held ? html`<span class="paused-words">${held}</span>` : nothing}`;
  }

  /** The timeline bar while paused, any notice, and the live region that announces pausing. */
  renderStage(): unknown {
    const status = this.control?.status;
    return html`${
      status?.paused
        ? html`<fleet-timeline class="time-bar" .status=${status}
            @fleet-time-command=${(e: CustomEvent<TimeCommand>) => this.command(e.detail)}></fleet-timeline>`
        : nothing
    }
      ${this.notice ? html`<div class="stage-notice time-notice">${this.notice}</div>` : nothing}
      <div class="visually-hidden time-announcer" role="status">${this.announcement}</div>`;
  }
}
