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

/**
 * Joins `deck` to the presenter channel as the audience window: scene changes
 * both ways, and its bus mirrored to presenter windows. Idempotent; survives
 * the page going into and out of the back-forward cache. Returns a function
 * that leaves.
 */
export function connectAudience(deck: AudienceDeck, pathname = location.pathname): () => void {
  const existing = links.get(deck);
  if (existing) return existing;
  if (typeof BroadcastChannel === 'undefined') return () => undefined;

  let leaveChannels: (() => void) | undefined;
  const join = () => {
    const syncChannel = new BroadcastChannel(syncChannelName(pathname));
    const busChannel = new BroadcastChannel(syncChannelName(pathname, 'bus'));
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

/** The presenter view's URL for a deck page at `href`: the same page with `?presenter`, its theme and scene. */
export function presenterUrl(href: string): string {
  const url = new URL(href);
  const theme = url.searchParams.get('theme');
  // The presenter mirrors the deck's bus, so source parameters do not belong on its URL.
  url.search = theme ? `?presenter&theme=${encodeURIComponent(theme)}` : '?presenter';
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
