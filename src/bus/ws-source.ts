import { Backoff, type BackoffPolicy, DEFAULT_BACKOFF } from './backoff.js';
import type { FleetBus } from './fleet-bus.js';
import type { BusTimers } from './frame-stream.js';
import { type SourceInfo, sameSource } from './source-info.js';
import { CSP_REFUSAL, offThreadSockets } from './worker-socket.js';
import { afterLoss, type LinkEvent, type LinkState, nextLinkState } from './ws-link.js';
import { checkWsUrl } from './ws-url.js';

/** What the source needs of a WebSocket (the DOM one, or a fake in tests). */
export interface SocketLike {
  binaryType: string;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onclose: ((event: { readonly code: number; readonly reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  /**
   * The socket will not be made, and why (a socket held by a worker hears of
   * a bad URL or the page's policy only after it was constructed).
   */
  onrefused?: ((reason: string) => void) | null;
  close(code?: number, reason?: string): void;
}

export type SocketConstructor = new (url: string) => SocketLike;

/** Timers as the source uses them, so tests can drive time by hand. */
export type SourceTimers = BusTimers;

/** Whether the page is hidden, and where `visibilitychange` fires. */
export interface VisibilityLike extends EventTarget {
  readonly visibilityState: string;
}

/** Everything the WebSocket source touches outside itself; all injectable. */
export interface WsSourceOptions {
  /** The socket to dial with (default: one held by a worker, else the page's WebSocket; see worker-socket.ts). */
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
  readonly backoff?: BackoffPolicy;
  /** No open within this long (ms) counts as a failed attempt. */
  readonly connectTimeoutMs?: number;
  /** No message for this long (ms) marks the link stale. */
  readonly staleAfterMs?: number;
  /** No message for this long (ms) re-dials: the link is presumed half-open. */
  readonly redialAfterMs?: number;
}

/** DESIGN.md reliability defaults. */
export const CONNECT_TIMEOUT_MS = 5_000;
export const STALE_AFTER_MS = 30_000;
export const REDIAL_AFTER_MS = 60_000;
/** How long the badge says "resynced" after a reconnect that resumed or rebuilt. */
export const RESYNC_SHOWN_MS = 5_000;

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

/** The badge's word for each link state. */
const BADGE_STATE: Readonly<Record<LinkState, SourceInfo['state']>> = {
  connecting: 'connecting',
  live: 'live',
  stale: 'stale',
  waiting: 'retrying',
  paused: 'retrying',
  stopped: 'stopped',
};

/** The URL to dial: the project's bus is told what this deck has seen, so it sends only what was missed. */
function dialUrl(base: string, cursor: { run: string; seq: number } | undefined): string {
  if (!cursor) return base;
  const url = new URL(base);
  url.searchParams.set('run', cursor.run);
  url.searchParams.set('seq', String(cursor.seq));
  return url.href;
}

/**
 * Feeds `bus` from a WebSocket until the returned function is called.
 *
 * The link is a state machine (`ws-link.ts`): one socket at a time, each with
 * fresh handlers that it loses when replaced, so a reconnect never doubles
 * delivery. Retries use full-jitter backoff for ever (unless the server
 * closes with a terminal code), pause while the page is hidden, and restart
 * at once when it shows again or the network comes back; 30 s without a
 * message reads stale, 60 s re-dials. Frames go to one `FrameStream` of the
 * bus for the source's lifetime: it batches, counts, and keeps the cursor a
 * reconnect states (`?run=…&seq=…`), so the project's bus sends only what was
 * missed or a rebuild, never the present on top of what is held.
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
  const Given = options.WebSocket;
  const openOrNone = Given ? (dialled: string) => new Given(dialled) : offThreadSockets();
  if (!openOrNone) {
    bus.source = { kind: 'ws', label: check.host, state: 'stopped', detail: 'no WebSocket in this browser' };
    return () => {};
  }
  const open: (dialled: string) => SocketLike = openOrNone;
  const url = check.url.href;
  const label = check.host;
  const now = options.now ?? (() => Date.now());
  const timers = options.timers ?? defaultTimers;
  const visibility = options.visibility ?? globalThis.document;
  const network = options.network ?? (typeof window === 'undefined' ? undefined : window);
  const connectTimeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;
  const redialAfterMs = options.redialAfterMs ?? REDIAL_AFTER_MS;
  const backoff = new Backoff(options.random ?? Math.random, options.backoff ?? DEFAULT_BACKOFF);
  const listeners = new AbortController();

  let state: LinkState = 'connecting';
  let socket: SocketLike | undefined;
  let lastMessageAt = 0;
  let retryAt = 0;
  let resyncedUntil = -Infinity;
  let connectTimer: unknown;
  let retryTimer: unknown;
  let countdownTimer: unknown;
  let watchTimer: unknown;
  let resyncTimer: unknown;

  const clear = (handle: unknown) => {
    if (handle !== undefined) timers.clearTimeout(handle);
  };
  const hidden = () => visibility?.visibilityState === 'hidden';

  const setBadge = (detail?: string) => {
    const next: SourceInfo = { kind: 'ws', label, state: BADGE_STATE[state], detail };
    if (!sameSource(bus.source, next)) bus.source = next;
  };
  const liveDetail = () => (now() < resyncedUntil ? 'resynced' : undefined);

  const stream = bus.openStream({
    onResync: () => {
      resyncedUntil = now() + RESYNC_SHOWN_MS;
      clear(resyncTimer);
      resyncTimer = timers.setTimeout(() => {
        resyncTimer = undefined;
        if (state === 'live') setBadge(liveDetail());
      }, RESYNC_SHOWN_MS);
      if (state === 'live') setBadge(liveDetail());
    },
  });

  const detach = (s: SocketLike) => {
    s.onopen = null;
    s.onmessage = null;
    s.onclose = null;
    s.onerror = null;
    s.onrefused = null;
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

  /** Arms the one silence timer: stale after `staleAfterMs` while live, re-dial after `redialAfterMs`. */
  const watch = () => {
    clear(watchTimer);
    const limit = state === 'live' ? staleAfterMs : redialAfterMs;
    watchTimer = timers.setTimeout(
      () => {
        watchTimer = undefined;
        if (state !== 'live' && state !== 'stale') return;
        // Messages do not re-arm the timer (that would cost a timer per frame); check here instead.
        if (now() - lastMessageAt >= limit) fire(state === 'live' ? 'quiet' : 'silent');
        else watch();
      },
      Math.max(0, lastMessageAt + limit - now()),
    );
  };

  const showCountdown = () => {
    countdownTimer = undefined;
    if (state !== 'waiting') return;
    const left = Math.max(0, retryAt - now());
    setBadge(`in ${Math.ceil(left / 1000)} s`);
    // Tick on the second boundary so the shown number counts down evenly.
    if (left > 0) countdownTimer = timers.setTimeout(showCountdown, left % 1000 || 1000);
  };

  const dial = (why?: string) => {
    dropSocket();
    // Apply what the last socket delivered, so the cursor stated below is exact.
    stream.drain();
    setBadge(why ?? (backoff.attempts > 0 ? `attempt ${backoff.attempts + 1}` : undefined));
    let s: SocketLike;
    try {
      s = open(dialUrl(url, stream.cursor));
    } catch (error) {
      fire('refused', error instanceof Error ? error.message.slice(0, 120) : 'cannot open the socket');
      return;
    }
    socket = s;
    s.binaryType = 'arraybuffer';
    connectTimer = timers.setTimeout(() => {
      connectTimer = undefined;
      if (socket === s) fire('timedOut');
    }, connectTimeoutMs);
    s.onopen = () => {
      if (socket === s) fire('opened');
    };
    s.onrefused = (reason) => {
      if (socket === s) fire('refused', reason);
    };
    s.onmessage = (event) => {
      if (socket !== s) return;
      lastMessageAt = now();
      if (state === 'stale') fire('message');
      stream.push(event.data);
    };
    s.onclose = (event) => {
      if (socket !== s) return;
      if (isTerminalCloseCode(event.code)) fire('refused', describeClose(event.code, event.reason));
      else fire('dropped');
    };
    // An error is always followed by a close; the close decides what happens next.
    s.onerror = () => {};
  };

  /** Leaves `from` for `to`: releases what `from` held. */
  const exit = (from: LinkState, to: LinkState) => {
    if (from === 'connecting') {
      clear(connectTimer);
      connectTimer = undefined;
    }
    if ((from === 'live' || from === 'stale') && to !== 'live' && to !== 'stale') {
      clear(watchTimer);
      watchTimer = undefined;
      backoff.disconnected(now());
    }
    if (from === 'waiting') {
      clear(retryTimer);
      clear(countdownTimer);
      retryTimer = undefined;
      countdownTimer = undefined;
    }
  };

  /** Enters `to` (reached from `from` by `event`): starts what `to` needs. */
  const enter = (from: LinkState, to: LinkState, event: LinkEvent, detail?: string) => {
    switch (to) {
      case 'connecting':
        dial(
          event === 'silent'
            ? `no message for ${Math.round(redialAfterMs / 1000)} s: re-dialling`
            : undefined,
        );
        return;
      case 'live':
        if (from === 'connecting') {
          lastMessageAt = now();
          backoff.connected(lastMessageAt);
          watch();
        }
        if (from !== 'live') {
          if (from === 'stale') watch();
          setBadge(liveDetail());
        }
        return;
      case 'stale':
        setBadge(`no message for ${Math.round(staleAfterMs / 1000)} s`);
        watch();
        return;
      case 'waiting': {
        dropSocket();
        const delay = backoff.next();
        retryAt = now() + delay;
        retryTimer = timers.setTimeout(() => {
          retryTimer = undefined;
          fire('retryDue');
        }, delay);
        showCountdown();
        return;
      }
      case 'paused':
        dropSocket();
        setBadge('paused while the tab is hidden');
        return;
      case 'stopped':
        clear(resyncTimer);
        resyncTimer = undefined;
        if (event === 'stop') {
          dropSocket(1000);
          stream.close();
        } else dropSocket();
        setBadge(detail ?? 'stopped');
        return;
    }
  };

  /** Feeds `event` to the state machine; events the current state has no transition for are ignored. */
  function fire(event: LinkEvent, detail?: string): void {
    const to = nextLinkState(state, event);
    if (to === undefined) return;
    const next = event === 'dropped' || event === 'timedOut' ? afterLoss(to, hidden()) : to;
    const from = state;
    exit(from, next);
    state = next;
    enter(from, next, event, detail);
  }

  visibility?.addEventListener('visibilitychange', () => fire(hidden() ? 'hidden' : 'resumed'), {
    signal: listeners.signal,
  });
  network?.addEventListener(
    'online',
    () => {
      if (!hidden()) fire('resumed');
    },
    { signal: listeners.signal },
  );
  // A Content-Security-Policy that refuses the URL neither throws nor closes the socket in
  // Chromium; the page only hears of it here. Retrying cannot help, so say why and stop.
  visibility?.addEventListener(
    'securitypolicyviolation',
    (event) => {
      const v = event as Event & { blockedURI?: string; effectiveDirective?: string; disposition?: string };
      if (v.disposition === 'report' || v.effectiveDirective !== 'connect-src') return;
      if (!v.blockedURI || !url.startsWith(v.blockedURI)) return;
      fire('refused', CSP_REFUSAL);
    },
    { signal: listeners.signal },
  );

  dial();

  return () => {
    if (listeners.signal.aborted) return;
    listeners.abort();
    const wasStopped = state === 'stopped';
    fire('stop');
    if (wasStopped) stream.close();
  };
}
