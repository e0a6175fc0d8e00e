import type { FleetEvent } from '../contract/schemas.js';
import {
  cloneLiveLanes,
  emptyLiveLanes,
  type LiveLanesState,
  laneBytes,
  reduceLiveLanes,
} from '../store/live-lanes.js';
import type { PointBuffer } from '../store/point-columns.js';
import { reduceStores, type StoreState } from '../store/stores.js';
import { BatchMarks } from './batch-marks.js';
import { DetectionLog } from './detection-log.js';
import { cloneRing, type RingCopy, RingHistory, ringCopyBytes } from './ring-history.js';

/** History kept by default: ten minutes… */
export const HISTORY_MS = 10 * 60_000;
/** …or this many events, whichever is shorter (memory stays bounded at any rate)… */
export const HISTORY_MAX_EVENTS = 200_000;
/**
 * …or this many bytes of events (at HISTORY_EVENT_BYTES each) and lane and
 * ring copies: a 10,000-host fleet's lanes are ~19 MB a copy, so its history
 * holds fewer events (about a minute of such a fleet) and the page stays
 * bounded.
 */
export const HISTORY_MAX_BYTES = 40 * 2 ** 20;
/** What an event held in the history costs, about (measured: 260–285 B for the simulator's mix). */
export const HISTORY_EVENT_BYTES = 256;
/** A checkpoint of the stores at least this often (ms of timeline time), and every 1/64 of the events the window holds. */
export const CHECKPOINT_EVERY_MS = 5_000;
/**
 * Bytes of lane copies held besides the first moment's. A copy of 10,000
 * hosts' lanes is ~19 MB, so a large fleet keeps none (a moment's lanes are
 * replayed from the first moment's); a small one keeps up to MAX_LANE_COPIES.
 */
export const LANE_COPY_BYTES = 8 * 2 ** 20;
/** Lane copies a full window holds at most besides the first moment's, however small the lanes. */
export const MAX_LANE_COPIES = 8;

export interface TimelineOptions {
  /** How far back the history reaches (ms); Infinity keeps everything (a recording). */
  readonly historyMs?: number;
  /** Events kept at most; Infinity keeps everything. */
  readonly maxEvents?: number;
  /** Bytes of events and lane and ring copies kept at most (see HISTORY_MAX_BYTES); Infinity keeps everything. */
  readonly maxBytes?: number;
  readonly checkpointEveryMs?: number;
  /** Bytes of lane copies kept besides the first moment's (default LANE_COPY_BYTES). */
  readonly laneCopyBytes?: number;
}

/** What a checkpoint keeps by reference: the copy-on-write stores (the lanes and the ring are written in place). */
type SharedStores = Omit<StoreState, 'embeddings' | 'live'>;

interface Checkpoint {
  /** Absolute index of the first entry after it: the state is that after entries [0, at). */
  readonly at: number;
  readonly t: number;
  readonly stores: SharedStores;
  /** A private copy of the lanes then, where the copy budget allowed one (always at the first moment). */
  lanes?: LiveLanesState;
  /** A copy of the ring then, about once a ring's worth of points (see `RingHistory.copyIfDue`). */
  ring?: RingCopy;
}

function shared(state: StoreState): SharedStores {
  const { embeddings: _ring, live: _lanes, ...stores } = state;
  return stores;
}

const NO_EVENTS: readonly FleetEvent[] = [];

/**
 * The recent past of the stores, so any moment in it can be shown again.
 *
 * Stores are pure reducers, so the state at time T is the nearest checkpoint
 * at or before T plus the batches after it up to T, reduced again with the
 * arrival times they had. Checkpoints keep the copy-on-write stores by
 * reference (cheap). The embedding ring and the lanes are written in place,
 * so they cannot be kept that way: a rebuilt moment's ring is a copy of an
 * earlier one and the points received since (`RingHistory`); its lanes
 * likewise, from the latest private copy
 * of them at or before the moment and the detections since (held in columns,
 * `DetectionLog`) — the first moment's, or a checkpoint's
 * where `laneCopyBytes` allowed one (10,000 hosts' lanes are 19 MB a copy,
 * five hosts' a few kB). When history falls out of the window (older than
 * `historyMs`, or more than `maxEvents` events held) the first moment moves
 * up to a later checkpoint and the private copies take the dropped events,
 * so memory stays bounded and nothing is copied while events arrive.
 *
 * Pure of the DOM and of clocks: the bus feeds it (`append`), a recording
 * builds one up front (`fromEntries`).
 */
export class Timeline {
  private readonly historyMs: number;
  private readonly maxEvents: number;
  private readonly maxBytes: number;
  private readonly checkpointEveryMs: number;
  private readonly laneCopyBytes: number;
  /** Absolute index of `times[0]`. */
  private base = 0;
  private times: number[] = [];
  /** Each batch's events but its embeddings (in `ring`) and its live detections (in `detections`). */
  private batches: (readonly FleetEvent[])[] = [];
  /** Each batch's event count, its embeddings included. */
  private sizes: number[] = [];
  /** The embedding points of the batches held, and the ring at the first moment and later ones. */
  private readonly ring: RingHistory;
  /** Where each batch's points are in `ring`'s log. */
  private readonly pointMarks = new BatchMarks();
  /** The live detections of the batches held, in columns: the lanes replay them from there. */
  private readonly detections = new DetectionLog();
  /** Where each batch's detections are in `detections`. */
  private readonly detectionMarks = new BatchMarks();
  /** checkpoints[0] is the first moment held. */
  private checkpoints: Checkpoint[] = [];
  private eventCount = 0;
  private sinceCheckpoint = 0;
  /** Events since the latest lane copy. */
  private sinceLaneCopy = 0;
  /** The first moment's lanes are still the stores' own (see `restart` and `settle`). */
  private lanesOwed = false;

  /** A timeline whose first moment is `state` at `t`. */
  constructor(state: StoreState, t: number, options: TimelineOptions = {}) {
    this.historyMs = options.historyMs ?? HISTORY_MS;
    this.maxEvents = options.maxEvents ?? HISTORY_MAX_EVENTS;
    this.maxBytes = options.maxBytes ?? HISTORY_MAX_BYTES;
    this.checkpointEveryMs = options.checkpointEveryMs ?? CHECKPOINT_EVERY_MS;
    this.laneCopyBytes = options.laneCopyBytes ?? LANE_COPY_BYTES;
    this.checkpoints.push({ at: 0, t, stores: shared(state), lanes: cloneLiveLanes(state.live) });
    this.ring = new RingHistory(state.embeddings);
  }

  /**
   * Forgets everything held: `state` at `t` becomes the first moment. For a
   * past the stores took at once (a warm start), which is one moment, not a
   * history: recording it batch by batch would copy the lanes at every
   * checkpoint, seconds of work at 10,000 hosts, for nothing to scrub.
   *
   * The first moment's lanes stay the stores' own until `settle`, which the
   * bus calls before it next writes them: that copy (19 MB at 10,000 hosts)
   * would otherwise delay a warm start's first view.
   */
  restart(state: StoreState, t: number): void {
    this.base += this.times.length;
    this.times = [];
    this.batches = [];
    this.sizes = [];
    this.ring.restart(state.embeddings);
    this.pointMarks.restart(this.ring.end);
    this.detectionMarks.restart(this.detections.end);
    this.detections.dropBefore(this.detections.end);
    this.eventCount = 0;
    this.sinceCheckpoint = 0;
    this.sinceLaneCopy = 0;
    this.checkpoints = [{ at: this.base, t, stores: shared(state), lanes: state.live }];
    this.lanesOwed = true;
  }

  /**
   * Copies the first moment's lanes if they are still the stores' own (after
   * `restart`): to be called before the stores' lanes are written in place.
   * Until then they are the lanes of that moment, and reading them is safe.
   */
  settle(): void {
    if (!this.lanesOwed) return;
    this.lanesOwed = false;
    const first = this.checkpoints[0]!;
    first.lanes = cloneLiveLanes(first.lanes!);
  }

  /**
   * A timeline over a whole recording: `entries` (time-ordered batches) are
   * reduced once from `initial`, checkpointing on the way; nothing is trimmed.
   */
  static fromEntries(
    initial: StoreState,
    t0: number,
    entries: readonly { readonly t: number; readonly events: readonly FleetEvent[] }[],
    options: Pick<TimelineOptions, 'checkpointEveryMs' | 'laneCopyBytes'> = {},
  ): Timeline {
    const timeline = new Timeline(initial, t0, {
      ...options,
      historyMs: Infinity,
      maxEvents: Infinity,
      maxBytes: Infinity,
    });
    let state: StoreState = {
      ...initial,
      live: cloneLiveLanes(initial.live),
      embeddings: cloneRing(initial.embeddings),
    };
    for (const entry of entries) {
      state = reduceStores(state, entry.events, entry.t).state;
      timeline.append(entry.events, entry.t, state);
    }
    return timeline;
  }

  /** The earliest moment that can be rebuilt. */
  get start(): number {
    return this.checkpoints[0]!.t;
  }

  /** The latest moment held (the last batch's time). */
  get end(): number {
    return this.times.length > 0 ? this.times[this.times.length - 1]! : this.start;
  }

  /** Events held. */
  get events(): number {
    return this.eventCount;
  }

  /** Embedding points the log holds: those of the window, and those before it not yet in a ring. */
  get pointsHeld(): number {
    return this.ring.held;
  }

  /** Checkpoints held (the first moment included). */
  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /**
   * Records that the stores took `events` (and `points`, embeddings in
   * columns, copied here) at `t` and became `state` (whose
   * copy-on-write parts are kept by reference: callers must not mutate them).
   * `t` never goes back: an earlier time is taken as the last one.
   */
  append(events: readonly FleetEvent[], t: number, state: StoreState, points?: PointBuffer): void {
    const size = events.length + (points?.length ?? 0);
    if (size === 0) return;
    const time = Math.max(t, this.end);
    this.times.push(time);
    this.ring.append(events, points);
    const others: FleetEvent[] = [];
    for (const event of events) {
      if (event.type === 'live_detection') this.detections.append(event);
      else if (event.type !== 'embedding') others.push(event);
    }
    this.batches.push(others.length > 0 ? others : NO_EVENTS);
    this.sizes.push(size);
    this.pointMarks.push(this.ring.end);
    this.detectionMarks.push(this.detections.end);
    this.eventCount += size;
    this.sinceCheckpoint += size;
    this.sinceLaneCopy += size;
    const last = this.checkpoints[this.checkpoints.length - 1]!;
    const window = this.windowEvents();
    const dueByEvents = Number.isFinite(window) && this.sinceCheckpoint >= window / 64;
    if (time - last.t >= this.checkpointEveryMs || dueByEvents) {
      const checkpoint: Checkpoint = { at: this.base + this.times.length, t: time, stores: shared(state) };
      if (this.laneCopyDue(state.live)) {
        checkpoint.lanes = cloneLiveLanes(state.live);
        this.sinceLaneCopy = 0;
      }
      const ring = this.ring.copyIfDue(state.embeddings);
      if (ring) checkpoint.ring = ring;
      this.checkpoints.push(checkpoint);
      this.sinceCheckpoint = 0;
      this.trim();
    }
  }

  /**
   * Whether a checkpoint now keeps a copy of `lanes`: while the copies held
   * stay within the budget, spread over the window (a full window holds
   * about budget / size of them, and at most MAX_LANE_COPIES).
   */
  private laneCopyDue(lanes: LiveLanesState): boolean {
    const bytes = laneBytes(lanes);
    const held = this.laneCopiesBytes() - laneBytes(this.checkpoints[0]!.lanes!);
    if (held + bytes > this.laneCopyBytes) return false;
    const window = this.windowEvents();
    // At most MAX_LANE_COPIES a window: a flood of a small fleet's events made one every few
    // thousand events, a tenth of the main thread, to save a seek a few milliseconds of replay.
    const spacing = Number.isFinite(window)
      ? Math.max(window / MAX_LANE_COPIES, (window * bytes) / this.laneCopyBytes)
      : 0;
    return this.sinceLaneCopy >= spacing;
  }

  /** Bytes of the lane copies held, the first moment's included. */
  private laneCopiesBytes(): number {
    let bytes = 0;
    for (const checkpoint of this.checkpoints) if (checkpoint.lanes) bytes += laneBytes(checkpoint.lanes);
    return bytes;
  }

  /** Events the history may hold: maxEvents, or fewer where they and the lane and ring copies would pass maxBytes. */
  private windowEvents(): number {
    if (!Number.isFinite(this.maxBytes)) return this.maxEvents;
    let bytes = this.laneCopiesBytes();
    // Ring copies count too: about one a ring's worth of points, 2 MB at 100,000.
    for (const checkpoint of this.checkpoints) if (checkpoint.ring) bytes += ringCopyBytes(checkpoint.ring);
    const room = Math.max(0, this.maxBytes - bytes);
    return Math.min(this.maxEvents, Math.floor(room / HISTORY_EVENT_BYTES));
  }

  /**
   * The stores as they were at `t` (clamped to the history): every batch up
   * to and including `t`. The embedding ring is a fresh one, so the state can
   * be shown while the live ring goes on untouched.
   */
  stateAt(t: number): StoreState {
    const end = this.base + this.upperBound(t);
    let c = this.checkpoints.length - 1;
    while (c > 0 && this.checkpoints[c]!.at > end) c--;
    const checkpoint = this.checkpoints[c]!;
    const fromLanes = this.laneCopyFrom(c);
    const live = this.replayLanes(cloneLiveLanes(fromLanes.lanes), fromLanes.at, end);
    // The ring takes only points, and they are in order in the log: all of them up to the moment at once.
    const ring = this.ring.ringAt(this.ringCopyAt(c), this.pointMarks.before(end - this.base));
    // The lanes are replayed above: the other stores take the batches without their points and detections.
    let state: StoreState = { ...checkpoint.stores, live: emptyLiveLanes, embeddings: ring };
    for (let i = checkpoint.at; i < end; i++) {
      const others = this.batches[i - this.base]!;
      if (others.length > 0) state = reduceStores(state, others, this.times[i - this.base]!).state;
    }
    return { ...state, live };
  }

  /** The latest ring copy at checkpoints (1…c], if any. */
  private ringCopyAt(c: number): RingCopy | undefined {
    for (let r = c; r > 0; r--) {
      const copy = this.checkpoints[r]!.ring;
      if (copy) return copy;
    }
    return undefined;
  }

  /** The latest checkpoint at or before index `c` that holds a lane copy (the first moment always does). */
  private laneCopyFrom(c: number): Checkpoint & { readonly lanes: LiveLanesState } {
    let l = c;
    while (!this.checkpoints[l]!.lanes) l--;
    return this.checkpoints[l] as Checkpoint & { readonly lanes: LiveLanesState };
  }

  /** `lanes` (private) after the detections of batches [from, to) (absolute indices), at their times. */
  private replayLanes(lanes: LiveLanesState, from: number, to: number): LiveLanesState {
    let next = lanes;
    for (let i = from; i < to; i++) {
      const first = this.detectionMarks.before(i - this.base);
      const end = this.detectionMarks.end(i - this.base);
      if (end > first)
        next = reduceLiveLanes(next, this.detections.read(first, end), this.times[i - this.base]!);
    }
    return next;
  }

  /** Number of batches held with a time at or before `t`. */
  private upperBound(t: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops history past the bounds: the first moment moves up to the latest checkpoint it may. */
  private trim(): void {
    const newest = this.end;
    // The first batch that must be kept; history before it may go.
    let keepFrom = this.base;
    let events = this.eventCount;
    const maxEvents = this.windowEvents();
    while (
      keepFrom - this.base < this.times.length &&
      (newest - this.times[keepFrom - this.base]! > this.historyMs || events > maxEvents)
    ) {
      events -= this.sizes[keepFrom - this.base]!;
      keepFrom++;
    }
    // The earliest checkpoint at or after it becomes the first moment (the bounds hold strictly).
    let k = 0;
    while (k < this.checkpoints.length - 1 && this.checkpoints[k]!.at < keepFrom) k++;
    if (k === 0) return;
    const start = this.checkpoints[k]!.at;
    const drop = start - this.base;
    // The latest ring copy up to the new first moment becomes its ring (and is no longer a checkpoint's).
    this.ring.moveFirst(this.pointMarks.drop(drop), this.ringCopyAt(k));
    this.checkpoints[k]!.ring = undefined;
    // The new first moment needs lanes: the latest copy before it, brought up to it in place.
    const first = this.checkpoints[k]!;
    if (!first.lanes) {
      const from = this.laneCopyFrom(k - 1);
      first.lanes = this.replayLanes(from.lanes, from.at, start);
    }
    for (let i = 0; i < drop; i++) this.eventCount -= this.sizes[i]!;
    this.times.splice(0, drop);
    this.batches.splice(0, drop);
    this.sizes.splice(0, drop);
    // Only now: the lanes' replay above reads detections from the old first moment on.
    this.detections.dropBefore(this.detectionMarks.drop(drop));
    this.base = start;
    this.checkpoints.splice(0, k);
  }
}
