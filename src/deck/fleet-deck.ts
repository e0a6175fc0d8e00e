import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type BusProvider, findProvidedBus, provideBus } from '../bus/bus-request.js';
import { FleetBus } from '../bus/fleet-bus.js';
import type { SourceInfo } from '../bus/source-info.js';
import { SHELL_TEXT } from '../content/deck-text.js';
import { sceneTemplate } from './scene-template.js';
import './diagnostics-overlay.js';
import './sim-controls.js';
import { displayText } from '../contract/display-text.js';
import { deckStyles } from './fleet-deck.styles.js';
import { iconStyles } from './icons.js';
import { actionForKeyEvent, type DeckAction, KEY_HELP } from './keymap.js';
import { NavigationController } from './navigation.js';
import { openPresenter, presenterUrl } from './presenter/audience-link.js';
import { SCENES, type SceneEntry, sceneIndexFromHash } from './scene-registry.js';
import { StageFitController } from './stage-fit.js';
import type { ThemeName } from './theme.js';
import { DeckTime } from './timeline/deck-time.js';
import { deckTimeStyles } from './timeline/deck-time.styles.js';

const SWIPE_MIN_PX = 60;

/**
 * The deck: the fourteen scenes on a 16:9 stage scaled to fit this element,
 * with keyboard, touch and hash navigation, an overview, help, fullscreen, a
 * source badge and the diagnostics overlay. Only the scene on stage is
 * mounted; the stores keep every scene's state, so returning is instant.
 *
 * @fires fleet-scene-change - after navigation; detail: `{ index, slug }`
 * @fires fleet-theme-change - after `t` switched the theme; detail: `{ theme }`
 * @attr global-keys - take keys from the whole window (the deck is the page); otherwise only when focused
 * @attr no-hash - do not read or write the URL hash
 * @attr theme - `dark` (default, for projectors) or `light`; sets the `--fleet-*` colours on the host
 * @csspart stage - the scaled 1600×900 stage
 * @cssprop --fleet-bg - stage background
 * @cssprop --fleet-fg - text colour
 * @cssprop --fleet-letterbox - around the 16:9 stage when the box is another shape
 * @cssprop --fleet-focus - keyboard focus ring
 * @cssprop --fleet-overlay - behind the overview and help overlays
 * @cssprop --fleet-font - font family of the deck and its scenes
 */
@customElement('fleet-deck')
export class FleetDeck extends LitElement {
  static override styles = [...deckStyles, iconStyles, deckTimeStyles];

  private readonly nav = new NavigationController(this);
  private readonly stage = new StageFitController(this);

  /** The deck's own bus, used when nothing else provides one. */
  private readonly ownBus = new FleetBus();
  /**
   * The bus the deck's scenes read: the one set here, else the bus of a
   * `<fleet-bus>` around the deck, else the deck's own (fed by `bus.publish`).
   */
  @property({ attribute: false }) bus: FleetBus = this.ownBus;
  /** Index of the scene on stage (0-based). */
  @property({ type: Number }) index = 0;
  @property({ type: Boolean, attribute: 'global-keys' }) globalKeys = false;
  @property({ type: Boolean, attribute: 'no-hash' }) noHash = false;
  /** Colour theme; `t` switches it. */
  @property({ reflect: true }) theme: ThemeName = 'dark';

  @state() private overlay?: 'overview' | 'help';
  @state() private diagnostics = false;
  @state() private simControls = false;
  @state() private source?: SourceInfo;
  /** The presenter view's URL, shown as a link when the browser refused to open a window. */
  @state() private presenterLink?: string;
  /** Why the presenter view cannot open from here (an embedded deck without `presenter-href`). */
  @state() private presenterNotice?: string;
  /**
   * The deck site's page (its `index.html`), where the presenter view lives. The
   * full-page deck uses its own URL; a deck embedded in another page needs this
   * to offer the presenter view (same origin, so the two windows can talk).
   */
  @property({ attribute: 'presenter-href' }) presenterHref?: string;

  /** Pause, rewind and bookmarks (`.`, `[`, `]`, `m`; the badge's button; the timeline bar). */
  private readonly time = new DeckTime(this);
  private lifetime?: AbortController;
  private busProvider?: BusProvider;
  private touchStart?: { x: number; y: number };

  /** The scenes of this deck, in order. */
  get scenes(): readonly SceneEntry[] {
    return SCENES;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const lifetime = new AbortController();
    this.lifetime = lifetime;
    const signal = lifetime.signal;
    // Ask before answering: once the deck provides, its own request would find itself.
    if (this.bus === this.ownBus) this.bus = findProvidedBus(this) ?? this.ownBus;
    this.busProvider = provideBus(this, () => this.bus, signal);
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
    const keyTarget: EventTarget = this.globalKeys ? window : this;
    keyTarget.addEventListener('keydown', (e) => this.onKey(e as KeyboardEvent), { signal });
    if (!this.noHash) {
      window.addEventListener('hashchange', () => this.followHash(), { signal });
      this.followHash();
    }
    // Touch events, not pointer events: once the browser takes a gesture as a pan it cancels
    // the pointer (no pointerup), but the touch still ends with a touchend.
    this.addEventListener('touchstart', (e) => this.onTouchStart(e), { signal, passive: true });
    this.addEventListener('touchend', (e) => this.onTouchEnd(e), { signal, passive: true });
    this.watchSource(signal);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.lifetime?.abort();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('bus') && this.lifetime) {
      this.watchSource(this.lifetime.signal);
      this.busProvider?.changed();
    }
  }

  /** Shows scene `index` (0-based, clamped), updating the URL hash. */
  go(index: number): void {
    const next = this.nav.clamp(index);
    if (next === this.index && this.overlay !== 'overview') return;
    this.overlay = undefined;
    this.nav.show(next);
    if (!this.noHash) {
      const hash = `#/${SCENES[next]!.slug}`;
      if (location.hash !== hash) location.hash = hash;
    }
  }

  /** Next scene. */
  next(): void {
    this.go(this.index + 1);
  }

  /** Previous scene. */
  previous(): void {
    this.go(this.index - 1);
  }

  private followHash(): void {
    const index = sceneIndexFromHash(location.hash);
    if (index !== undefined) this.nav.show(index);
  }

  private watchSource(signal: AbortSignal): void {
    const bus = this.bus;
    this.source = bus.source;
    bus.addEventListener(
      'source',
      () => {
        if (this.bus === bus) this.source = bus.source;
      },
      { signal },
    );
  }

  private onKey(event: KeyboardEvent): void {
    const action = actionForKeyEvent(event);
    if (!action) return;
    if (this.apply(action)) event.preventDefault();
  }

  private apply(action: DeckAction): boolean {
    if (this.nav.handle(action)) return true;
    switch (action.kind) {
      case 'escape':
        if (this.nav.digits !== '') this.nav.clearDigits();
        else if (this.presenterLink || this.presenterNotice) {
          this.presenterLink = undefined;
          this.presenterNotice = undefined;
        } else if (this.overlay) this.overlay = undefined;
        else this.toggleOverlay('overview');
        return true;
      case 'overview':
        this.toggleOverlay('overview');
        return true;
      case 'help':
        this.toggleOverlay('help');
        return true;
      case 'simulator':
        this.simControls = !this.simControls;
        return true;
      case 'diagnostics':
        this.diagnostics = !this.diagnostics;
        return true;
      case 'presenter':
        this.openPresenterView();
        return true;
      case 'fullscreen':
        if (document.fullscreenElement) void document.exitFullscreen();
        else void this.requestFullscreen?.().catch(() => undefined);
        return true;
      default:
        return this.time.handle(action);
    }
  }

  /** Opens the presenter view (kept in step with this deck); a link when pop-ups are blocked. */
  openPresenterView(): void {
    const href = this.presenterHref
      ? new URL(this.presenterHref, location.href).href
      : this.globalKeys
        ? location.href
        : undefined;
    if (!href) {
      // This page is not the deck's site: opening it "as presenter" would show the embedding page.
      this.presenterNotice = SHELL_TEXT.presenter.notHere;
      this.nav.announce(this.presenterNotice);
      return;
    }
    this.presenterNotice = undefined;
    const opened = openPresenter(this, href);
    if (opened) {
      this.presenterLink = undefined;
      this.nav.announce(SHELL_TEXT.presenter.opened);
      return;
    }
    this.presenterLink = presenterUrl(href);
    this.nav.announce(SHELL_TEXT.presenter.blocked);
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('.presenter-link a')?.focus(),
    );
  }

  /** Switches between the dark and light themes. */
  toggleTheme(): void {
    this.nav.toggleTheme();
  }

  private toggleOverlay(which: 'overview' | 'help'): void {
    this.overlay = this.overlay === which ? undefined : which;
    if (this.overlay === 'overview') {
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLButtonElement>('.overview button[aria-current="true"]')?.focus(),
      );
    }
  }

  private onTouchStart(event: TouchEvent): void {
    const touch = event.touches.length === 1 ? event.touches[0] : undefined;
    this.touchStart = touch ? { x: touch.clientX, y: touch.clientY } : undefined;
  }

  private onTouchEnd(event: TouchEvent): void {
    const start = this.touchStart;
    this.touchStart = undefined;
    const touch = event.changedTouches[0];
    if (!start || !touch) return;
    const dx = touch.clientX - start.x;
    const dy = touch.clientY - start.y;
    if (Math.abs(dx) < SWIPE_MIN_PX || Math.abs(dx) < Math.abs(dy)) return;
    if (dx < 0) this.next();
    else this.previous();
  }

  private renderOverview(): unknown {
    return html`<div class="overlay overview" role="dialog" aria-label=${SHELL_TEXT.overview}>
      ${SCENES.map(
        (
          entry,
          i,
        ) => html`<button aria-current=${i === this.index ? 'true' : 'false'} @click=${() => this.go(i)}>
          <span class="n">${i + 1}</span><span>${entry.title}</span>
        </button>`,
      )}
    </div>`;
  }

  private renderHelp(): unknown {
    return html`<div class="overlay help" role="dialog" aria-label=${SHELL_TEXT.keysLabel}>
      <h2>${SHELL_TEXT.keys}</h2>
      <table>
        ${KEY_HELP.map(([keys, topic]) => html`<tr><td><kbd>${keys}</kbd></td><td>${SHELL_TEXT.keyHelp[topic]}</td></tr>`)}
      </table>
    </div>`;
  }

  override render() {
    const entry = SCENES[this.index]!;
    const source = this.source;
    return html`
      <div class="stage" part="stage" style=${this.stage.style}>
        ${sceneTemplate(entry)}
        ${this.overlay === 'overview' ? this.renderOverview() : nothing}
        ${this.overlay === 'help' ? this.renderHelp() : nothing}
        ${this.diagnostics ? html`<fleet-diagnostics-overlay .bus=${this.bus}></fleet-diagnostics-overlay>` : nothing}
        ${
          this.simControls
            ? html`<fleet-sim-controls @fleet-close=${() => {
                this.simControls = false;
                this.focus();
              }}></fleet-sim-controls>`
            : nothing
        }
        ${this.nav.digits ? html`<div class="stage-notice jump">${SHELL_TEXT.jump} ${this.nav.digits}_</div>` : nothing}
        ${
          this.presenterLink
            ? html`<div class="presenter-link" role="alert">
              <a href=${this.presenterLink} target="_blank" @click=${() => (this.presenterLink = undefined)}>${SHELL_TEXT.presenter.link}</a>
              <button aria-label=${SHELL_TEXT.presenter.dismiss} @click=${() => (this.presenterLink = undefined)}>✕</button>
            </div>`
            : this.presenterNotice
              ? html`<div class="presenter-link" role="alert">
                  <span>${this.presenterNotice}</span>
                  <button aria-label=${SHELL_TEXT.presenter.dismiss} @click=${() => (this.presenterNotice = undefined)}>✕</button>
                </div>`
              : nothing
        }
        ${this.time.renderStage()}
        <div class="chrome progress">${this.index + 1} / ${SCENES.length} · ${entry.slug}</div>
        ${
          source
            ? html`<div class="chrome source" title=${SHELL_TEXT.source}>
              ${this.time.renderBadge()}
              <span class="dot ${source.state}"></span><span class="source-label">${displayText(source.label)}</span>
              <span>${source.state}${source.detail ? ` · ${displayText(source.detail)}` : ''}</span>
            </div>`
            : nothing
        }
      </div>
      <div class="visually-hidden" aria-live="polite">${this.nav.announcement}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-deck': FleetDeck;
  }
}
