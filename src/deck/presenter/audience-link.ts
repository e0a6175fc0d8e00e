import type { FleetBus } from '../../bus/fleet-bus.js';
import { SCENES } from '../scene-registry.js';
import { shareBus } from './bus-mirror.js';
import { DeckSync, syncChannelName } from './deck-sync.js';

/** The part of `<fleet-deck>` the audience link drives (an interface, so this module does not import the deck). */
export interface AudienceDeck extends EventTarget {
  readonly index: number;
  readonly bus: FleetBus;
  go(index: number): void;
}

/** The window name of the presenter view, so `p` twice focuses the same window. */
export const PRESENTER_WINDOW = 'fleet-deck-presenter';

const links = new WeakMap<AudienceDeck, () => void>();

const SESSION_KEY = 'fleet-deck:session';

/**
 * This tab's deck session: a random id kept in `sessionStorage`, so it
 * survives a reload of the tab (and the presenter finds the deck again) while
 * another deck tab gets its own. The presenter carries it in its URL.
 */
export function deckSession(): string {
  try {
    const stored = sessionStorage.getItem(SESSION_KEY);
    if (stored && /^[\w-]{1,64}$/.test(stored)) return stored;
    const id = globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2);
    sessionStorage.setItem(SESSION_KEY, id);
    return id;
  } catch {
    return 'default';
  }
}

/** The session a presenter URL names (`?presenter=ID`), or `default`. */
export function presenterSession(params: URLSearchParams): string {
  const id = params.get('presenter') ?? '';
  return /^[\w-]{1,64}$/.test(id) ? id : 'default';
}

/**
 * Joins `deck` to the presenter channel as the audience window: scene changes
 * both ways, and its bus mirrored to presenter windows. Idempotent; survives
 * the page going into and out of the back-forward cache. Returns a function
 * that leaves.
 */
export function connectAudience(
  deck: AudienceDeck,
  pathname = location.pathname,
  session = deckSession(),
): () => void {
  const existing = links.get(deck);
  if (existing) return existing;
  if (typeof BroadcastChannel === 'undefined') return () => undefined;

  let leaveChannels: (() => void) | undefined;
  const join = () => {
    const syncChannel = new BroadcastChannel(syncChannelName(pathname, session));
    const busChannel = new BroadcastChannel(syncChannelName(pathname, session, 'bus'));
    const sync = new DeckSync({
      channel: syncChannel,
      role: 'audience',
      index: deck.index,
      count: SCENES.length,
      onGoto: (index) => deck.go(index),
    });
    const onSceneChange = () => sync.navigated(deck.index);
    deck.addEventListener('fleet-scene-change', onSceneChange);
    const stopMirror = shareBus(deck.bus, busChannel, sync.id);
    leaveChannels = () => {
      deck.removeEventListener('fleet-scene-change', onSceneChange);
      stopMirror();
      sync.close();
      busChannel.close();
      leaveChannels = undefined;
    };
  };
  const lifetime = new AbortController();
  // `bye` on the way out, so the presenter shows "waiting" at once rather than talking to no one.
  window.addEventListener('pagehide', () => leaveChannels?.(), { signal: lifetime.signal });
  window.addEventListener(
    'pageshow',
    (e) => {
      if (e.persisted && !leaveChannels) join();
    },
    { signal: lifetime.signal },
  );
  join();
  const leave = () => {
    lifetime.abort();
    leaveChannels?.();
    links.delete(deck);
  };
  links.set(deck, leave);
  return leave;
}

/**
 * The presenter view's URL for the deck page at `href`: the same page with
 * `?presenter=SESSION`, its theme and its scene.
 */
export function presenterUrl(href: string, session = deckSession()): string {
  const url = new URL(href);
  const theme = url.searchParams.get('theme');
  // The presenter mirrors the deck's bus, so source parameters do not belong on its URL.
  const params = new URLSearchParams({ presenter: session });
  if (theme) params.set('theme', theme);
  url.search = `?${params}`;
  return url.href;
}

let presenterWindow: Window | undefined;

/**
 * Opens the presenter view for `deck`: a new window, or a new tab when
 * windows are refused; focuses it when it is already open. Returns the
 * window, or undefined when the browser blocked both (the caller then shows
 * a link the user can click).
 */
export function openPresenter(deck: AudienceDeck, href = location.href): Window | undefined {
  connectAudience(deck);
  if (presenterWindow && !presenterWindow.closed) {
    presenterWindow.focus();
    return presenterWindow;
  }
  const url = presenterUrl(href);
  const opened =
    window.open(url, PRESENTER_WINDOW, 'popup,width=1280,height=800') ??
    window.open(url, '_blank') ??
    undefined;
  opened?.focus();
  presenterWindow = opened;
  return opened;
}
