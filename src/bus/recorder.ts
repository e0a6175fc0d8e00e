import { EVENT_TYPES, type FleetEvent } from '../contract/schemas.js';
import type { FleetBus } from './fleet-bus.js';

/** Events kept per recording; past it the recording stops (memory stays bounded). */
export const MAX_RECORDED_EVENTS = 250_000;

export interface RecorderOptions {
  /** Clock in ms (arrival times); defaults to the bus clock. */
  readonly now?: () => number;
  readonly maxEvents?: number;
}

/**
 * Records what a bus accepts, with arrival times, as a replayable NDJSON
 * recording (`t` = ms since the recording began). It records accepted events
 * only: a recording is something to show again, not a log of bad input.
 */
export class Recorder {
  private readonly bus: FleetBus;
  private readonly now: () => number;
  private readonly maxEvents: number;
  private lines: { t: number; event: FleetEvent }[] = [];
  private listening?: AbortController;
  private startedAt = 0;
  private stoppedAt = 0;
  /** True when the recording stopped because it reached its cap. */
  full = false;

  constructor(bus: FleetBus, options: RecorderOptions = {}) {
    this.bus = bus;
    this.now = options.now ?? (() => bus.clock());
    this.maxEvents = options.maxEvents ?? MAX_RECORDED_EVENTS;
  }

  get recording(): boolean {
    return this.listening !== undefined;
  }

  /** Events recorded so far. */
  get count(): number {
    return this.lines.length;
  }

  /** Length of the recording (ms): up to now while recording. */
  get durationMs(): number {
    if (this.lines.length === 0 && !this.recording) return 0;
    return (this.recording ? this.now() : this.stoppedAt) - this.startedAt;
  }

  /** Starts a new recording (the previous one is discarded). */
  start(): void {
    this.stop();
    this.lines = [];
    this.full = false;
    this.startedAt = this.now();
    const listening = new AbortController();
    this.listening = listening;
    const record = (e: Event) => this.record((e as CustomEvent<FleetEvent[]>).detail);
    for (const type of EVENT_TYPES) this.bus.addEventListener(type, record, { signal: listening.signal });
  }

  /** Stops recording; what was recorded stays until the next `start`. */
  stop(): void {
    if (!this.listening) return;
    this.listening.abort();
    this.listening = undefined;
    this.stoppedAt = this.now();
  }

  /** The recording as NDJSON: one event per line, `t` first. */
  toNdjson(): string {
    let out = '';
    for (const { t, event } of this.lines) out += `${JSON.stringify({ t, ...event })}\n`;
    return out;
  }

  private record(events: readonly FleetEvent[]): void {
    const t = Math.max(0, Math.round(this.now() - this.startedAt));
    for (const event of events) {
      if (this.lines.length >= this.maxEvents) {
        this.full = true;
        this.stop();
        return;
      }
      this.lines.push({ t, event });
    }
  }
}

const recorders = new WeakMap<FleetBus, Recorder>();

/** The one recorder of `bus`, so closing the overlay does not end a recording. */
export function recorderFor(bus: FleetBus): Recorder {
  let recorder = recorders.get(bus);
  if (!recorder) {
    recorder = new Recorder(bus);
    recorders.set(bus, recorder);
  }
  return recorder;
}

/** A file name for a recording made at `date`: fleet-recording-20260102-030405.ndjson. */
export function recordingFileName(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
  return `fleet-recording-${stamp}.ndjson`;
}

/** Offers the recording as a file download. */
export function downloadRecording(recorder: Recorder, doc: Document = document): void {
  const blob = new Blob([recorder.toNdjson()], { type: 'application/x-ndjson' });
  const href = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = href;
  a.download = recordingFileName(new Date());
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(href), 1_000);
}
