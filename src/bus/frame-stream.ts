import {
  type BusControl,
  type BusCursor,
  HEARTBEAT_FRAME,
  readBusControl,
} from '../contract/bus-protocol.js';
import { decodeFrame } from '../contract/wire.js';
import type { BusDiagnostics } from './diagnostics.js';

/** Timers as the bus uses them, so tests can drive time by hand. */
export interface BusTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /**
   * Calls back at the next animation frame, before it renders, with how long
   * ago (ms) that frame began: other callbacks (a scene's drawing) may have
   * run before it. Absent where there are no frames to make room for (Node,
   * tests that do not ask).
   */
  requestFrame?(callback: (sinceFrameMs: number) => void): void;
}

/** What a frame stream needs of its bus (FleetBus implements it). */
export interface FrameStreamHost {
  readonly diagnostics: BusDiagnostics;
  readonly maxFrameBytes: number;
  readonly timers: BusTimers;
  now(): number;
  /** True while the page is hidden: timers are throttled there, so a drain takes everything. */
  hidden(): boolean;
  publish(candidates: unknown[]): number;
  /** Empties the stores (the present follows). */
  rebuild(): void;
}

/** A resync the stream applied: the bus filled the gap, or the stores were rebuilt from its present. */
export type Resync = 'resume' | 'rebuild';

export interface FrameStreamOptions {
  /** Called when a reconnect resynced (not on the first join). */
  readonly onResync?: (kind: Resync) => void;
}

/** Frames decoded per batch before yielding, so a flood cannot freeze the page. */
const BATCH_MAX_FRAMES = 500;
const BATCH_MAX_CHARS = 4 * 1024 * 1024;
/**
 * Time (ms) a drain may spend before it yields. The caps above bound a drain
 * of small frames; with big frames (hundreds of events each) a drain within
 * them still took 50–150 ms, during which no animation frame or key press can
 * run. The budget is checked between publishes, the next frame's expected
 * cost ahead (see COST_WEIGHT).
 */
const BATCH_BUDGET_MS = 4;
const PUBLISH_CHUNK = 250;
/**
 * How long (ms) after an animation frame began a backlog's drains may go on.
 * Past it the next drain waits for the next frame to render: under a flood,
 * drains chained back to back kept frames 33-50 ms apart on #/live (npm run
 * bench, frame time), while a frame costs the deck well under 16 ms. Counted
 * from the frame's start, not as ingest time, so a frame that draws longer
 * leaves ingest less of it and the next one still begins on its vsync.
 */
const INGEST_UNTIL_MS = 12;
/**
 * A frame not begun this long (ms, two vsyncs) after the last one is held up
 * by the compositor, not by this page: a backlog's drains go on meanwhile, a
 * frame's share at a time. Under SwiftShader frames came 4–6 vsyncs apart
 * during a flood, and waiting for each left the page idle a third of the time.
 */
const STALLED_FRAME_MS = 33;
/**
 * Weight of the newest frame in the running estimate of what one frame costs
 * to decode and publish. A drain does not begin a frame it expects to carry
 * it past the frame's ingest share: checked only after each frame, a 500-event
 * frame begun just before the share ended ran 4–8 ms past it, into the next
 * vsync, and about one animation frame in ten came a vsync late.
 */
const COST_WEIGHT = 0.2;

/**
 * One source's frames into the bus: queued as they arrive, decoded and
 * published in bounded batches, counted in the bus's diagnostics, and read
 * for the numbered stream of the project's bus: each numbered event is
 * applied once (a duplicate after a reconnect is skipped), a rebuild empties
 * the stores before the present that follows, and `cursor` says what to ask
 * for on the next connection. Plain frames carry no number and go straight in.
 */
export class FrameStream {
  private queue: unknown[] = [];
  private timer: unknown;
  private position?: BusCursor;
  private closed = false;
  /** Whether a frame callback is asked for. */
  private frameAsked = false;
  /** When the last frame began (or the backlog did), by the host's clock. */
  private frameAt = 0;
  /** A drain waits for the next frame to have rendered, or for it to be overdue (see STALLED_FRAME_MS). */
  private waitingForFrame = false;
  private stallTimer: unknown;
  /**
   * Running estimate (ms) of what the next frame costs to decode and publish;
   * undefined until one is timed. The bus clock may tick in whole
   * milliseconds (Date.now): small frames time as 0 or 1, and only the
   * average of many says what they cost.
   */
  private frameCost?: number;
  /** Ingest goes on past an overdue frame: no vsync to keep, so a drain need not stop a frame early for it. */
  private stalled = false;

  constructor(
    private readonly host: FrameStreamHost,
    private readonly options: FrameStreamOptions = {},
  ) {}

  /** The last numbered event applied (undefined until the bus numbered one). */
  get cursor(): BusCursor | undefined {
    return this.position;
  }

  /** Queues one wire frame; it is applied on the next drain (a zero-delay timer). */
  push(data: unknown): void {
    if (this.closed) return;
    if (data === HEARTBEAT_FRAME) {
      this.host.diagnostics.countHeartbeat();
      return;
    }
    this.queue.push(data);
    // A hidden page renders no frame to wait for: there the next drain is due at once.
    if (!this.waitingForFrame || this.host.hidden())
      this.timer ??= this.host.timers.setTimeout(() => this.drain(), 0);
  }

  /** Frames queued and not yet applied. */
  get queued(): number {
    return this.queue.length;
  }

  /** Applies queued frames now, within the batch bounds (the rest waits for the next timer). */
  drain(): void {
    if (this.timer !== undefined) this.host.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.waitingForFrame = false;
    const host = this.host;
    const started = host.now();
    // A backlog begins: its first drains count from now until a frame begins.
    if (!this.frameAsked) this.frameAt = started;
    const watching = host.timers.requestFrame !== undefined && !host.hidden();
    const deadline = Math.min(
      started + BATCH_BUDGET_MS,
      watching ? this.frameAt + INGEST_UNTIL_MS : Infinity,
    );
    const ahead = this.costAhead();
    let frameStart = started;
    let batch: unknown[] = [];
    let taken = 0;
    let chars = 0;
    // A hidden tab's chained timers are throttled to about one a second: there, yielding
    // would let a backlog grow, and nobody is waiting for a frame, so take everything.
    const unbounded = host.hidden();
    const queue = this.queue;
    while (taken < queue.length && (unbounded || (taken < BATCH_MAX_FRAMES && chars < BATCH_MAX_CHARS))) {
      // Every drain takes one frame at least; past that, only one expected to end by the deadline, and only
      // between publishes: small frames stopped one by one were published a few events at a time, at several
      // times the cost an event (1-event frames ran at a third of their rate).
      if (!unbounded && taken > 0 && batch.length === 0 && frameStart + ahead > deadline) break;
      const data = queue[taken++];
      if (typeof data === 'string') chars += data.length;
      const frame = decodeFrame(data, { maxBytes: host.maxFrameBytes });
      host.diagnostics.countFrame(frame.dropped, frame.garbage, frame.detail);
      const control = frame.candidates.length === 1 ? readBusControl(frame.candidates[0]) : undefined;
      if (control) {
        if (control.kind !== 'events' && batch.length > 0) {
          host.publish(batch);
          batch = [];
        }
        for (const candidate of this.apply(control)) batch.push(candidate);
      } else for (const candidate of frame.candidates) batch.push(candidate);
      if (!unbounded && batch.length >= PUBLISH_CHUNK) {
        host.publish(batch);
        batch = [];
      }
      const frameEnd = host.now();
      // The first frame timed is the estimate; after it, a running average.
      const cost = frameEnd - frameStart;
      this.frameCost =
        this.frameCost === undefined ? cost : this.frameCost + COST_WEIGHT * (cost - this.frameCost);
      frameStart = frameEnd;
    }
    this.queue = taken === queue.length ? [] : queue.slice(taken);
    if (batch.length > 0) host.publish(batch);
    if (this.queue.length > 0) this.continueDrain();
  }

  /**
   * Schedules the next drain of a backlog: at once, or, once ingest has had
   * its share of this frame's time, right after the next frame rendered (or
   * once that frame is overdue).
   */
  private continueDrain(): void {
    const { timers } = this.host;
    if (timers.requestFrame && !this.host.hidden()) {
      this.watchFrames(timers.requestFrame);
      if (this.host.now() + this.costAhead() >= this.frameAt + INGEST_UNTIL_MS) {
        this.waitingForFrame = true;
        const overdueIn = Math.max(0, this.frameAt + STALLED_FRAME_MS - this.host.now());
        this.stallTimer = timers.setTimeout(() => this.frameOverdue(), overdueIn);
        return;
      }
    }
    this.timer = timers.setTimeout(() => this.drain(), 0);
  }

  /** What the next frame is expected to cost, as far as the share's end goes: nothing once the frame is overdue. */
  private costAhead(): number {
    return this.stalled ? 0 : (this.frameCost ?? 0);
  }

  /** The frame waited for is overdue: this page is not what holds it up, so ingest takes another share. */
  private frameOverdue(): void {
    this.stallTimer = undefined;
    if (!this.waitingForFrame || this.closed) return;
    this.waitingForFrame = false;
    this.stalled = true;
    this.frameAt = this.host.now();
    this.drain();
  }

  /** Notes when each animation frame begins while a backlog lasts; releases a drain waiting for one. */
  private watchFrames(requestFrame: NonNullable<BusTimers['requestFrame']>): void {
    if (this.frameAsked) return;
    this.frameAsked = true;
    requestFrame((sinceFrameMs) => {
      this.frameAsked = false;
      this.stalled = false;
      // From the frame's start: counted from this callback, run after a scene drew, the share
      // reached past the next vsync, and a drain begun late in it made the next frame late.
      this.frameAt = this.host.now() - sinceFrameMs;
      if (this.closed) return;
      // Queued from within the frame callback, the drain runs after the frame rendered.
      if (this.waitingForFrame) {
        this.waitingForFrame = false;
        this.clearStallTimer();
        this.timer ??= this.host.timers.setTimeout(() => this.drain(), 0);
      }
      if (this.queue.length > 0) this.watchFrames(requestFrame);
    });
  }

  private clearStallTimer(): void {
    if (this.stallTimer !== undefined) this.host.timers.clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
  }

  /** Drops queued frames and takes no more (the source stopped). */
  close(): void {
    this.closed = true;
    this.waitingForFrame = false;
    this.clearStallTimer();
    if (this.timer !== undefined) this.host.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
  }

  /** Applies a control frame; returns the events it carries that are new. */
  private apply(control: BusControl): unknown[] {
    const d = this.host.diagnostics;
    const held = this.position;
    switch (control.kind) {
      case 'events': {
        let events = control.events;
        if (held && held.run === control.run) {
          const seen = held.seq - control.seq + 1;
          if (seen > 0) {
            d.countDuplicates(Math.min(seen, events.length));
            events = events.slice(seen);
          } else if (seen < 0) d.countGap(-seen);
          if (events.length === 0) return [];
        }
        this.position = { run: control.run, seq: control.seq + control.events.length - 1 };
        return events;
      }
      case 'rebuild':
        this.host.rebuild();
        this.position = { run: control.run, seq: control.seq };
        d.countResync('rebuild', control.reason, held !== undefined);
        if (held) this.options.onResync?.('rebuild');
        return [];
      case 'resume':
        // Frames of the old socket applied after the dial may already have moved past it.
        if (!held || held.run !== control.run || held.seq < control.seq)
          this.position = { run: control.run, seq: control.seq };
        d.countResync('resume', '', held !== undefined);
        if (held) this.options.onResync?.('resume');
        return [];
    }
  }
}
