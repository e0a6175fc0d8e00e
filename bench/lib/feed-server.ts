import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocket, WebSocketServer } from 'ws';
import type { Frame } from './stream.js';

/**
 * How the feed sends:
 * - `credit`: as fast as the page takes them. At most `windowEvents` events
 *   are in flight (sent and not yet reported taken by the page), so the
 *   server offers a steady surplus without queuing everything in the browser.
 * - `paced`: a fixed rate, whatever the page does (the soak).
 */
export type FeedMode =
  | { readonly kind: 'credit'; readonly windowEvents: number }
  | { readonly kind: 'paced'; readonly eventsPerSecond: number };

export interface FeedOptions {
  /** The next frame to send (called as often as the mode allows). */
  readonly next: () => Frame;
  readonly mode: FeedMode;
}

/**
 * A local WebSocket server: `/feed` (or any path but `/ack`) streams frames,
 * `/ack` receives the page's running count of events taken (a decimal
 * number per message), which is both the measurement and the credit.
 */
export interface FeedServer {
  /** `ws://127.0.0.1:PORT/feed`, for `?ws=`. */
  readonly feedUrl: string;
  /** `ws://127.0.0.1:PORT/ack`, for the page's reporter. */
  readonly ackUrl: string;
  /** Events sent so far. */
  readonly sent: number;
  /** The page's running count as reported, `[performance.now() ms, count]`, oldest first. */
  readonly acks: readonly (readonly [number, number])[];
  /** The last count reported. */
  readonly taken: number;
  /** Feed connections accepted so far (a reconnecting page shows up here). */
  readonly feedConnections: number;
  /** Resolves once the page reported at least `count` events (rejects after `timeoutMs`). */
  waitForTaken(count: number, timeoutMs: number): Promise<void>;
  /** Stops sending until `resume()`; a paced feed then carries on at its rate, without a catch-up burst. */
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

/** Bytes queued in the server's socket beyond which it waits, whatever the credit. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const PACE_TICK_MS = 10;

export async function startFeedServer(options: FeedOptions): Promise<FeedServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((ok, fail) => {
    wss.once('listening', ok);
    wss.once('error', fail);
  });
  const { port } = wss.address() as AddressInfo;
  const acks: [number, number][] = [];
  let sent = 0;
  let taken = 0;
  let feedConnections = 0;
  let feed: WebSocket | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let pacer: ReturnType<typeof setInterval> | undefined;
  let pausedAt: number | undefined;
  /** Time spent paused, which a paced feed does not make up for. */
  let pausedMs = 0;
  const waiters = new Set<() => void>();

  const send = (socket: WebSocket) => {
    const frame = options.next();
    socket.send(frame.data);
    sent += frame.events;
  };

  const pump = () => {
    retry = undefined;
    const socket = feed;
    if (!socket || socket.readyState !== WebSocket.OPEN || options.mode.kind !== 'credit') return;
    if (pausedAt !== undefined) return;
    const window = options.mode.windowEvents;
    while (sent - taken < window) {
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        retry ??= setTimeout(pump, 2);
        return;
      }
      send(socket);
    }
  };

  const startPacing = (socket: WebSocket, eventsPerSecond: number) => {
    const start = performance.now();
    const sentAtStart = sent;
    const pausedBefore = pausedMs;
    pacer = setInterval(() => {
      if (socket.readyState !== WebSocket.OPEN || pausedAt !== undefined) return;
      const running = performance.now() - start - (pausedMs - pausedBefore);
      const due = sentAtStart + Math.floor((running / 1000) * eventsPerSecond);
      while (sent < due) send(socket);
    }, PACE_TICK_MS);
  };

  wss.on('connection', (socket, request) => {
    if (request.url?.startsWith('/ack')) {
      socket.on('message', (data) => {
        const count = Number(String(data));
        if (!Number.isFinite(count)) return;
        taken = Math.max(taken, count);
        acks.push([performance.now(), taken]);
        for (const wake of waiters) wake();
        pump();
      });
      return;
    }
    feedConnections++;
    feed?.close();
    feed = socket;
    clearInterval(pacer);
    socket.on('error', () => {});
    if (options.mode.kind === 'credit') pump();
    else startPacing(socket, options.mode.eventsPerSecond);
  });

  return {
    feedUrl: `ws://127.0.0.1:${port}/feed`,
    ackUrl: `ws://127.0.0.1:${port}/ack`,
    get sent() {
      return sent;
    },
    get taken() {
      return taken;
    },
    get feedConnections() {
      return feedConnections;
    },
    acks,
    waitForTaken(count, timeoutMs) {
      if (taken >= count) return Promise.resolve();
      return new Promise<void>((ok, fail) => {
        const timer = setTimeout(() => {
          waiters.delete(wake);
          fail(new Error(`the page took ${taken} of ${count} events within ${timeoutMs} ms`));
        }, timeoutMs);
        const wake = () => {
          if (taken < count) return;
          clearTimeout(timer);
          waiters.delete(wake);
          ok();
        };
        waiters.add(wake);
      });
    },
    pause() {
      pausedAt ??= performance.now();
    },
    resume() {
      if (pausedAt === undefined) return;
      pausedMs += performance.now() - pausedAt;
      pausedAt = undefined;
      pump();
    },
    close() {
      clearTimeout(retry);
      clearInterval(pacer);
      for (const client of wss.clients) client.terminate();
      return new Promise<void>((ok) => wss.close(() => ok()));
    },
  };
}
