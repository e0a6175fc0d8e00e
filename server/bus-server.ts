import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { isLoopbackHost } from '../src/bus/ws-url.js';
import {
  type BusCursor,
  encodeEventsFrame,
  encodeRebuild,
  encodeResume,
  HEARTBEAT_FRAME,
  type RebuildReason,
  readCursor,
} from '../src/contract/bus-protocol.js';
import type { FleetEvent } from '../src/contract/schemas.js';
import { type Rejection, validateEvent } from '../src/contract/validate.js';
import { DEFAULT_MAX_FRAME_BYTES, decodeFrame } from '../src/contract/wire.js';
import { type FleetSimOptions, FleetSimulator } from '../src/sim/fleet-sim.js';
import { JSON_TYPES, sameSecret, sendJson, tokenOf } from './http-shared.js';
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
  /**
   * A viewer whose unsent backlog passes this is cut off (terminated; it
   * reconnects and resumes or rebuilds). Default 32 MiB: room for the whole
   * replay (the cache's 16 MiB) and the resume ring on top.
   */
  readonly maxViewerBacklogBytes?: number;
  /**
   * All viewers' unsent bytes together (default 256 MiB), each shared replay
   * counted once; past it the viewer furthest behind is cut.
   */
  readonly maxTotalBacklogBytes?: number;
  /** Viewers at once (default 1,000); one more is answered 503. */
  readonly maxViewers?: number;
  /**
   * Open HTTP connections that are not viewers (default 512). At the cap the
   * connection idle longest is closed to admit the new one, so idle sockets
   * cannot take every file descriptor and `/healthz` keeps answering.
   */
  readonly maxConnections?: number;
  /** Origins (`https://deck.example`) allowed on `/ws` besides loopback ones; `BUS_ORIGINS`. */
  readonly origins?: readonly string[];
  /** Time to receive a request's headers (default 10 s). */
  readonly headersTimeoutMs?: number;
  /** Time to receive a whole request (default 30 s). */
  readonly requestTimeoutMs?: number;
  /** An empty frame to every viewer this often (default 10 s), so a quiet bus does not read as dead. */
  readonly heartbeatMs?: number;
  /** Recent numbered events kept to resume viewers that reconnect (default 50,000 and 8 MiB). */
  readonly resume?: { readonly events?: number; readonly bytes?: number };
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
  /** This run of the bus: viewers state it with the last sequence they saw. */
  readonly run: string;
  /** The number of the last event broadcast. */
  readonly seq: number;
  /** Viewers connected now. */
  readonly viewers: number;
  /** Open HTTP connections that are not viewers. */
  readonly connections: number;
  /** Events accepted since start. */
  readonly published: number;
  /** Validates and fans out events as `/publish` does; returns the viewers reached, or the problems. */
  publish(body: string): { delivered: number } | { problems: PublishProblem[] };
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
const VIEWER_FRAME_BYTES = 256 * 1024;
const MIB = 1024 * 1024;
export const BUS_LIMITS = {
  viewerBacklogBytes: 32 * MIB,
  totalBacklogBytes: 256 * MIB,
  maxViewers: 1_000,
  maxConnections: 512,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  heartbeatMs: 10_000,
  resumeEvents: 50_000,
  resumeBytes: 8 * MIB,
} as const;
/** Nesting allowed in an event of a type this bus does not know (it forwards those as they are). */
const MAX_UNKNOWN_DEPTH = 64;
/** Problems listed in a 400 answer; the rest are counted. */
const MAX_PROBLEMS = 50;
const SIM_TICK_MS = 100;
/**
 * Events are held this long before going out, so a burst of small POSTs
 * becomes a few frames per viewer (the deck draws once per animation frame
 * anyway); a full frame goes at once.
 */
const FLUSH_MS = 4;
/** Longest hold before a flush, reached at 200 viewers or more. */
const FLUSH_MAX_MS = 25;

/**
 * The hold before a flush: FLUSH_MS, growing with the viewers. Each flush is
 * one write per viewer; with hundreds of them, fewer and larger frames keep
 * the bus's writes per second bounded for a few milliseconds of latency.
 */
export function flushDelay(viewers: number): number {
  return Math.min(FLUSH_MAX_MS, FLUSH_MS + Math.floor(viewers / 10));
}

const PING_MS = 30_000;
/** A refused viewer that does not finish the close handshake is cut after this. */
const REFUSAL_GRACE_MS = 1_000;

function hostnameOf(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  // "[::1]:8787" or "127.0.0.1:8787" or "localhost"
  const m = /^(\[[^\]]*\]|[^:]*)/.exec(hostHeader);
  return m ? m[1]! : hostHeader;
}

/** The request's URL, or undefined when the URL parser rejects it (`//`, say): the caller answers 400. */
function parseRequestUrl(raw: string | undefined): URL | undefined {
  try {
    return new URL(raw ?? '/', 'http://bus.invalid');
  } catch {
    return undefined;
  }
}

/** True when `value` nests deeper than `limit` (walked without recursion, so any depth is safe). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v))
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

/** The loopback origins and the listed ones may open `/ws`; clients that send no Origin (not browsers) may too. */
function originAllowed(origin: string | undefined, listed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  if (listed.has(origin)) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
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

/** A numbered frame as the bus keeps it in its resume ring: sent as is to every viewer. */
interface NumberedFrame {
  readonly first: number;
  readonly last: number;
  readonly data: Buffer;
}

/** Cuts serialized events numbered from `seq` into numbered frames of about `maxBytes`. */
function packNumbered(
  run: string,
  seq: number,
  serialized: readonly string[],
  maxBytes: number,
): NumberedFrame[] {
  const frames: NumberedFrame[] = [];
  let start = 0;
  let bytes = 64;
  for (let i = 0; i < serialized.length; i++) {
    const size = Buffer.byteLength(serialized[i]!) + 1;
    if (i > start && bytes + size > maxBytes) {
      frames.push(numbered(run, seq + start, serialized.slice(start, i)));
      start = i;
      bytes = 64;
    }
    bytes += size;
  }
  if (start < serialized.length) frames.push(numbered(run, seq + start, serialized.slice(start)));
  return frames;
}

function numbered(run: string, first: number, items: readonly string[]): NumberedFrame {
  return { first, last: first + items.length - 1, data: Buffer.from(encodeEventsFrame(run, first, items)) };
}

/** The cache's present, encoded once for its version and shared by every viewer that joins at it. */
interface Present {
  readonly version: number;
  readonly frames: readonly Buffer[];
  readonly bytes: number;
}

/** A viewer and what the bus sent it: enough to tell its own backlog from the shared replay it still holds. */
interface Viewer {
  readonly ws: WebSocket;
  /** Bytes handed to the socket so far. */
  sent: number;
  /** `sent` when the replay (and the control frame before it) had been handed over. */
  presentEnd: number;
  /** The replay sent to it, if any. */
  present?: Present;
}

/**
 * The local bus: producers `POST /publish` JSON events (one, an array, or
 * NDJSON; Python's `NaN` reads as absent), the body is validated with the
 * deck's own contract code, and what passes fans out to every viewer on
 * `/ws`, numbered (this run's id and a sequence). A viewer that reconnects
 * stating what it saw (`/ws?run=…&seq=…`) gets only what it missed from a
 * recent ring, or a rebuild: the sticky cache's present, which every new
 * viewer gets too. Events published within a few milliseconds go out
 * together, a few frames per viewer instead of one per request; each frame is
 * encoded once and the same bytes go to every viewer.
 */
export async function createBusServer(options: BusServerOptions = {}): Promise<BusServer> {
  const host = options.host ?? DEFAULT_HOST;
  const loopback = isLoopbackHost(host);
  const token = options.token && options.token.length > 0 ? options.token : undefined;
  if (!loopback && !token)
    throw new Error(`binding ${host} (beyond loopback) needs a token: set BUS_TOKEN to a long random string`);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_FRAME_BYTES;
  const maxFrameBytes = options.maxFrameBytes ?? VIEWER_FRAME_BYTES;
  const maxBacklog = options.maxViewerBacklogBytes ?? BUS_LIMITS.viewerBacklogBytes;
  const maxTotalBacklog = options.maxTotalBacklogBytes ?? BUS_LIMITS.totalBacklogBytes;
  const maxViewers = options.maxViewers ?? BUS_LIMITS.maxViewers;
  const maxConnections = options.maxConnections ?? BUS_LIMITS.maxConnections;
  const ringEvents = options.resume?.events ?? BUS_LIMITS.resumeEvents;
  const ringBytes = options.resume?.bytes ?? BUS_LIMITS.resumeBytes;
  const origins = new Set((options.origins ?? []).map((o) => o.trim()).filter((o) => o.length > 0));
  const now = options.now ?? (() => Date.now());
  const log = options.log ?? (() => {});
  const cache = new StickyCache(options.cache);
  const run = randomBytes(6).toString('base64url');
  const viewers = new Map<WebSocket, Viewer>();
  const alive = new WeakSet<WebSocket>();
  const heartbeat = Buffer.from(HEARTBEAT_FRAME);
  let pending: string[] = [];
  let pendingBytes = 0;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let published = 0;
  let seq = 0;
  /** Recent numbered frames, oldest first, for viewers that resume. */
  let ring: NumberedFrame[] = [];
  let ringHeld = 0;
  let present: Present | undefined;

  /** Cuts a viewer at once: a socket that does not read would hold its backlog through a polite close. */
  const cut = (viewer: Viewer, why: string) => {
    log(`viewer cut off: ${why}`);
    viewers.delete(viewer.ws);
    viewer.ws.terminate();
  };

  const send = (viewer: Viewer, frames: readonly Buffer[]): boolean => {
    const ws = viewer.ws;
    if (ws.readyState !== ws.OPEN) return false;
    for (const frame of frames) {
      ws.send(frame, { binary: false });
      viewer.sent += frame.length;
    }
    // Checked after writing, so the replay just sent counts against the cap too.
    if (ws.bufferedAmount > maxBacklog) {
      cut(viewer, `${ws.bufferedAmount} bytes unsent`);
      return false;
    }
    return true;
  };

  /** Replay bytes a viewer has not read yet (they drain first: the replay is the first thing sent). */
  const unreadPresent = (viewer: Viewer): number =>
    Math.max(0, viewer.presentEnd - (viewer.sent - viewer.ws.bufferedAmount));

  /**
   * Keeps all viewers' backlogs within the total budget. Live frames are
   * counted per viewer; a replay is one buffer shared by the viewers that
   * joined at its version, so it counts once however many still hold it.
   */
  const enforceTotalBacklog = () => {
    for (;;) {
      let total = 0;
      const pinned = new Set<Present>();
      let furthest: Viewer | undefined;
      for (const viewer of viewers.values()) {
        const buffered = viewer.ws.bufferedAmount;
        const unread = unreadPresent(viewer);
        total += buffered - unread;
        if (unread > 0 && viewer.present) pinned.add(viewer.present);
        if (!furthest || buffered > furthest.ws.bufferedAmount) furthest = viewer;
      }
      for (const p of pinned) total += p.bytes;
      if (total <= maxTotalBacklog || !furthest) return;
      cut(furthest, `all backlogs together over ${maxTotalBacklog} bytes`);
    }
  };

  const keepInRing = (frames: readonly NumberedFrame[]) => {
    for (const frame of frames) {
      ring.push(frame);
      ringHeld += frame.data.length;
    }
    let drop = 0;
    while (
      drop < ring.length - 1 &&
      (ringHeld > ringBytes || ring[ring.length - 1]!.last - ring[drop]!.first + 1 > ringEvents)
    ) {
      ringHeld -= ring[drop]!.data.length;
      drop++;
    }
    if (drop > 0) ring = ring.slice(drop);
  };

  const flush = () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = undefined;
    if (pending.length === 0) return;
    // Number and encode each frame once; the same bytes go to every viewer and into the ring.
    const frames = packNumbered(run, seq + 1, pending, maxFrameBytes);
    seq += pending.length;
    pending = [];
    pendingBytes = 0;
    keepInRing(frames);
    const data = frames.map((f) => f.data);
    for (const viewer of viewers.values()) send(viewer, data);
    enforceTotalBacklog();
  };

  const fanOut = (serialized: readonly string[]): number => {
    for (const s of serialized) {
      pending.push(s);
      pendingBytes += s.length;
    }
    if (pendingBytes >= maxFrameBytes) flush();
    else flushTimer ??= setTimeout(flush, flushDelay(viewers.size));
    let open = 0;
    for (const viewer of viewers.values()) if (viewer.ws.readyState === viewer.ws.OPEN) open++;
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
    const acceptedJson: string[] = [];
    const serialized: string[] = [];
    const problems: PublishProblem[] = [];
    let more = 0;
    const problem = (p: PublishProblem) => {
      if (problems.length < MAX_PROBLEMS) problems.push(p);
      else more++;
    };
    frame.candidates.forEach((candidate, index) => {
      const result = validateEvent(candidate);
      if (result.kind === 'accepted') {
        const json = JSON.stringify(result.event);
        accepted.push(result.event);
        acceptedJson.push(json);
        serialized.push(json);
      } else if (result.kind === 'unknown_type') {
        // Forward compatibility: a newer deck may know it; this one counts it as unknown.
        // Its shape is unchecked, so bound its nesting before writing it out again.
        if (nestsDeeperThan(candidate, MAX_UNKNOWN_DEPTH))
          problem({
            index,
            type: result.typeName.slice(0, 64),
            field: '(event)',
            expected: `nesting at most ${MAX_UNKNOWN_DEPTH} deep`,
            got: 'deeper',
          });
        else serialized.push(JSON.stringify(candidate));
      } else problem({ index, ...result.rejection });
    });
    if (more > 0) problems.push({ field: '(body)', expected: 'valid events', got: `${more} more invalid` });
    if (problems.length > 0) return { problems };
    cache.add(accepted, now(), acceptedJson);
    published += accepted.length;
    return { delivered: serialized.length > 0 ? fanOut(serialized) : 0 };
  };

  /** The cache's present as frames, encoded once per cache version. */
  const currentPresent = (): Present => {
    if (present?.version === cache.version) return present;
    const frames = packFrames(cache.replayJson(now()), maxFrameBytes).map((f) => Buffer.from(f));
    present = { version: cache.version, frames, bytes: frames.reduce((n, f) => n + f.length, 0) };
    return present;
  };

  /** A viewer joins: what it missed when the ring still holds it, else a rebuild from the present. */
  const join = (ws: WebSocket, cursor: BusCursor | undefined) => {
    // Events already queued are in the cache: number and send them to the others first.
    flush();
    const viewer: Viewer = { ws, sent: 0, presentEnd: 0 };
    viewers.set(ws, viewer);
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    ws.on('close', () => viewers.delete(ws));
    ws.on('error', () => viewers.delete(ws));
    const oldest = ring[0]?.first ?? seq + 1;
    if (cursor && cursor.run === run && cursor.seq <= seq && cursor.seq >= oldest - 1) {
      // The first frame may hold a few events it has; the deck skips those by number.
      const missed = ring.filter((f) => f.last > cursor.seq).map((f) => f.data);
      send(viewer, [Buffer.from(encodeResume(run, cursor.seq)), ...missed]);
      log(`viewer resumed at ${cursor.seq} (${viewers.size}); sent ${seq - cursor.seq} missed events`);
    } else {
      const reason: RebuildReason = !cursor ? 'join' : cursor.run !== run ? 'restarted' : 'gap';
      const shared = currentPresent();
      const control = Buffer.from(encodeRebuild(run, seq, reason));
      viewer.present = shared;
      viewer.presentEnd = control.length + shared.bytes;
      send(viewer, [control, ...shared.frames]);
      log(`viewer joined (${viewers.size}, ${reason}); sent the present: ${shared.bytes} bytes`);
    }
    enforceTotalBacklog();
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
    const url = parseRequestUrl(req.url);
    if (!url) {
      sendJson(res, 400, { error: 'unreadable request URL' }, { connection: 'close' });
      return;
    }
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
        run,
        seq,
        viewers: viewers.size,
        published,
        cached: cache.sizes(),
        resume_ring: { events: ring.length > 0 ? seq - ring[0]!.first + 1 : 0, bytes: ringHeld },
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

  const server: Server = createServer(
    {
      headersTimeout: options.headersTimeoutMs ?? BUS_LIMITS.headersTimeoutMs,
      requestTimeout: options.requestTimeoutMs ?? BUS_LIMITS.requestTimeoutMs,
      // Timeouts are checked this often (Node's default, 30 s, would let a stalled header live 40 s).
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => {
      onRequest(req, res).catch((error: unknown) => {
        log(`request failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        else res.destroy();
      });
    },
  );

  // Connections that are not viewers, oldest activity first; at the cap the idlest goes.
  const idle = new Map<Socket, true>();
  const busy = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    idle.set(socket, true);
    socket.once('close', () => {
      idle.delete(socket);
      busy.delete(socket);
    });
    while (idle.size + busy.size > maxConnections && idle.size > 1) {
      const oldest = idle.keys().next().value as Socket;
      idle.delete(oldest);
      oldest.destroy();
    }
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket as Socket;
    idle.delete(socket);
    busy.add(socket);
    res.once('close', () => {
      if (!busy.delete(socket) || socket.destroyed) return;
      idle.set(socket, true);
    });
  });

  // Viewers only listen; anything they send is small and ignored. No compression: it would copy every frame per viewer.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096, perMessageDeflate: false });

  const refuse = (socket: Duplex, status: number, text: string, extra = '') => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nconnection: close\r\ncontent-length: 0\r\n${extra}\r\n`);
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    idle.delete(socket as Socket);
    busy.delete(socket as Socket);
    socket.on('error', () => socket.destroy());
    const url = parseRequestUrl(req.url);
    if (!url) return refuse(socket, 400, 'Bad Request');
    if (url.pathname !== '/ws') return refuse(socket, 404, 'Not Found');
    if (viewers.size >= maxViewers) return refuse(socket, 503, 'Service Unavailable', 'retry-after: 15\r\n');
    const origin = req.headers.origin;
    // A refusal completes the upgrade and closes with 1008 and the reason: a browser sees
    // only 1006 for an HTTP error, and would retry for ever without saying why.
    const refusal = !hostAllowed(req)
      ? 'this bus answers only to loopback host names'
      : !originAllowed(origin, origins)
        ? `origin not allowed: ${String(origin).slice(0, 60)} (see BUS_ORIGINS)`
        : token && !sameSecret(tokenOf(req, url), token)
          ? 'missing or wrong token (?token=…)'
          : undefined;
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (refusal !== undefined) {
        log(`viewer refused: ${refusal}`);
        // Its frames are still parsed until it is gone: a malformed one must end it, not the process.
        ws.on('error', () => ws.terminate());
        ws.close(1008, refusal);
        setTimeout(() => ws.terminate(), REFUSAL_GRACE_MS).unref();
        return;
      }
      join(ws, readCursor(url.searchParams.get('run'), url.searchParams.get('seq')));
    });
  });

  // Viewers that vanished without a close (sleeping laptops) are dropped.
  const pinger = setInterval(() => {
    for (const [ws, viewer] of viewers) {
      if (!alive.has(ws)) {
        cut(viewer, 'no pong');
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, PING_MS);
  pinger.unref();

  // Browsers cannot see pings: an empty frame tells the deck the link is alive while nothing happens.
  const heartbeats = setInterval(() => {
    for (const viewer of viewers.values()) send(viewer, [heartbeat]);
  }, options.heartbeatMs ?? BUS_LIMITS.heartbeatMs);
  heartbeats.unref();

  let simTimer: ReturnType<typeof setInterval> | undefined;
  if (options.sim) {
    const sim = new FleetSimulator(options.sim);
    const tick = () => {
      // In bodies under the cap: a 10,000-host tick (a ~1 MB snapshot and the detections due) is more than one.
      const serialized = sim.tick(now()).map((event) => JSON.stringify(event));
      for (const body of packFrames(serialized, maxBodyBytes)) publish(body);
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
    run,
    get seq() {
      return seq;
    },
    get viewers() {
      return viewers.size;
    },
    get connections() {
      return idle.size + busy.size;
    },
    get published() {
      return published;
    },
    publish,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(pinger);
        clearInterval(heartbeats);
        if (simTimer) clearInterval(simTimer);
        flush();
        for (const ws of viewers.keys()) ws.close(1001, 'bus shutting down');
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
