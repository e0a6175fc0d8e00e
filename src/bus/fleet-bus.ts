import { acceptPoint } from '../contract/accept-point.js';
import type { EventType, FleetEvent } from '../contract/schemas.js';
import { acceptEvent, type Validation } from '../contract/validate.js';
import { DEFAULT_MAX_FRAME_BYTES, decodeFrame } from '../contract/wire.js';
import { groupEvents } from '../store/group-events.js';
import { PointBuffer } from '../store/point-columns.js';
import { initialStores, reduceStores, type StoreName, type StoreState } from '../store/stores.js';
import { defaultBusTimers } from './bus-timers.js';
import { BusDiagnostics } from './diagnostics.js';
import {
  type BusTimers,
  FrameStream,
  type FrameStreamHost,
  type FrameStreamOptions,
} from './frame-stream.js';
import { pointsEvent } from './points-event.js';
import { PAGE_SOURCE, type SourceInfo } from './source-info.js';
import type { TimeHook } from './time-hook.js';

/**
 * Detail of the per-type DOM event: the events of that type one publish
 * accepted. An `embedding` event's are made from the bus's columns when
 * first read, which must be while it is dispatched (see `pointsEvent`).
 */
export type AcceptedEvent<T extends EventType> = CustomEvent<readonly Extract<FleetEvent, { type: T }>[]>;

/** Detail of the `change` event: which stores changed since the last notification. */
export type StoreChangeEvent = CustomEvent<ReadonlySet<StoreName>>;

export interface FleetBusOptions {
  /** Clock in ms (arrival times, rates); injectable for tests. */
  readonly now?: () => number;
  /** Schedules the change notification; defaults to one animation frame. */
  readonly schedule?: (callback: () => void) => void;
  /** Frame cap in bytes, checked before parsing (default 1 MiB). */
  readonly maxFrameBytes?: number;
  /** Embedding ring capacity (default 100,000). */
  readonly embeddingCapacity?: number;
  /** Timers for draining queued frames (default the global ones); injectable for tests. */
  readonly timers?: BusTimers;
  /** `document`: a hidden page drains whole backlogs at once (its timers are throttled). */
  readonly visibility?: { readonly visibilityState: string };
}

function defaultSchedule(callback: () => void): void {
  // Hidden tabs get no animation frames; a timer keeps notifications (cheap) flowing.
  if (typeof requestAnimationFrame === 'function' && globalThis.document?.visibilityState !== 'hidden') {
    requestAnimationFrame(callback);
  } else {
    setTimeout(callback, 50);
  }
}

/**
 * The deck's event bus. Every source (simulator, WebSocket, replay, a page
 * calling `publish`) goes through it: decode, validate, reduce into the
 * stores, then notify scenes at most once per animation frame.
 *
 * @fires change - once per animation frame when stores changed; detail: the set of store names
 * @fires source - when the source info changes
 * @fires rebuild - when the stores were replaced whole (`rebuild`), before the present that follows
 * @fires snapshot - (and every other event type) per publish, detail: that type's accepted events
 */
export class FleetBus extends EventTarget {
  /** Counters for the diagnostics overlay; only the bus and its sources write them. */
  readonly diagnostics = new BusDiagnostics();
  private stores: StoreState;
  private sourceInfo: SourceInfo = PAGE_SOURCE;
  private readonly now: () => number;
  private readonly schedule: (callback: () => void) => void;
  private readonly maxFrameBytes: number;
  private readonly embeddingCapacity?: number;
  private readonly streamHost: FrameStreamHost;
  private defaultStream?: FrameStream;
  private pending = new Set<StoreName>();
  private scheduled = false;
  /** True while `flush` notifies (see `onChange`). */
  private flushing = false;
  /** Time control (pause, rewind, replay), plugged in where events are reduced. */
  private timeHook?: TimeHook;
  /** Inside `fillPast`: time control does not record batch by batch. */
  private fillingPast = false;
  /** The points of the publish under way, in columns (see `publish`); reused publish to publish. */
  private readonly intake = new PointBuffer();
  /** A publish is under way (a listener may publish again: that one gets columns of its own). */
  private publishing = false;
  /** Counts what validation did not simply accept (see acceptEvents). */
  private readonly countOutcome = (outcome: Validation): void => {
    if (outcome.kind === 'accepted') this.diagnostics.countWarnings(outcome.warnings);
    else if (outcome.kind === 'rejected') this.diagnostics.countRejected(outcome.rejection);
    else this.diagnostics.countUnknown(outcome.typeName);
  };

  constructor(options: FleetBusOptions = {}) {
    super();
    this.now = options.now ?? (() => Date.now());
    this.schedule = options.schedule ?? defaultSchedule;
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.embeddingCapacity = options.embeddingCapacity;
    this.stores = initialStores({ embeddingCapacity: options.embeddingCapacity });
    const visibility = options.visibility ?? globalThis.document;
    this.streamHost = {
      diagnostics: this.diagnostics,
      maxFrameBytes: this.maxFrameBytes,
      timers: options.timers ?? defaultBusTimers,
      now: this.now,
      hidden: () => visibility?.visibilityState === 'hidden',
      publish: (candidates) => this.publish(candidates),
      rebuild: () => this.rebuild(),
    };
  }

  /**
   * The stores' current state: replaced, never mutated in place (embeddings
   * excepted, see its store). Read-only: it changes by publishing or `rebuild`.
   */
  get state(): StoreState {
    return this.stores;
  }

  /** Where events come from now. */
  get source(): SourceInfo {
    return this.sourceInfo;
  }

  set source(info: SourceInfo) {
    this.sourceInfo = info;
    this.dispatchEvent(new CustomEvent('source', { detail: info }));
  }

  /** The bus clock (ms): the moment shown, which time control may stop or move back. */
  clock(): number {
    return this.timeHook ? this.timeHook.clock(this.now()) : this.now();
  }

  /** Plugs time control in between validation and the stores (undefined unplugs it). */
  setTimeHook(hook: TimeHook | undefined): void {
    this.timeHook = hook;
  }

  /**
   * Reduces events that were validated already (held ones on resume, a
   * replay's lines) or built to the contract by this project's simulator (a
   * warm start) at `now`, past the time hook's hold.
   */
  reduceValidated(events: readonly FleetEvent[], now = this.clock()): void {
    if (events.length > 0) this.reduce(events, now);
  }

  /**
   * Validates and applies one event or an array of events; returns how many
   * were accepted. Never throws: rejections are counted in `diagnostics`.
   * `atMs` stamps their arrival (default: the bus clock now); a warm start
   * gives each step of its history the time it would have arrived.
   */
  publish(input: unknown, atMs?: number): number {
    const candidates: readonly unknown[] = Array.isArray(input) ? input : [input];
    const nested = this.publishing;
    const points = nested ? new PointBuffer() : this.intake;
    points.clear();
    // Embeddings travel in columns, not as objects: a flood of them is the largest stream a deck takes.
    const events: FleetEvent[] = [];
    for (const candidate of candidates) {
      if (acceptPoint(candidate, points)) continue;
      const event = acceptEvent(candidate, this.countOutcome);
      if (event?.type === 'embedding') points.appendEvent(event);
      else if (event) events.push(event);
    }
    const accepted = events.length + points.length;
    if (accepted === 0) return 0;
    this.publishing = true;
    try {
      this.apply(events, points, atMs);
    } finally {
      this.publishing = nested;
    }
    return accepted;
  }

  /** Decodes a wire frame (object, array or NDJSON text; binary is ignored) and publishes it at once. */
  publishFrame(data: unknown): number {
    const frame = decodeFrame(data, { maxBytes: this.maxFrameBytes });
    this.diagnostics.countFrame(frame.dropped, frame.garbage, frame.detail);
    return frame.candidates.length > 0 ? this.publish(frame.candidates) : 0;
  }

  /**
   * Queues one wire frame from a source (a WebSocket message, say). Frames are
   * decoded in bounded batches on a zero-delay timer, counted in
   * `diagnostics`, and the numbered stream of the project's bus is applied
   * exactly once (see `openStream`). The bus's own stream; a source that
   * needs its own cursor or to drop its queue opens one.
   */
  ingestFrame(data: unknown): void {
    this.defaultStream ??= this.openStream();
    this.defaultStream.push(data);
  }

  /**
   * A stream of frames into this bus with its own queue and cursor: a
   * WebSocket source opens one for its lifetime, so what it has seen survives
   * reconnects and what it queued goes when it stops.
   */
  openStream(options: FrameStreamOptions = {}): FrameStream {
    return new FrameStream(this.streamHost, options);
  }

  /**
   * Replaces every store (with `state`, or empty ones) and tells the mounted
   * scenes on the next notification: a bus's present or a mirrored deck's
   * stores are taken whole, never appended to what is held.
   */
  rebuild(state?: StoreState): void {
    this.stores = state ?? initialStores({ embeddingCapacity: this.embeddingCapacity });
    for (const name of Object.keys(this.stores) as StoreName[]) this.pending.add(name);
    // Mirrors of this bus (the presenter's) must start over too, not append.
    this.dispatchEvent(new Event('rebuild'));
    this.scheduleNotify();
  }

  /**
   * Calls `listener` once per animation frame while stores change, until
   * `signal` aborts. The listener gets the names of the stores that changed,
   * and whether the notification was asked for with `flush` (a reader who
   * paces its rendering renders such a change at once).
   */
  onChange(
    listener: (changed: ReadonlySet<StoreName>, flushed: boolean) => void,
    signal?: AbortSignal,
  ): void {
    this.addEventListener('change', (e) => listener((e as StoreChangeEvent).detail, this.flushing), {
      signal,
    });
  }

  /**
   * Runs `fill`, which publishes a computed past (a warm start, the print
   * layout's run), and then tells time control that the stores after it are
   * where history starts: that past arrives in one instant, so there is
   * nothing in it to scrub, and recording it batch by batch would copy the
   * lanes at every checkpoint (seconds at 10,000 hosts).
   */
  fillPast(fill: () => void): void {
    this.fillingPast = true;
    try {
      fill();
    } finally {
      this.fillingPast = false;
    }
    this.timeHook?.restart(this.stores, this.clock());
  }

  /** Runs a pending change notification now (tests, print, a warm start): scenes render it at once. */
  flush(): void {
    this.flushing = true;
    try {
      this.notify();
    } finally {
      this.flushing = false;
    }
  }

  private notify(): void {
    if (this.pending.size === 0) return;
    const changed = this.pending;
    this.pending = new Set();
    this.dispatchEvent(new CustomEvent('change', { detail: changed }));
  }

  private apply(events: FleetEvent[], points: PointBuffer, atMs?: number): void {
    // While paused, time control holds what arrives instead of the stores taking it.
    if (this.timeHook && !this.timeHook.admit(events, points)) return;
    this.reduce(events, atMs ?? this.clock(), points);
  }

  /** Reduces `events` and then `points` (embeddings in columns, when given). */
  private reduce(events: readonly FleetEvent[], now: number, points?: PointBuffer): void {
    this.timeHook?.beforeReduce();
    const { state, changed } = reduceStores(this.stores, events, now, points);
    this.stores = state;
    if (!this.fillingPast) this.timeHook?.reduced(events, state, now, points);
    const byType = groupEvents(events, (type) => type);
    for (const [type, list] of byType) {
      this.diagnostics.countAccepted(type, list.length, now);
      this.dispatchEvent(new CustomEvent(type, { detail: list }));
    }
    if (points && points.length > 0) {
      this.diagnostics.countAccepted('embedding', points.length, now);
      this.dispatchEvent(pointsEvent(points));
    }
    for (const name of changed) this.pending.add(name);
    this.scheduleNotify();
  }

  private scheduleNotify(): void {
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => {
        this.scheduled = false;
        this.notify();
      });
    }
  }
}
