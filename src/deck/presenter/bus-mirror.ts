import type { FleetBus } from '../../bus/fleet-bus.js';
import type { SourceInfo } from '../../bus/source-info.js';
import { EVENT_TYPES, type FleetEvent } from '../../contract/schemas.js';
import { type CloneableStores, cloneableStores, revivedStores } from '../../store/stores.js';
import type { SyncChannel } from './deck-sync.js';

/**
 * Mirrors the audience deck's bus into the presenter window, so the
 * presenter's "current scene" shows exactly what the room sees (the same
 * hosts, the same detections), not a second simulator that drifts apart.
 *
 * A follower asks (`want`); the audience answers with its stores as they are
 * (`state`, a structured clone) and then forwards every batch of accepted
 * events (`events`). An audience that (re)starts says `here`, and followers
 * ask again, so a reload of either window reconnects the mirror.
 */
export type MirrorMessage =
  | { readonly kind: 'here'; readonly from: string }
  | { readonly kind: 'want'; readonly from: string }
  | { readonly kind: 'gone'; readonly from: string }
  | {
      readonly kind: 'state';
      readonly from: string;
      readonly to: string;
      readonly state: CloneableStores;
      readonly source: SourceInfo;
    }
  | { readonly kind: 'events'; readonly from: string; readonly events: readonly FleetEvent[] }
  | { readonly kind: 'source'; readonly from: string; readonly source: SourceInfo };

function isMessage(data: unknown): data is MirrorMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { kind?: unknown }).kind === 'string' &&
    typeof (data as { from?: unknown }).from === 'string'
  );
}

function listen(channel: SyncChannel, signal: AbortSignal, handle: (message: MirrorMessage) => void): void {
  const listener = (event: MessageEvent) => {
    if (isMessage(event.data)) handle(event.data);
  };
  channel.addEventListener('message', listener);
  signal.addEventListener('abort', () => channel.removeEventListener('message', listener), { once: true });
}

/**
 * The audience side: answers followers with the bus state and forwards
 * accepted events while anyone follows. Returns a function that stops it.
 */
export function shareBus(bus: FleetBus, channel: SyncChannel, id: string): () => void {
  const lifetime = new AbortController();
  const signal = lifetime.signal;
  const followers = new Set<string>();
  let batch: FleetEvent[] = [];

  const post = (message: MirrorMessage) => {
    try {
      channel.postMessage(message);
    } catch {
      // A store that cannot be cloned: the follower gets later events but not this state.
    }
  };
  // The stores go as a structured clone takes them (see cloneableStores).
  const postState = (to: string) =>
    post({ kind: 'state', from: id, to, state: cloneableStores(bus.state), source: bus.source });
  const flush = () => {
    const events = batch;
    batch = [];
    if (events.length > 0 && followers.size > 0) post({ kind: 'events', from: id, events });
  };

  listen(channel, signal, (message) => {
    if (message.kind === 'want') {
      followers.add(message.from);
      flush();
      postState(message.from);
    } else if (message.kind === 'gone') {
      followers.delete(message.from);
    }
  });
  // One publish dispatches one event per type, synchronously: a microtask gathers them into one message.
  const onEvents = (event: Event) => {
    if (followers.size === 0) return;
    if (batch.length === 0) queueMicrotask(flush);
    batch.push(...(event as CustomEvent<FleetEvent[]>).detail);
  };
  const onSource = () => {
    if (followers.size > 0) post({ kind: 'source', from: id, source: bus.source });
  };
  // The bus rebuilt (a reconnect to a restarted bus): followers take the new stores whole,
  // and the events queued before it are dropped, since the stores they went into are gone.
  const onRebuild = () => {
    batch = [];
    for (const follower of followers) postState(follower);
  };
  for (const type of EVENT_TYPES) bus.addEventListener(type, onEvents);
  bus.addEventListener('source', onSource);
  bus.addEventListener('rebuild', onRebuild);
  post({ kind: 'here', from: id });
  return () => {
    lifetime.abort();
    for (const type of EVENT_TYPES) bus.removeEventListener(type, onEvents);
    bus.removeEventListener('source', onSource);
    bus.removeEventListener('rebuild', onRebuild);
    batch = [];
  };
}

export interface FollowOptions {
  /** Called after the bus took a leader's state (the bus has already told its scenes). */
  readonly onState?: (leader: string) => void;
}

/**
 * The presenter side: takes the audience's stores and then its events into
 * `bus`. Follows the audience that answered last (a reloaded audience
 * replaces the one that left). Returns a function that stops following.
 */
export function followBus(
  bus: FleetBus,
  channel: SyncChannel,
  id: string,
  options: FollowOptions = {},
): () => void {
  const lifetime = new AbortController();
  let leader: string | undefined;
  listen(channel, lifetime.signal, (message) => {
    switch (message.kind) {
      case 'here':
        channel.postMessage({ kind: 'want', from: id } satisfies MirrorMessage);
        break;
      case 'state':
        if (message.to !== id) return;
        leader = message.from;
        // The leader's stores replace ours whole; the mounted scenes hear of it at once.
        bus.rebuild(revivedStores(message.state));
        bus.flush();
        bus.source = message.source;
        options.onState?.(leader);
        break;
      case 'events':
        if (message.from === leader && Array.isArray(message.events)) bus.publish(message.events);
        break;
      case 'source':
        if (message.from === leader) bus.source = message.source;
        break;
      default:
        break;
    }
  });
  channel.postMessage({ kind: 'want', from: id } satisfies MirrorMessage);
  return () => {
    lifetime.abort();
    channel.postMessage({ kind: 'gone', from: id } satisfies MirrorMessage);
  };
}
