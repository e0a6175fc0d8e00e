import type { EventOf, FleetEvent } from '../contract/schemas.js';
import { reduceEmbeddings } from '../store/embeddings.js';
import { reduceStores, type StoreState } from '../store/stores.js';
import { copyRing, type RingKeyframe, restoreRing } from './ring-keyframe.js';

/** History kept by default: ten minutes… */
export const HISTORY_MS = 10 * 60_000;
/** …or this many events, whichever is shorter (memory stays bounded at any rate). */
export const HISTORY_MAX_EVENTS = 200_000;
/** A checkpoint of the stores at least this often (ms of timeline time)… */
export const CHECKPOINT_EVERY_MS = 5_000;
/** …and every this many checkpoints one also copies the embedding ring (a keyframe). */
export const KEYFRAME_EVERY = 12;

export interface TimelineOptions {
  /** How far back the history reaches (ms); Infinity keeps everything (a recording). */
  readonly historyMs?: number;
  /** Events kept at most; Infinity keeps everything. */
  readonly maxEvents?: number;
  readonly checkpointEveryMs?: number;
  readonly keyframeEvery?: number;
}

/** The copy-on-write stores, which a checkpoint keeps by reference. */
type SharedStores = Omit<StoreState, 'embeddings'>;

interface Checkpoint {
  /** Absolute index of the first entry after it: the state is that after entries [0, at). */
  readonly at: number;
  readonly t: number;
  readonly stores: SharedStores;
  /** Present on keyframes. */
  readonly ring?: RingKeyframe;
}

function shared(state: StoreState): SharedStores {
  const { embeddings: _ring, ...stores } = state;
  return stores;
}

/**
 * The recent past of the stores, so any moment in it can be shown again.
 *
 * Stores are pure reducers, so the state at time T is the nearest checkpoint
 * at or before T plus the batches after it up to T, reduced again with the
 * arrival times they had. Checkpoints keep the copy-on-write stores by
 * reference (cheap); the embedding ring, written in place, is copied only
 * every `keyframeEvery` checkpoints, and its points between that keyframe and
 * the checkpoint are reduced again. The oldest history goes a keyframe at a
 * time once it is older than `historyMs` or more than `maxEvents` events are
 * held, so memory stays bounded.
 *
 * Pure of the DOM and of clocks: the bus feeds it (`append`), a recording
 * builds one up front (`fromEntries`).
 */
export class Timeline {
  private readonly historyMs: number;
  private readonly maxEvents: number;
  private readonly checkpointEveryMs: number;
  private readonly keyframeEvery: number;
  /** Absolute index of `times[0]`. */
  private base = 0;
  private times: number[] = [];
  private batches: (readonly FleetEvent[])[] = [];
  private checkpoints: Checkpoint[] = [];
  private eventCount = 0;
  private sinceCheckpoint = 0;
  private sinceKeyframe = 0;

  /** A timeline whose first moment is `state` at `t`. */
  constructor(state: StoreState, t: number, options: TimelineOptions = {}) {
    this.historyMs = options.historyMs ?? HISTORY_MS;
    this.maxEvents = options.maxEvents ?? HISTORY_MAX_EVENTS;
    this.checkpointEveryMs = options.checkpointEveryMs ?? CHECKPOINT_EVERY_MS;
    this.keyframeEvery = Math.max(1, options.keyframeEvery ?? KEYFRAME_EVERY);
    this.checkpoints.push({ at: 0, t, stores: shared(state), ring: copyRing(state.embeddings) });
  }

  /**
   * A timeline over a whole recording: `entries` (time-ordered batches) are
   * reduced once from `initial`, checkpointing on the way; nothing is trimmed.
   */
  static fromEntries(
    initial: StoreState,
    t0: number,
    entries: readonly { readonly t: number; readonly events: readonly FleetEvent[] }[],
    options: Pick<TimelineOptions, 'checkpointEveryMs' | 'keyframeEvery'> = {},
  ): Timeline {
    const timeline = new Timeline(initial, t0, { ...options, historyMs: Infinity, maxEvents: Infinity });
    let state = initial;
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

  /** Checkpoints held (keyframes included). */
  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /** Keyframes held. */
  get keyframeCount(): number {
    return this.checkpoints.filter((c) => c.ring).length;
  }

  /** Times of the batches held, oldest first (for tests and the bench). */
  batchTimes(): readonly number[] {
    return this.times;
  }

  /**
   * Records that the stores took `events` at `t` and became `state` (whose
   * copy-on-write parts are kept by reference: callers must not mutate them).
   * `t` never goes back: an earlier time is taken as the last one.
   */
  append(events: readonly FleetEvent[], t: number, state: StoreState): void {
    if (events.length === 0) return;
    const time = Math.max(t, this.end);
    this.times.push(time);
    this.batches.push(events);
    this.eventCount += events.length;
    this.sinceCheckpoint += events.length;
    const last = this.checkpoints[this.checkpoints.length - 1]!;
    const dueByEvents = Number.isFinite(this.maxEvents) && this.sinceCheckpoint >= this.maxEvents / 64;
    if (time - last.t >= this.checkpointEveryMs || dueByEvents) {
      this.sinceKeyframe += 1;
      const keyframe = this.sinceKeyframe >= this.keyframeEvery;
      if (keyframe) this.sinceKeyframe = 0;
      this.checkpoints.push({
        at: this.base + this.times.length,
        t: time,
        stores: shared(state),
        ring: keyframe ? copyRing(state.embeddings) : undefined,
      });
      this.sinceCheckpoint = 0;
      this.trim();
    }
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
    let k = c;
    while (k > 0 && !this.checkpoints[k]!.ring) k--;
    const checkpoint = this.checkpoints[c]!;
    const keyframe = this.checkpoints[k]!;
    let ring = restoreRing(keyframe.ring!);
    // The ring from its keyframe up to the checkpoint: only embeddings matter, and the ring ignores time.
    const points: EventOf<'embedding'>[] = [];
    for (let i = keyframe.at; i < checkpoint.at; i++) {
      for (const event of this.batches[i - this.base]!) if (event.type === 'embedding') points.push(event);
    }
    ring = reduceEmbeddings(ring, points);
    let state: StoreState = { ...checkpoint.stores, embeddings: ring };
    for (let i = checkpoint.at; i < end; i++) {
      state = reduceStores(state, this.batches[i - this.base]!, this.times[i - this.base]!).state;
    }
    return state;
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

  /** Drops history past the bounds, a keyframe at a time (a kept history must start on one). */
  private trim(): void {
    const newest = this.end;
    // The first batch that must be kept; history before it may go.
    let keepFrom = this.base;
    let events = this.eventCount;
    while (
      keepFrom - this.base < this.times.length &&
      (newest - this.times[keepFrom - this.base]! > this.historyMs || events > this.maxEvents)
    ) {
      events -= this.batches[keepFrom - this.base]!.length;
      keepFrom++;
    }
    // The latest keyframe at or before it becomes the new start.
    let k = -1;
    for (let i = 0; i < this.checkpoints.length; i++) {
      const checkpoint = this.checkpoints[i]!;
      if (checkpoint.at > keepFrom) break;
      if (checkpoint.ring) k = i;
    }
    if (k <= 0) return;
    const start = this.checkpoints[k]!.at;
    const drop = start - this.base;
    for (let i = 0; i < drop; i++) this.eventCount -= this.batches[i]!.length;
    this.times.splice(0, drop);
    this.batches.splice(0, drop);
    this.base = start;
    this.checkpoints.splice(0, k);
  }
}
