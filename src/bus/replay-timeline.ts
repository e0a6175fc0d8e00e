import type { FleetEvent } from '../contract/schemas.js';
import { validateEvent } from '../contract/validate.js';
import { initialStores } from '../store/stores.js';
import type { BusDiagnostics } from './diagnostics.js';
import type { FleetBus } from './fleet-bus.js';
import { loadRecording, type RecordedLine, type RecordingFetch, replayTarget } from './replay-source.js';
import { type SourceInfo, sameSource } from './source-info.js';
import type { TimeControl, TimedBatch } from './time-control.js';

/**
 * Where a recording's time 0 sits on the bus clock during a replay: a fixed
 * whole second, so arrival times, rate windows and every store built from a
 * recording are the same on every load (a `t=` link always shows one state).
 */
export const REPLAY_ORIGIN_MS = 1_700_000_000_000;

/**
 * Validates a recording's lines once (rejections counted in `diagnostics`)
 * and groups lines of one instant into a batch at `origin + t`.
 */
export function recordingBatches(
  lines: readonly RecordedLine[],
  diagnostics: BusDiagnostics,
  origin = REPLAY_ORIGIN_MS,
): { batches: TimedBatch[]; duration: number } {
  const batches: TimedBatch[] = [];
  let current: FleetEvent[] | undefined;
  let currentT = Number.NaN;
  for (const line of lines) {
    const result = validateEvent(line.event);
    if (result.kind === 'rejected') {
      diagnostics.countRejected(result.rejection);
      continue;
    }
    if (result.kind === 'unknown_type') {
      diagnostics.countUnknown(result.typeName);
      continue;
    }
    if (result.warnings.length > 0) diagnostics.countWarnings(result.warnings);
    if (!current || line.t !== currentT) {
      current = [];
      currentT = line.t;
      batches.push({ t: origin + line.t, events: current });
    }
    current.push(result.event);
  }
  return { batches, duration: lines.length > 0 ? lines[lines.length - 1]!.t : 0 };
}

export interface ReplayTimelineOptions {
  readonly rate?: number;
  readonly loop?: boolean;
  /** Open paused this many ms into the recording (`t=`). */
  readonly at?: number;
  readonly baseUrl?: string;
  readonly fetch?: RecordingFetch;
}

/**
 * Plays the recording at `rawUrl` through `control`, so its timeline spans
 * the whole recording (seek both ways, `t=` opens at a moment). The badge
 * says loading, playing, paused or finished. Returns a function that stops.
 */
export function startReplayTimeline(
  bus: FleetBus,
  control: TimeControl,
  rawUrl: string,
  options: ReplayTimelineOptions = {},
): () => void {
  const target = replayTarget(bus, rawUrl, options.baseUrl);
  if (!target) return () => {};
  const { label } = target;
  const setState = (state: SourceInfo['state'], detail?: string) => {
    const next: SourceInfo = { kind: 'replay', label, state, detail };
    if (!sameSource(bus.source, next)) bus.source = next;
  };
  const lifetime = new AbortController();
  let events = 0;
  const onControl = () => {
    const status = control.status;
    if (status.ended) setState('stopped', `finished · ${events} events`);
    else {
      const rate = options.rate !== undefined && options.rate !== 1 ? `×${options.rate}` : undefined;
      setState('live', rate);
    }
  };

  setState('connecting', 'loading');
  void (async () => {
    const recording = await loadRecording(target.url, options.fetch);
    if (lifetime.signal.aborted) return;
    if ('failed' in recording) {
      setState('stopped', recording.failed);
      return;
    }
    bus.diagnostics.countFrame(undefined, recording.garbage, recording.detail);
    const { batches, duration } = recordingBatches(recording.lines, bus.diagnostics);
    events = batches.reduce((n, b) => n + b.events.length, 0);
    if (events === 0) {
      setState('stopped', 'no events in the recording');
      return;
    }
    control.addEventListener('change', onControl, { signal: lifetime.signal });
    control.playReplay({
      batches,
      origin: REPLAY_ORIGIN_MS,
      duration,
      rate: options.rate,
      loop: options.loop,
      at: options.at,
      initial: initialStores({ embeddingCapacity: bus.state.embeddings.capacity }),
    });
    onControl();
  })();

  return () => {
    if (lifetime.signal.aborted) return;
    lifetime.abort();
    control.detach();
    setState('stopped', 'stopped');
  };
}
