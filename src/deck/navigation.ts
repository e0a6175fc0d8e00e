import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SHELL_TEXT } from '../content/deck-text.js';
import type { DeckAction } from './keymap.js';
import { SCENES } from './scene-registry.js';
import { nextTheme, type ThemeName } from './theme.js';

/** What the deck and the presenter have in common: a scene index, a theme, a way to move. */
export interface NavigationHost extends ReactiveControllerHost, HTMLElement {
  /** The scene on stage (0-based). */
  index: number;
  theme: ThemeName;
  /** False until the first render (Lit's own flag): the first `show` always runs. */
  readonly hasUpdated: boolean;
  /** Moves to `index`, with whatever the host adds (closing overlays, the URL). */
  go(index: number): void;
}

/** Scenes whose modules load with the one on stage: the next two (the presenter previews one) and the last. */
const PREFETCH = [0, 1, 2, -1] as const;

/** Runs `task` when the page is next idle (soon, where the browser cannot say). */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 200);
}

/**
 * The shell the deck and the presenter share: clamping, next / previous /
 * first / last, a typed number then Enter, the theme toggle, announcements
 * for a polite live region, `fleet-scene-change`, and loading the modules
 * of the scenes around the current one. The host keeps what is its own (an
 * overview, the URL hash, the presenter's channel) in `go` and `onShow`.
 *
 * @fires fleet-scene-change - on the host after navigation; detail: `{ index, slug }`
 * @fires fleet-theme-change - on the host after the theme toggle; detail: `{ theme }`
 */
export class NavigationController implements ReactiveController {
  /** Digits typed so far for a jump ("1", "13"); empty when none. */
  digits = '';
  /** The last thing said to screen-reader users. */
  announcement = '';

  constructor(
    private readonly host: NavigationHost,
    private readonly onShow: (index: number) => void = () => {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // After the host's own connectedCallback, which may move to the scene the URL names.
    queueMicrotask(() => {
      // The neighbours once the scene on stage is in and the page is idle: loaded and run during
      // the first view, they delayed it (their chunks arrived while the warm start ran, then ran first).
      void SCENES[this.host.index]?.load().finally(() => whenIdle(() => this.prefetch(this.host.index)));
    });
  }

  /** `index` made whole and kept inside the deck. */
  clamp(index: number): number {
    return Math.min(SCENES.length - 1, Math.max(0, Math.trunc(index)));
  }

  /** Puts scene `index` on stage (no-op when it is already there), announces it and says so. */
  show(index: number): void {
    const host = this.host;
    if (index === host.index && host.hasUpdated) return;
    // The first show is the page opening: its neighbours wait for the idle time after it (see hostConnected).
    if (host.hasUpdated) this.prefetch(index);
    host.index = index;
    const entry = SCENES[index]!;
    this.announce(SHELL_TEXT.sceneOf(index + 1, SCENES.length, entry.title));
    this.onShow(index);
    host.dispatchEvent(
      new CustomEvent('fleet-scene-change', {
        detail: { index, slug: entry.slug },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /** Moves by the navigation keys and the theme key; false for an action that is the host's own. */
  handle(action: DeckAction): boolean {
    const host = this.host;
    switch (action.kind) {
      case 'next':
        host.go(host.index + 1);
        return true;
      case 'previous':
        host.go(host.index - 1);
        return true;
      case 'first':
        host.go(0);
        return true;
      case 'last':
        host.go(SCENES.length - 1);
        return true;
      case 'digit':
        this.digits = (this.digits + action.digit).slice(-2);
        host.requestUpdate();
        return true;
      case 'jump': {
        if (this.digits === '') return false;
        const target = Number(this.digits) - 1;
        this.clearDigits();
        host.go(target);
        return true;
      }
      case 'theme':
        this.toggleTheme();
        return true;
      default:
        return false;
    }
  }

  /** Forgets the digits typed so far. */
  clearDigits(): void {
    this.digits = '';
    this.host.requestUpdate();
  }

  /** Switches between the dark and light themes. */
  toggleTheme(): void {
    const host = this.host;
    host.theme = nextTheme(host.theme);
    this.announce(SHELL_TEXT.theme[host.theme]);
    host.dispatchEvent(
      new CustomEvent('fleet-theme-change', { detail: { theme: host.theme }, bubbles: true, composed: true }),
    );
  }

  /** Says `text` in the host's polite live region. */
  announce(text: string): void {
    this.announcement = text;
    this.host.requestUpdate();
  }

  /** Loads the modules of the scenes around `index`, so heavy chunks arrive before they are needed. */
  private prefetch(index: number): void {
    for (const offset of PREFETCH) void SCENES[index + offset]?.load();
  }
}
