import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { TimeStatus } from '../../bus/time-control.js';
import { SHELL_TEXT } from '../../content/deck-text.js';
import type { DeckAction } from '../keymap.js';
import { syncChannelName } from '../presenter/deck-sync.js';
import { SCENES } from '../scene-registry.js';
import { type Bookmark, BookmarkStore } from './bookmarks.js';
import './fleet-timeline.js';
import { presenterTimeStyles } from './presenter-time.styles.js';
import { followTime, type TimeCommand, timeKeyCommand } from './time-link.js';

const words = SHELL_TEXT.time;

/**
 * The presenter view's time panel: the deck's pause state and timeline,
 * driven from here as from the deck (both ways, over the session's `time`
 * channel), and the session's bookmarks with a jump to each. Marks live in
 * `localStorage`, so they survive a reload of either window.
 */
@customElement('fleet-presenter-time')
export class FleetPresenterTime extends LitElement {
  static override styles = presenterTimeStyles;

  /** The deck session to join (the presenter's `?presenter=SESSION`). */
  @property() session = 'default';

  @state() private status?: TimeStatus;
  @state() private marks: readonly Bookmark[] = [];

  private link?: { send: (command: TimeCommand) => void; close: () => void };
  private store?: BookmarkStore;
  private lifetime?: AbortController;

  override connectedCallback(): void {
    super.connectedCallback();
    const lifetime = new AbortController();
    this.lifetime = lifetime;
    this.store = new BookmarkStore(this.session);
    this.marks = this.store.list;
    // Marks made in the deck window arrive as storage events.
    window.addEventListener(
      'storage',
      (e) => {
        if (this.store?.concerns(e)) this.marks = this.store.refresh();
      },
      { signal: lifetime.signal },
    );
    if (typeof BroadcastChannel !== 'undefined') {
      this.link = followTime(
        new BroadcastChannel(syncChannelName(location.pathname, this.session, 'time')),
        (s) => {
          this.status = s;
          // A mark made here is echoed by the deck's status; read the list again.
          this.marks = this.store?.refresh() ?? [];
        },
      );
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.lifetime?.abort();
    this.link?.close();
    this.link = undefined;
  }

  /** The presenter's time keys (`.`, `m`, `[`, `]`); false for other actions. */
  handle(action: DeckAction): boolean {
    const command = timeKeyCommand(action);
    if (command) this.send(command);
    return command !== undefined;
  }

  private send(command: TimeCommand): void {
    this.link?.send(command);
  }

  private removeMark(id: string): void {
    this.store?.remove(id);
    this.marks = this.store?.list ?? [];
  }

  private renderMark(mark: Bookmark): unknown {
    const title = SCENES.find((s) => s.slug === mark.slug)?.title ?? mark.slug;
    return html`<li>
      <button class="jump" @click=${() => this.send({ action: 'jump', id: mark.id })}>${words.jump}</button>
      <span class="what">${title} · ${mark.label}</span>
      <span class="kind">${mark.mode}</span>
      ${mark.url ? html`<a class="control" href=${mark.url} target="_blank" rel="noopener">${words.link}</a>` : nothing}
      <button class="remove" aria-label=${words.remove(`${title} · ${mark.label}`)} @click=${() => this.removeMark(mark.id)}>✕</button>
    </li>`;
  }

  override render() {
    return html`
      <p class="label">${words.panel}</p>
      ${
        this.status
          ? html`<fleet-timeline compact .status=${this.status}
              @fleet-time-command=${(e: CustomEvent<TimeCommand>) => this.send(e.detail)}></fleet-timeline>`
          : html`<p class="waiting">${words.waiting}</p>`
      }
      <p class="label">${words.bookmarksKey}</p>
      ${
        this.marks.length > 0
          ? html`<ol class="marks" aria-label=${words.bookmarks}>${[...this.marks].reverse().map((m) => this.renderMark(m))}</ol>`
          : html`<p class="waiting">${words.noMarks}</p>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-presenter-time': FleetPresenterTime;
  }
}
