import { decodeFrame } from '../contract/wire.js';
import type { FleetBus } from './fleet-bus.js';
import type { SourceInfo } from './source-info.js';
import type { SourceTimers } from './ws-source.js';

/** One line of a recording: when it arrived (ms since the recording began) and the candidate event. */
export interface RecordedLine {
  readonly t: number;
  readonly event: unknown;
}

export interface ParsedRecording {
  /** Lines in order; `t` never decreases (a missing or backwards `t` takes the previous one). */
  readonly lines: readonly RecordedLine[];
  /** Lines that could not be parsed. */
  readonly garbage: number;
  readonly detail?: string;
}

/** Recordings are files, not frames: a larger cap than the 1 MiB frame limit. */
export const MAX_RECORDING_BYTES = 64 * 1024 * 1024;
/** Pause between the end of a pass and the start of the next when looping. */
export const LOOP_GAP_MS = 1_000;
/** Lines due within this long are published together, so pacing costs few timers. */
const COALESCE_MS = 16;

/** Reads an NDJSON recording (or a JSON array) into paced lines. Never throws. */
export function parseRecording(text: string): ParsedRecording {
  const frame = decodeFrame(text, { maxBytes: MAX_RECORDING_BYTES });
  const lines: RecordedLine[] = [];
  let t = 0;
  for (const event of frame.candidates) {
    const stamp = event !== null && typeof event === 'object' ? (event as { t?: unknown }).t : undefined;
    if (typeof stamp === 'number' && Number.isFinite(stamp) && stamp > t) t = stamp;
    lines.push({ t, event });
  }
  return {
    lines,
    garbage: frame.garbage,
    detail: frame.detail ?? (frame.dropped && `recording ${frame.dropped}`),
  };
}

/** How a recording is fetched (the page's `fetch` by default; tests pass their own). */
export type RecordingFetch = (
  url: string,
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export interface ReplayOptions {
  /** Speed factor: 2 plays twice as fast (default 1). */
  readonly rate?: number;
  /** Start over after the last line. */
  readonly loop?: boolean;
  /** Base for a relative URL (default: the page's URL). */
  readonly baseUrl?: string;
  readonly fetch?: RecordingFetch;
  /** Clock in ms. */
  readonly now?: () => number;
  readonly timers?: SourceTimers;
}

const defaultTimers: SourceTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Resolves and checks a `?replay=` URL: http(s) only, no credentials. */
export function checkReplayUrl(
  raw: string,
  baseUrl: string,
): { ok: true; url: URL } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(raw.trim(), baseUrl);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: `only http: and https: recordings are loaded, not ${url.protocol}` };
  if (url.username !== '' || url.password !== '')
    return { ok: false, reason: 'credentials in the URL are refused' };
  return { ok: true, url };
}

function fileName(url: URL): string {
  const name = url.pathname.split('/').filter(Boolean).pop() ?? url.host;
  return name.length > 40 ? `${name.slice(0, 39)}…` : name;
}

/**
 * The recording a `?replay=` URL names and the badge label for it; when the
 * URL is refused, the badge says why and there is none. `baseUrl` resolves a
 * relative URL (default: the page's URL).
 */
export function replayTarget(
  bus: FleetBus,
  rawUrl: string,
  baseUrl = globalThis.location?.href ?? 'http://localhost/',
): { url: URL; label: string } | undefined {
  const check = checkReplayUrl(rawUrl, baseUrl);
  if (!check.ok) {
    bus.source = { kind: 'replay', label: 'replay', state: 'stopped', detail: check.reason };
    return undefined;
  }
  return { url: check.url, label: `replay · ${fileName(check.url)}` };
}

/** Fetches and parses the recording at `url`, or says why it could not be loaded. Never throws. */
export async function loadRecording(
  url: URL,
  doFetch: RecordingFetch = (href) => globalThis.fetch(href),
): Promise<ParsedRecording | { failed: string }> {
  try {
    const response = await doFetch(url.href);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return parseRecording(await response.text());
  } catch (error) {
    return { failed: `cannot load: ${error instanceof Error ? error.message.slice(0, 80) : 'failed'}` };
  }
}

/**
 * Replays lines on `bus` at their recorded pace (scaled by `rate`): a timer
 * wakes at the next line's time and publishes every line then due in one
 * batch. Pure of I/O, so tests drive it with a fake clock.
 *
 * Returns a function that stops the replay.
 */
export function playRecording(
  bus: FleetBus,
  lines: readonly RecordedLine[],
  options: {
    readonly rate?: number;
    readonly loop?: boolean;
    readonly now: () => number;
    readonly timers: SourceTimers;
    /** Called on each state change (playing, looping, finished). */
    readonly onState?: (state: SourceInfo['state'], detail?: string) => void;
  },
): () => void {
  const rate =
    options.rate !== undefined && options.rate > 0 && Number.isFinite(options.rate) ? options.rate : 1;
  const { now, timers } = options;
  const last = lines.length > 0 ? lines[lines.length - 1]!.t : 0;
  let passStart = now();
  let pass = 1;
  let next = 0;
  let timer: unknown;
  let stopped = false;

  const playing = () => {
    const parts = [rate === 1 ? undefined : `×${rate}`, options.loop ? `pass ${pass}` : undefined];
    options.onState?.('live', parts.filter(Boolean).join(' · ') || undefined);
  };

  const step = () => {
    timer = undefined;
    if (stopped) return;
    const elapsed = (now() - passStart) * rate;
    const batch: unknown[] = [];
    while (next < lines.length && lines[next]!.t <= elapsed + COALESCE_MS * rate)
      batch.push(lines[next++]!.event);
    if (batch.length > 0) bus.publish(batch);
    if (next >= lines.length) {
      if (!options.loop || lines.length === 0) {
        stopped = true;
        options.onState?.('stopped', `finished · ${lines.length} events`);
        return;
      }
      passStart += (last + LOOP_GAP_MS) / rate;
      next = 0;
      pass++;
      playing();
    }
    const wait = lines[next]!.t / rate - (now() - passStart);
    timer = timers.setTimeout(step, Math.max(0, wait));
  };

  playing();
  step();
  return () => {
    stopped = true;
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
  };
}

/**
 * Feeds `bus` from an NDJSON recording at `url` until the returned function
 * is called: fetches it, counts unreadable lines in the diagnostics, then
 * plays it at its original pace.
 */
export function startReplaySource(bus: FleetBus, rawUrl: string, options: ReplayOptions = {}): () => void {
  const target = replayTarget(bus, rawUrl, options.baseUrl);
  if (!target) return () => {};
  const { label } = target;
  const setState = (state: SourceInfo['state'], detail?: string) => {
    bus.source = { kind: 'replay', label, state, detail };
  };
  const now = options.now ?? (() => Date.now());
  const timers = options.timers ?? defaultTimers;
  let stopped = false;
  let stopPlaying: (() => void) | undefined;

  setState('connecting', 'loading');
  void (async () => {
    const recording = await loadRecording(target.url, options.fetch);
    if (stopped) return;
    if ('failed' in recording) {
      setState('stopped', recording.failed);
      return;
    }
    bus.diagnostics.countFrame(undefined, recording.garbage, recording.detail);
    if (recording.lines.length === 0) {
      setState('stopped', 'no events in the recording');
      return;
    }
    stopPlaying = playRecording(bus, recording.lines, {
      rate: options.rate,
      loop: options.loop,
      now,
      timers,
      onState: (state, detail) => {
        if (!stopped) setState(state, detail);
      },
    });
  })();

  return () => {
    if (stopped) return;
    stopped = true;
    stopPlaying?.();
    setState('stopped', 'stopped');
  };
}
