import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { isLoopbackHost } from '../src/bus/ws-url.js';
import type { FleetEvent } from '../src/contract/schemas.js';
import { type Rejection, validateEvent } from '../src/contract/validate.js';
import { DEFAULT_MAX_FRAME_BYTES, decodeFrame } from '../src/contract/wire.js';
import { type FleetSimOptions, FleetSimulator } from '../src/sim/fleet-sim.js';
import { type CacheBounds, StickyCache } from './sticky-cache.js';

export interface BusServerOptions {
  /** Interface to bind (default 127.0.0.1). Anything but loopback needs `token`. */
  readonly host?: string;
  /** Port (default 8787; 0 picks a free one). */
  readonly port?: number;
  /** Shared secret for `/publish` and `/ws`; required beyond loopback. */
  readonly token?: string;
  /** Largest `/publish` body (default 1 MiB, the frame cap). */
  readonly maxBodyBytes?: number;
  /** Frames sent to viewers are cut at about this size (default 256 KiB, well under the deck's 1 MiB cap). */
  readonly maxFrameBytes?: number;
  /** A viewer whose unsent backlog passes this is cut off (it reconnects and gets the cache). */
  readonly maxViewerBacklogBytes?: number;
  readonly cache?: Partial<CacheBounds>;
  /** Run the built-in simulator and publish its events (one fleet for every viewer). */
  readonly sim?: FleetSimOptions | false;
  /** Clock in ms (cache ages, simulator). */
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

/** One problem in a refused `/publish` body. */
export interface PublishProblem extends Partial<Rejection> {
  /** Position of the event in the body (0-based), when it concerns one event. */
  readonly index?: number;
  readonly field: string;
  readonly expected: string;
  readonly got: string;
}

export interface BusServer {
  readonly host: string;
  readonly port: number;
  /** http://host:port */
  readonly url: string;
  /** ws://host:port/ws */
  readonly wsUrl: string;
  readonly cache: StickyCache;
  /** Viewers connected now. */
  readonly viewers: number;
  /** Events accepted since start. */
  readonly published: number;
  /** Validates and fans out events as `/publish` does; returns the viewers reached, or the problems. */
  publish(body: string): { delivered: number } | { problems: PublishProblem[] };
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
const VIEWER_FRAME_BYTES = 256 * 1024;
const VIEWER_BACKLOG_BYTES = 64 * 1024 * 1024;
/** Problems listed in a 400 answer; the rest are counted. */
const MAX_PROBLEMS = 50;
const SIM_TICK_MS = 100;
/**
 * Events are held this long before going out, so a burst of small POSTs
 * becomes a few frames per viewer (the deck draws once per animation frame
 * anyway); a full frame goes at once.
 */
const FLUSH_MS = 4;
const PING_MS = 30_000;
const JSON_TYPES = /^application\/(?:json|x-ndjson|[\w.+-]+\+json)\s*(?:;|$)/i;

function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const header = req.headers['x-bus-token'];
  if (typeof header === 'string') return header;
  return url.searchParams.get('token') ?? undefined;
}

function hostnameOf(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  // "[::1]:8787" or "127.0.0.1:8787" or "localhost"
  const m = /^(\[[^\]]*\]|[^:]*)/.exec(hostHeader);
  return m ? m[1]! : hostHeader;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(text);
}

/**
 * Cuts serialized events into JSON-array frames of at most about `maxBytes`
 * (one event alone may be larger, up to the body cap it came in under).
 */
export function packFrames(serialized: readonly string[], maxBytes: number): string[] {
  const frames: string[] = [];
  let part: string[] = [];
  let bytes = 2;
  for (const item of serialized) {
    const size = Buffer.byteLength(item) + 1;
    if (part.length > 0 && bytes + size > maxBytes) {
      frames.push(`[${part.join(',')}]`);
      part = [];
      bytes = 2;
    }
    part.push(item);
    bytes += size;
  }
  if (part.length === 1) frames.push(part[0]!);
  else if (part.length > 1) frames.push(`[${part.join(',')}]`);
  return frames;
}

/**
 * The local bus: producers `POST /publish` JSON events (one, an array, or
 * NDJSON; Python's `NaN` reads as absent), the body is validated with the
 * deck's own contract code, and what passes fans out to every viewer on
 * `/ws`. A sticky cache of the present is replayed to each viewer as it
 * connects. Events published within a few milliseconds go out together, a
 * few frames per viewer instead of one per request.
 */
export async function createBusServer(options: BusServerOptions = {}): Promise<BusServer> {
  const host = options.host ?? DEFAULT_HOST;
  const loopback = isLoopbackHost(host);
  const token = options.token && options.token.length > 0 ? options.token : undefined;
  if (!loopback && !token)
    throw new Error(`binding ${host} (beyond loopback) needs a token: set BUS_TOKEN to a long random string`);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_FRAME_BYTES;
  const maxFrameBytes = options.maxFrameBytes ?? VIEWER_FRAME_BYTES;
  const maxBacklog = options.maxViewerBacklogBytes ?? VIEWER_BACKLOG_BYTES;
  const now = options.now ?? (() => Date.now());
  const log = options.log ?? (() => {});
  const cache = new StickyCache(options.cache);
  const viewers = new Set<WebSocket>();
  const alive = new WeakSet<WebSocket>();
  let pending: string[] = [];
  let pendingBytes = 0;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let published = 0;

  const send = (viewer: WebSocket, frames: readonly Buffer[]) => {
    if (viewer.readyState !== viewer.OPEN) return;
    if (viewer.bufferedAmount > maxBacklog) {
      log(`viewer cut off: ${viewer.bufferedAmount} bytes unsent`);
      viewer.close(1013, 'too far behind; reconnect');
      return;
    }
    for (const frame of frames) viewer.send(frame, { binary: false });
  };

  const flush = () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = undefined;
    if (pending.length === 0) return;
    // Encode each frame once, send the same bytes to every viewer.
    const frames = packFrames(pending, maxFrameBytes).map((f) => Buffer.from(f));
    pending = [];
    pendingBytes = 0;
    for (const viewer of viewers) send(viewer, frames);
  };

  const fanOut = (serialized: readonly string[]): number => {
    for (const s of serialized) {
      pending.push(s);
      pendingBytes += s.length;
    }
    if (pendingBytes >= maxFrameBytes) {
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = undefined;
      flush();
    } else flushTimer ??= setTimeout(flush, FLUSH_MS);
    let open = 0;
    for (const viewer of viewers) if (viewer.readyState === viewer.OPEN) open++;
    return open;
  };

  /** Decodes, validates, caches and fans out a body; nothing is sent unless all of it is valid. */
  const publish = (body: string): { delivered: number } | { problems: PublishProblem[] } => {
    const frame = decodeFrame(body, { maxBytes: maxBodyBytes });
    if (frame.dropped || frame.garbage > 0) {
      return {
        problems: [
          {
            field: '(body)',
            expected: 'one JSON event object, a JSON array of events, or NDJSON',
            got: frame.dropped === 'empty' ? 'an empty body' : (frame.detail ?? 'unreadable JSON'),
          },
        ],
      };
    }
    const accepted: FleetEvent[] = [];
    const serialized: string[] = [];
    const problems: PublishProblem[] = [];
    let more = 0;
    frame.candidates.forEach((candidate, index) => {
      const result = validateEvent(candidate);
      if (result.kind === 'accepted') {
        accepted.push(result.event);
        serialized.push(JSON.stringify(result.event));
      } else if (result.kind === 'unknown_type') {
        // Forward compatibility: a newer deck may know it; this one counts it as unknown.
        serialized.push(JSON.stringify(candidate));
      } else if (problems.length < MAX_PROBLEMS) problems.push({ index, ...result.rejection });
      else more++;
    });
    if (more > 0) problems.push({ field: '(body)', expected: 'valid events', got: `${more} more invalid` });
    if (problems.length > 0) return { problems };
    cache.add(accepted, now());
    published += accepted.length;
    return { delivered: serialized.length > 0 ? fanOut(serialized) : 0 };
  };

  const readBody = (req: IncomingMessage): Promise<string | undefined> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes) {
          resolve(undefined);
          req.removeAllListeners('data');
          req.resume();
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const hostAllowed = (req: IncomingMessage): boolean =>
    // DNS rebinding: a loopback bus answers only to loopback names.
    !loopback || isLoopbackHost(hostnameOf(req.headers.host));

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://bus.invalid');
    if (!hostAllowed(req)) {
      sendJson(res, 421, { error: 'this bus answers only to loopback host names' });
      return;
    }
    if (url.pathname === '/' || url.pathname === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJson(res, 405, { error: 'GET only' }, { allow: 'GET, HEAD' });
        return;
      }
      sendJson(res, 200, {
        ok: true,
        viewers: viewers.size,
        published,
        cached: cache.sizes(),
        publish: 'POST /publish (application/json: one event, an array, or NDJSON)',
        viewers_url: '/ws',
      });
      return;
    }
    if (url.pathname !== '/publish') {
      sendJson(res, 404, { error: 'not found: POST /publish, or a WebSocket on /ws' });
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'POST only' }, { allow: 'POST' });
      return;
    }
    if (token && !sameSecret(tokenOf(req, url), token)) {
      sendJson(res, 401, { error: 'missing or wrong token (Authorization: Bearer …)' });
      return;
    }
    // Requiring a JSON type keeps other web pages from posting here: a browser preflights it, and this bus answers no preflight.
    if (!JSON_TYPES.test(req.headers['content-type'] ?? '')) {
      sendJson(res, 415, { error: 'send Content-Type: application/json' });
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      sendJson(res, 413, { error: `body over ${maxBodyBytes} bytes` }, { connection: 'close' });
      req.resume();
      return;
    }
    const body = await readBody(req);
    if (body === undefined) {
      sendJson(res, 413, { error: `body over ${maxBodyBytes} bytes` }, { connection: 'close' });
      return;
    }
    const result = publish(body);
    if ('problems' in result) sendJson(res, 400, { delivered: 0, errors: result.problems });
    else sendJson(res, 200, result);
  };

  const server: Server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      log(`request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });

  // Viewers only listen; anything they send is small and ignored.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });

  const refuse = (socket: Duplex, status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://bus.invalid');
    if (url.pathname !== '/ws') return refuse(socket, 404, 'Not Found');
    if (!hostAllowed(req)) return refuse(socket, 421, 'Misdirected Request');
    if (token && !sameSecret(tokenOf(req, url), token)) return refuse(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Events already queued are in the cache: send them to the others first, so no viewer gets one twice.
      flush();
      viewers.add(ws);
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      ws.on('close', () => viewers.delete(ws));
      ws.on('error', () => viewers.delete(ws));
      const present = cache.replay(now()).map((event) => JSON.stringify(event));
      send(
        ws,
        packFrames(present, maxFrameBytes).map((f) => Buffer.from(f)),
      );
      log(`viewer joined (${viewers.size}); sent ${present.length} cached events`);
    });
  });

  // Viewers that vanished without a close (sleeping laptops) are dropped.
  const pinger = setInterval(() => {
    for (const ws of viewers) {
      if (!alive.has(ws)) {
        ws.terminate();
        viewers.delete(ws);
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, PING_MS);
  pinger.unref();

  let simTimer: ReturnType<typeof setInterval> | undefined;
  if (options.sim) {
    const sim = new FleetSimulator(options.sim);
    const tick = () => {
      const events = sim.tick(now());
      if (events.length > 0) publish(JSON.stringify(events));
    };
    tick();
    simTimer = setInterval(tick, SIM_TICK_MS);
    log(`simulator running: seed ${sim.seed}, ${sim.hostCount} hosts, ×${sim.rate}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    host,
    port,
    url: `http://${shownHost}:${port}`,
    wsUrl: `ws://${shownHost}:${port}/ws`,
    cache,
    get viewers() {
      return viewers.size;
    },
    get published() {
      return published;
    },
    publish,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(pinger);
        if (simTimer) clearInterval(simTimer);
        flush();
        for (const ws of viewers) ws.close(1001, 'bus shutting down');
        viewers.clear();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
        // Sockets that do not finish their close handshake promptly are cut.
        setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
        }, 500).unref();
      }),
  };
}
