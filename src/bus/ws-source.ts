import { DEFAULT_MAX_FRAME_BYTES, decodeFrame } from '../contract/wire.js';
import { Backoff, type BackoffPolicy, DEFAULT_BACKOFF } from './backoff.js';
import type { FleetBus } from './fleet-bus.js';
import type { SourceInfo } from './source-info.js';
import { checkWsUrl } from './ws-url.js';

/** What the source needs of a WebSocket (the DOM one, or a fake in tests). */
export interface SocketLike {
  binaryType: string;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onclose: ((event: { readonly code: number; readonly reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(code?: number, reason?: string): void;
}

export type SocketConstructor = new (url: string) => SocketLike;

/** Timers as the source uses them, so tests can drive time by hand. */
export interface SourceTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Whether the page is hidden, and where `visibilitychange` fires. */
export interface VisibilityLike extends EventTarget {
  readonly visibilityState: string;
}

/** Everything the WebSocket source touches outside itself; all injectable. */
export interface WsSourceOptions {
  readonly WebSocket?: SocketConstructor;
  /** Wall clock in ms (uptime, staleness). */
  readonly now?: () => number;
  readonly timers?: SourceTimers;
  /** Uniform in [0, 1): the backoff's jitter. */
  readonly random?: () => number;
  /**
   * `document`: retries pause while hidden and resume at once when visible; a
   * `securitypolicyviolation` for the URL stops the source with the reason.
   */
  readonly visibility?: VisibilityLike;
  /** `window`: an `online` event retries at once. */
  readonly network?: EventTarget;
  /** `location.protocol` of the page (an https page refuses plain ws: beyond loopback). */
  readonly pageProtocol?: string;
  readonly maxFrameBytes?: number;
  readonly backoff?: BackoffPolicy;
  /** No open within this long (ms) counts as a failed attempt. */
  readonly connectTimeoutMs?: number;
  /** No message for this long (ms) marks the link stale. */
  readonly staleAfterMs?: number;
}

/** DESIGN.md reliability defaults. */
export const CONNECT_TIMEOUT_MS = 5_000;
export const STALE_AFTER_MS = 30_000;

/** Frames decoded per batch before yielding, so a flood cannot freeze the page. */
const BATCH_MAX_FRAMES = 500;
const BATCH_MAX_CHARS = 4 * 1024 * 1024;
/**
 * Time (ms) a flush may spend before it yields. The caps above bound a flush
 * of small frames; with big frames (hundreds of events each) a flush within
 * them still took 50–150 ms, during which no animation frame or key press can
 * run. Candidates are published in chunks so the budget is checked between.
 */
const BATCH_BUDGET_MS = 8;
const PUBLISH_CHUNK = 1000;

const CLOSE_NAMES: Readonly<Record<number, string>> = {
  1008: 'policy violation',
  1009: 'message too big',
};

/** Close codes after which retrying would only repeat the refusal. */
export function isTerminalCloseCode(code: number): boolean {
  return code === 1008 || code === 1009 || (code >= 4500 && code <= 4999);
}

function describeClose(code: number, reason: string): string {
  const name = CLOSE_NAMES[code] ?? 'refused by the server';
  const why = reason.trim().slice(0, 80);
  return `closed by the server: ${code} ${name}${why ? ` (${why})` : ''}`;
}

const defaultTimers: SourceTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Feeds `bus` from a WebSocket until the returned function is called.
 *
 * One socket at a time; each gets fresh handlers and loses them when it is
 * replaced, so a reconnect never doubles delivery. Retries use full-jitter
 * backoff for ever (unless the server closes with a terminal code), pause
 * while the page is hidden, and restart at once when it shows again or the
 * network comes back. Frames are queued and decoded in batches, and the bus
 * notifies scenes once per animation frame whatever the message rate.
 */
export function startWebSocketSource(
  bus: FleetBus,
  rawUrl: string,
  options: WsSourceOptions = {},
): () => void {
  const pageProtocol = options.pageProtocol ?? globalThis.location?.protocol ?? 'http:';
  const check = checkWsUrl(rawUrl, pageProtocol);
  if (!check.ok) {
    bus.source = { kind: 'ws', label: check.host ?? 'WebSocket', state: 'stopped', detail: check.reason };
    return () => {};
  }
  const SocketOrNone =
    options.WebSocket ?? (globalThis.WebSocket as unknown as SocketConstructor | undefined);
  if (!SocketOrNone) {
    bus.source = { kind: 'ws', label: check.host, state: 'stopped', detail: 'no WebSocket in this browser' };
    return () => {};
  }
  const Socket: SocketConstructor = SocketOrNone;
  const url = check.url.href;
  const label = check.host;
  const now = options.now ?? (() => Date.now());
  const timers = options.timers ?? defaultTimers;
  const visibility = options.visibility ?? globalThis.document;
  const network = options.network ?? (typeof window === 'undefined' ? undefined : window);
  const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  const connectTimeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;
  const backoff = new Backoff(options.random ?? Math.random, options.backoff ?? DEFAULT_BACKOFF);

  let socket: SocketLike | undefined;
  let stopped = false;
  let open = false;
  /** Waiting to retry (timer running or paused while hidden). */
  let waiting = false;
  let retryAt = 0;
  let lastMessageAt = 0;
  let stale = false;
  let connectTimer: unknown;
  let retryTimer: unknown;
  let countdownTimer: unknown;
  let staleTimer: unknown;
  let flushTimer: unknown;
  let queue: unknown[] = [];
  const listeners = new AbortController();

  const setState = (state: SourceInfo['state'], detail?: string) => {
    const current = bus.source;
    if (
      current.kind === 'ws' &&
      current.state === state &&
      current.detail === detail &&
      current.label === label
    )
      return;
    bus.source = { kind: 'ws', label, state, detail };
  };

  const clear = (handle: unknown) => {
    if (handle !== undefined) timers.clearTimeout(handle);
  };

  const hidden = () => visibility?.visibilityState === 'hidden';

  const flush = () => {
    flushTimer = undefined;
    const started = now();
    let batch: unknown[] = [];
    let taken = 0;
    let chars = 0;
    // A hidden tab's chained timers are throttled to about one a second: there, yielding
    // would let a backlog grow, and nobody is waiting for a frame, so take everything.
    const unbounded = hidden();
    while (taken < queue.length && (unbounded || (taken < BATCH_MAX_FRAMES && chars < BATCH_MAX_CHARS))) {
      const data = queue[taken++];
      if (typeof data === 'string') chars += data.length;
      const frame = decodeFrame(data, { maxBytes: maxFrameBytes });
      bus.diagnostics.countFrame(frame.dropped, frame.garbage, frame.detail);
      for (const candidate of frame.candidates) batch.push(candidate);
      if (!unbounded && batch.length >= PUBLISH_CHUNK) {
        bus.publish(batch);
        batch = [];
        if (now() - started >= BATCH_BUDGET_MS) break;
      }
    }
    queue = taken === queue.length ? [] : queue.slice(taken);
    if (batch.length > 0) bus.publish(batch);
    if (queue.length > 0) flushTimer = timers.setTimeout(flush, 0);
  };

  const watchStale = () => {
    const due = lastMessageAt + staleAfterMs - now();
    staleTimer = timers.setTimeout(
      () => {
        staleTimer = undefined;
        if (!open) return;
        if (now() - lastMessageAt >= staleAfterMs) {
          stale = true;
          setState('stale', `no message for ${Math.round(staleAfterMs / 1000)} s`);
        } else watchStale();
      },
      Math.max(0, due),
    );
  };

  const detach = (s: SocketLike) => {
    s.onopen = null;
    s.onmessage = null;
    s.onclose = null;
    s.onerror = null;
  };

  const dropSocket = (code?: number) => {
    const s = socket;
    socket = undefined;
    if (!s) return;
    detach(s);
    try {
      s.close(code);
    } catch {
      // Closing a socket that never opened may throw in some browsers; it is gone either way.
    }
  };

  const clearLinkTimers = () => {
    clear(connectTimer);
    clear(staleTimer);
    connectTimer = undefined;
    staleTimer = undefined;
  };

  const showCountdown = () => {
    countdownTimer = undefined;
    if (!waiting || stopped) return;
    if (hidden()) {
      setState('retrying', 'paused while the tab is hidden');
      return;
    }
    const left = Math.max(0, retryAt - now());
    setState('retrying', `in ${Math.ceil(left / 1000)} s`);
    // Tick on the second boundary so the shown number counts down evenly.
    if (left > 0) countdownTimer = timers.setTimeout(showCountdown, left % 1000 || 1000);
  };

  const scheduleRetry = () => {
    if (stopped) return;
    waiting = true;
    const delay = backoff.next();
    retryAt = now() + delay;
    retryTimer = timers.setTimeout(() => {
      retryTimer = undefined;
      if (hidden()) {
        // Hidden tabs do not retry; `visibilitychange` resumes at once.
        setState('retrying', 'paused while the tab is hidden');
        return;
      }
      connect();
    }, delay);
    clear(countdownTimer);
    showCountdown();
  };

  /** The current socket is gone (closed, failed or timed out). */
  const lost = (code?: number, reason = '') => {
    const wasOpen = open;
    open = false;
    clearLinkTimers();
    dropSocket();
    if (wasOpen) backoff.disconnected(now());
    if (code !== undefined && isTerminalCloseCode(code)) {
      stopped = true;
      setState('stopped', describeClose(code, reason));
      return;
    }
    scheduleRetry();
  };

  function connect(): void {
    if (stopped) return;
    waiting = false;
    clear(retryTimer);
    clear(countdownTimer);
    retryTimer = undefined;
    countdownTimer = undefined;
    dropSocket();
    setState('connecting', backoff.attempts > 0 ? `attempt ${backoff.attempts + 1}` : undefined);
    let s: SocketLike;
    try {
      s = new Socket(url);
    } catch (error) {
      stopped = true;
      setState('stopped', error instanceof Error ? error.message.slice(0, 120) : 'cannot open the socket');
      return;
    }
    socket = s;
    s.binaryType = 'arraybuffer';
    connectTimer = timers.setTimeout(() => {
      connectTimer = undefined;
      if (socket === s && !open) lost();
    }, connectTimeoutMs);
    s.onopen = () => {
      if (socket !== s) return;
      clear(connectTimer);
      connectTimer = undefined;
      open = true;
      stale = false;
      lastMessageAt = now();
      backoff.connected(lastMessageAt);
      setState('live');
      watchStale();
    };
    s.onmessage = (event) => {
      if (socket !== s) return;
      lastMessageAt = now();
      if (stale) {
        stale = false;
        setState('live');
      }
      if (staleTimer === undefined) watchStale();
      queue.push(event.data);
      flushTimer ??= timers.setTimeout(flush, 0);
    };
    s.onclose = (event) => {
      if (socket === s) lost(event.code, event.reason);
    };
    // An error is always followed by a close; the close decides what happens next.
    s.onerror = () => {};
  }

  const retryNow = () => {
    if (!stopped && waiting && !hidden()) connect();
  };
  visibility?.addEventListener(
    'visibilitychange',
    () => {
      if (hidden()) return;
      retryNow();
    },
    { signal: listeners.signal },
  );
  network?.addEventListener('online', retryNow, { signal: listeners.signal });
  // A Content-Security-Policy that refuses the URL neither throws nor closes the socket in
  // Chromium; the page only hears of it here. Retrying cannot help, so say why and stop.
  visibility?.addEventListener(
    'securitypolicyviolation',
    (event) => {
      const v = event as Event & { blockedURI?: string; effectiveDirective?: string; disposition?: string };
      if (stopped || v.disposition === 'report' || v.effectiveDirective !== 'connect-src') return;
      if (!v.blockedURI || !url.startsWith(v.blockedURI)) return;
      stopped = true;
      waiting = false;
      open = false;
      clearLinkTimers();
      clear(retryTimer);
      clear(countdownTimer);
      dropSocket();
      setState('stopped', "refused by this page's Content-Security-Policy: use wss: or a loopback host");
    },
    { signal: listeners.signal },
  );

  connect();

  return () => {
    if (listeners.signal.aborted) return;
    const wasStopped = stopped;
    stopped = true;
    waiting = false;
    open = false;
    listeners.abort();
    clearLinkTimers();
    clear(retryTimer);
    clear(countdownTimer);
    clear(flushTimer);
    queue = [];
    dropSocket(1000);
    if (!wasStopped) setState('stopped', 'stopped');
  };
}
