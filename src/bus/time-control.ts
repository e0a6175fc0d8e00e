import type { FleetEvent } from '../contract/schemas.js';
import type { PointBuffer } from '../store/point-columns.js';
import type { StoreState } from '../store/stores.js';
import type { FleetBus } from './fleet-bus.js';
import { HoldBuffer } from './hold-buffer.js';
import type { TimeHook } from './time-hook.js';
import { Timeline, type TimelineOptions } from './timeline.js';
import type { SourceTimers } from './ws-source.js';

/** What the timeline spans: what arrived lately, or a whole recording. */
export type TimeMode = 'live' | 'replay';

/** Time control as the deck and the presenter draw it. Times are ms on the bus clock. */
export interface TimeStatus {
  readonly mode: TimeMode;
  readonly paused: boolean;
  /** The moment shown. */
  readonly position: number;
  /** The earliest moment that can be shown. */
  readonly start: number;
  /** The latest: the present (live, the moment paused) or the recording's end. */
  readonly end: number;
  /** Events held while paused, waiting for resume. */
  readonly held: number;
  /** Events dropped from a full hold since the page opened. */
  readonly heldDropped: number;
  /** A replay that reached its end (paused there). */
  readonly ended: boolean;
}

/** One batch of a recording at its recorded time (bus clock). */
export interface TimedBatch {
  readonly t: number;
  readonly events: readonly FleetEvent[];
}

export interface TimeControlOptions extends TimelineOptions {
  /** Wall clock in ms (default `Date.now`). */
  readonly now?: () => number;
  /** Events held at most while paused. */
  readonly holdCapacity?: number;
  /** Timers for replay pacing (injectable for tests). */
  readonly timers?: SourceTimers;
}

export interface ReplayPlan {
  /** The recording's batches, time-ordered, on the bus clock. */
  readonly batches: readonly TimedBatch[];
  /** The recording's first moment (its time 0) on the bus clock. */
  readonly origin: number;
  /** The recording's length (ms). */
  readonly duration: number;
  /** Speed factor. */
  readonly rate?: number;
  readonly loop?: boolean;
  /** Open paused at this many ms into the recording; undefined plays from the start. */
  readonly at?: number;
  readonly initial: StoreState;
}

const defaultTimers: SourceTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const controls = new WeakMap<FleetBus, TimeControl>();

/**
 * Pause, rewind and replay for one bus. Plugged in where the bus reduces
 * events (`TimeHook`):
 *
 * - **live**: every batch the stores take is recorded in a bounded
 *   `Timeline`. Pausing stops the bus clock (so the simulator, ticked by it,
 *   stops too) and holds what other sources deliver in a bounded
 *   `HoldBuffer`; seeking shows the stores as they were, rebuilt from the
 *   timeline; resuming shows the present again and applies what was held, and
 *   the clock goes on from where it stopped.
 * - **replay**: the timeline is the whole recording, built once; the control
 *   paces it (so seeking works both ways and resume plays on from the moment
 *   shown). Each batch is reduced at its recorded time, so a moment rebuilt
 *   and a moment played to are the same state.
 *
 * @fires change - when the status changes (pause, seek, held count, end)
 */
export class TimeControl extends EventTarget implements TimeHook {
  /** The control of `bus`, made and plugged in on first use. */
  static for(bus: FleetBus, options?: TimeControlOptions): TimeControl {
    let control = controls.get(bus);
    if (!control) {
      control = new TimeControl(bus, options);
      controls.set(bus, control);
    }
    return control;
  }

  readonly bus: FleetBus;
  private readonly wall: () => number;
  private readonly timers: SourceTimers;
  private readonly hold: HoldBuffer;
  private timeline: Timeline;
  private modeValue: TimeMode = 'live';
  private pausedValue = false;
  /** Wall time minus bus time while running (grows by every pause). */
  private offset = 0;
  /** Bus time at the moment paused: the live end while paused. */
  private pausedAt = 0;
  /** The moment shown while paused. */
  private shown = 0;
  /** The present's stores, kept while an earlier moment is shown. */
  private liveState?: StoreState;
  private replay?: {
    readonly plan: ReplayPlan;
    readonly rate: number;
    /** Index of the next batch to reduce. */
    next: number;
    /** Wall time and recording position when playing (re)started. */
    wallStart: number;
    positionStart: number;
    timer?: unknown;
    ended: boolean;
  };

  constructor(bus: FleetBus, options: TimeControlOptions = {}) {
    super();
    this.bus = bus;
    this.wall = options.now ?? (() => Date.now());
    this.timers = options.timers ?? defaultTimers;
    this.hold = new HoldBuffer(options.holdCapacity);
    this.timeline = new Timeline(bus.state, this.wall(), options);
    controls.set(bus, this);
    bus.setTimeHook(this);
  }

  get mode(): TimeMode {
    return this.modeValue;
  }

  get paused(): boolean {
    return this.pausedValue;
  }

  /** The recorded history (tests, the bench). */
  get history(): Timeline {
    return this.timeline;
  }

  /** Where the timeline starts, is and ends, and what is held. */
  get status(): TimeStatus {
    const position = this.position();
    return {
      mode: this.modeValue,
      paused: this.pausedValue,
      position,
      start: this.modeValue === 'replay' ? this.replay!.plan.origin : this.timeline.start,
      end: this.liveEnd(),
      held: this.hold.held,
      heldDropped: this.hold.dropped,
      ended: this.replay?.ended ?? false,
    };
  }

  // ---- TimeHook ----

  /** @internal */
  admit(events: readonly FleetEvent[], points?: PointBuffer): boolean {
    if (!this.pausedValue) return true;
    // Held as events: a pause holds what arrives until it ends, and the columns are reused.
    const held = points && points.length > 0 ? [...events, ...points.toEvents()] : events;
    const dropped = this.hold.push(held);
    if (dropped > 0) this.bus.diagnostics.countHeldDropped(dropped);
    this.changed();
    return false;
  }

  /** @internal */
  beforeReduce(): void {
    this.timeline.settle();
  }

  /** @internal */
  reduced(events: readonly FleetEvent[], state: StoreState, now: number, points?: PointBuffer): void {
    // A replay's timeline is the recording, built up front.
    if (this.modeValue === 'live') this.timeline.append(events, now, state, points);
  }

  /** @internal */
  restart(state: StoreState, now: number): void {
    if (this.modeValue === 'live') this.timeline.restart(state, now);
  }

  /** @internal */
  clock(wallNow: number): number {
    if (this.pausedValue) return this.shown;
    if (this.replay) return this.replayPosition(wallNow);
    return wallNow - this.offset;
  }

  // ---- controls ----

  /** Stops the moment shown: scenes freeze, arrivals are held. */
  pause(): void {
    if (this.pausedValue) return;
    const now = this.position();
    this.pausedValue = true;
    this.pausedAt = now;
    this.shown = now;
    this.liveState = this.bus.state;
    if (this.replay) this.stopTimer();
    this.changed();
  }

  /** Shows the present again (or plays a replay on from the moment shown) and applies what was held. */
  resume(): void {
    if (!this.pausedValue) return;
    const replay = this.replay;
    if (replay) {
      if (replay.ended || this.shown >= this.liveEnd()) {
        // Play again from the start.
        this.seekReplay(replay.plan.origin);
        this.shown = replay.plan.origin;
      }
      replay.ended = false;
      this.pausedValue = false;
      this.playFrom(this.shown);
    } else {
      if (this.liveState && this.bus.state !== this.liveState) this.bus.rebuild(this.liveState);
      // The clock goes on from the moment it stopped: the simulator neither jumps nor bursts.
      this.offset = this.wall() - this.pausedAt;
      this.pausedValue = false;
    }
    this.liveState = undefined;
    for (const batch of this.hold.drain()) this.bus.reduceValidated(batch);
    this.changed();
  }

  /** Pauses or resumes. */
  toggle(): void {
    if (this.pausedValue) this.resume();
    else this.pause();
  }

  /** Shows the moment `t` (bus clock, clamped to the timeline); pauses first. */
  seek(t: number): void {
    if (!Number.isFinite(t)) return;
    if (!this.pausedValue) this.pause();
    const start = this.status.start;
    const end = this.liveEnd();
    const target = Math.min(end, Math.max(start, t));
    if (this.replay) {
      this.seekReplay(target);
      this.replay.ended = false;
    } else if (target >= end) {
      if (this.liveState) this.bus.rebuild(this.liveState);
    } else this.bus.rebuild(this.timeline.stateAt(target));
    this.shown = target;
    this.changed();
  }

  /** Moves the moment shown by `deltaMs` (negative: back). */
  step(deltaMs: number): void {
    this.seek(this.position() + deltaMs);
  }

  /**
   * Makes the timeline a recording: the whole of it, paced by this control
   * from now on, opening paused at `plan.at` when given.
   */
  playReplay(plan: ReplayPlan, options: TimelineOptions = {}): void {
    this.stopTimer();
    this.modeValue = 'replay';
    this.timeline = Timeline.fromEntries(plan.initial, plan.origin, plan.batches, options);
    const rate = plan.rate !== undefined && plan.rate > 0 && Number.isFinite(plan.rate) ? plan.rate : 1;
    this.replay = { plan, rate, next: 0, wallStart: this.wall(), positionStart: plan.origin, ended: false };
    this.pausedValue = false;
    this.liveState = undefined;
    if (plan.at !== undefined) {
      const at = plan.origin + Math.min(plan.duration, Math.max(0, plan.at));
      this.pausedValue = true;
      this.seekReplay(at);
      this.shown = at;
      this.pausedAt = at;
    } else {
      this.bus.rebuild(plan.initial);
      this.playFrom(plan.origin);
    }
    this.changed();
  }

  /** Stops pacing a replay and unplugs from the bus. */
  detach(): void {
    this.stopTimer();
    this.bus.setTimeHook(undefined);
    if (controls.get(this.bus) === this) controls.delete(this.bus);
  }

  // ---- internals ----

  private position(): number {
    return this.clock(this.wall());
  }

  private liveEnd(): number {
    if (this.replay) return this.replay.plan.origin + this.replay.plan.duration;
    return this.pausedValue ? this.pausedAt : this.position();
  }

  private replayPosition(wallNow: number): number {
    const replay = this.replay!;
    return replay.positionStart + (wallNow - replay.wallStart) * replay.rate;
  }

  /** Shows the recording at `t` and sets the next batch to play after it. */
  private seekReplay(t: number): void {
    const replay = this.replay!;
    this.bus.rebuild(this.timeline.stateAt(t));
    const batches = replay.plan.batches;
    let lo = 0;
    let hi = batches.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (batches[mid]!.t <= t) lo = mid + 1;
      else hi = mid;
    }
    replay.next = lo;
  }

  private playFrom(t: number): void {
    const replay = this.replay!;
    replay.wallStart = this.wall();
    replay.positionStart = t;
    this.playStep();
  }

  /** Reduces every batch now due, each at its recorded time, then sleeps until the next. */
  private playStep(): void {
    const replay = this.replay!;
    replay.timer = undefined;
    if (this.pausedValue) return;
    const position = this.replayPosition(this.wall());
    const batches = replay.plan.batches;
    while (replay.next < batches.length && batches[replay.next]!.t <= position) {
      const batch = batches[replay.next++]!;
      this.bus.reduceValidated(batch.events, batch.t);
    }
    if (replay.next >= batches.length) {
      if (replay.plan.loop && batches.length > 0) {
        this.seekReplay(replay.plan.origin);
        this.playFrom(replay.plan.origin);
        return;
      }
      // The end: hold the last moment, ready to seek back or play again.
      const end = replay.plan.origin + replay.plan.duration;
      this.pausedValue = true;
      this.pausedAt = end;
      this.shown = end;
      this.liveState = this.bus.state;
      replay.ended = true;
      this.changed();
      return;
    }
    const wait = (batches[replay.next]!.t - position) / replay.rate;
    replay.timer = this.timers.setTimeout(() => this.playStep(), Math.max(0, wait));
  }

  private stopTimer(): void {
    if (this.replay?.timer !== undefined) this.timers.clearTimeout(this.replay.timer);
    if (this.replay) this.replay.timer = undefined;
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
