import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type JetStreamClient, jetstream } from '@nats-io/jetstream';
import { type NatsConnection, nuid } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { DEFAULT_SUBJECT_PREFIX, isValidPrefix, subjectFor } from '../src/bus/nats-subjects.js';
import { isLoopbackHost } from '../src/bus/ws-url.js';
import { DEFAULT_MAX_FRAME_BYTES } from '../src/contract/wire.js';
import { type FleetSimOptions, FleetSimulator } from '../src/sim/fleet-sim.js';
import { JSON_TYPES, sameSecret, sendJson, tokenOf } from './http-shared.js';
import { clusterSize, ensureStreams, replicasFor } from './nats-streams.js';
import { type BodyProblem, checkPublishBody } from './publish-body.js';

/**
 * `npm run bus -- --nats nats://HOST:PORT[,…]`: the same HTTP gateway for
 * producers (`POST /publish`, the same validation and answers), but the
 * events go into JetStream with acks instead of into a cache of our own, and
 * viewers read the cluster directly (`?nats=`). `{"delivered": N}` counts
 * the events the streams stored.
 */
export interface NatsGatewayOptions {
  /** NATS client URLs of one cluster (tried in turn, and on failover). */
  readonly servers: readonly string[];
  /** Subject prefix (default `fleet`). */
  readonly prefix?: string;
  /** NATS credentials: user and password, or a token. */
  readonly user?: string;
  readonly pass?: string;
  readonly natsToken?: string;
  /** Replicas per stream; default R3 when the cluster has three or more servers, else R1. */
  readonly replicas?: number;
  /** HTTP interface (default 127.0.0.1); beyond loopback `token` is required. */
  readonly host?: string;
  /** HTTP port (default 8787; 0 picks a free one). */
  readonly port?: number;
  /** Shared secret for `/publish`; required beyond loopback. */
  readonly token?: string;
  readonly maxBodyBytes?: number;
  /** How long one publish waits for its ack (ms, default 5 s). */
  readonly ackTimeoutMs?: number;
  /** How long a body's publishes are retried through a failover before answering 503 (ms, default 15 s). */
  readonly retryForMs?: number;
  /** Run the simulator and publish its events. */
  readonly sim?: FleetSimOptions | false;
  readonly log?: (line: string) => void;
}

export interface NatsGateway {
  readonly host: string;
  readonly port: number;
  /** http://host:port */
  readonly url: string;
  /** The cluster, as given. */
  readonly servers: readonly string[];
  /** Names of the streams once they exist. */
  readonly streams: readonly string[];
  /** Events stored since start. */
  readonly published: number;
  /** Resolves when the streams exist (rejects with the reason they could not be made). */
  readonly ready: Promise<void>;
  /**
   * Validates and stores a body as `/publish` does. The same `idempotencyKey` for the same body
   * (within JetStream's two-minute duplicate window) stores nothing twice.
   */
  publish(body: string, idempotencyKey?: string): Promise<PublishOutcome>;
  close(): Promise<void>;
}

/** What a publish came to: the HTTP status and the JSON answer. */
export type PublishOutcome =
  | { readonly status: 200; readonly body: { delivered: number } }
  | { readonly status: 400; readonly body: { delivered: 0; errors: BodyProblem[] } }
  | { readonly status: 503; readonly body: { delivered: number; error: string } };

const SIM_TICK_MS = 100;
/** Publish failures worth retrying within `retryForMs`: a stream between leaders, a server going. */
const TRANSIENT = /timeout|not enabled|no responders|temporarily unavailable|disconnect|reconnect/i;

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}

/** Starts the gateway; the HTTP side answers at once, 503 until the cluster and streams are there. */
export async function createNatsGateway(options: NatsGatewayOptions): Promise<NatsGateway> {
  const host = options.host ?? '127.0.0.1';
  const loopback = isLoopbackHost(host);
  const token = options.token && options.token.length > 0 ? options.token : undefined;
  if (!loopback && !token)
    throw new Error(`binding ${host} (beyond loopback) needs a token: set BUS_TOKEN to a long random string`);
  const prefix = options.prefix ?? DEFAULT_SUBJECT_PREFIX;
  if (!isValidPrefix(prefix))
    throw new Error(`subject prefix ${JSON.stringify(prefix)}: use tokens of A–Z a–z 0–9 _ - joined by dots`);
  if (options.servers.length === 0) throw new Error('--nats needs at least one nats://host:port');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_FRAME_BYTES;
  const ackTimeoutMs = options.ackTimeoutMs ?? 5_000;
  const retryForMs = options.retryForMs ?? 15_000;
  const log = options.log ?? (() => {});
  let nc: NatsConnection | undefined;
  let js: JetStreamClient | undefined;
  let streams: string[] = [];
  let notReady = 'connecting to NATS';
  let published = 0;
  let closed = false;

  const connectOnce = () =>
    connect({
      servers: [...options.servers],
      user: options.user,
      pass: options.pass,
      token: options.natsToken,
      name: 'fleet-deck gateway',
      timeout: 5_000,
      // The servers in the order given: the first is this gateway's own node.
      noRandomize: true,
      // Once connected, the client itself fails over between servers, for ever.
      maxReconnectAttempts: -1,
    });

  const ready = (async () => {
    // Until the first connection the gateway retries on its own, so that it can stop while waiting.
    for (let attempt = 0; ; attempt++) {
      try {
        nc = await connectOnce();
        break;
      } catch (error) {
        notReady = `NATS unreachable at ${options.servers.join(', ')}: ${messageOf(error)}`;
        if (attempt === 0) log(`${notReady}; retrying`);
        if (/authoriz|authenticat|permission/i.test(notReady)) throw error;
        await new Promise((r) => setTimeout(r, Math.min(2_000, 250 * 2 ** attempt)));
        if (closed) return;
      }
    }
    if (closed) {
      await nc.close();
      return;
    }
    const conn = nc;
    void (async () => {
      for await (const status of conn.status()) {
        // Publishes go on during a failover: the client holds them and the retries below wait it out.
        if (status.type === 'disconnect') log(`NATS connection lost (${status.server}); reconnecting`);
        else if (status.type === 'reconnect') log(`NATS reconnected to ${status.server}`);
      }
    })();
    const replicas = options.replicas ?? replicasFor(clusterSize(conn, options.servers.length));
    notReady = 'creating the streams';
    streams = await ensureStreams(conn, prefix, replicas);
    js = jetstream(conn, { timeout: ackTimeoutMs });
    notReady = '';
    log(`streams ready (R${replicas}): ${streams.join(', ')}`);
  })();
  ready.catch((error: unknown) => {
    notReady = `NATS: ${messageOf(error)}`;
    log(notReady);
  });

  const publish = async (body: string, idempotencyKey?: string): Promise<PublishOutcome> => {
    const checked = checkPublishBody(body, maxBodyBytes);
    if ('problems' in checked) return { status: 400, body: { delivered: 0, errors: checked.problems } };
    if (!js || notReady)
      return { status: 503, body: { delivered: 0, error: notReady || 'not connected to NATS' } };
    const client = js;
    // Each event gets a message id: a retry (ours, or the producer's with the same Idempotency-Key)
    // of an event that was stored but whose ack was lost is dropped by JetStream, not stored twice.
    const batch = idempotencyKey ?? nuid.next();
    const deadline = Date.now() + retryForMs;
    const publishOne = async (
      event: (typeof checked.events)[number],
      index: number,
    ): Promise<string | undefined> => {
      for (let attempt = 0; ; attempt++) {
        try {
          await client.publish(subjectFor(prefix, event)!, JSON.stringify(event), {
            msgID: `${batch}:${index}`,
          });
          return undefined;
        } catch (error) {
          // A stream whose leader went with its server answers "not enabled" or times out until
          // the others elect a new one (a few seconds): that is worth waiting for, briefly.
          if (closed || Date.now() > deadline || !TRANSIENT.test(messageOf(error))) return messageOf(error);
          await new Promise((r) => setTimeout(r, Math.min(1_000, 100 * 2 ** attempt)));
        }
      }
    };
    // All at once: one connection keeps them in order, and the acks come back in parallel.
    const results = await Promise.all(checked.events.map(publishOne));
    const failed = results.filter((r) => r !== undefined);
    const delivered = results.length - failed.length;
    published += delivered;
    if (failed.length > 0) {
      return {
        status: 503,
        body: { delivered, error: `${failed.length} of ${results.length} not stored: ${failed[0]}` },
      };
    }
    // Unknown types have no stream: nothing stores them, so they are not counted.
    return { status: 200, body: { delivered } };
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

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://gateway.invalid');
    } catch {
      sendJson(res, 400, { error: 'unreadable request target' });
      return;
    }
    const hostname = /^(\[[^\]]*\]|[^:]*)/.exec(req.headers.host ?? '')?.[1] ?? '';
    if (loopback && !isLoopbackHost(hostname)) {
      sendJson(res, 421, { error: 'this bus answers only to loopback host names' });
      return;
    }
    if (url.pathname === '/' || url.pathname === '/healthz') {
      sendJson(res, notReady ? 503 : 200, {
        ok: !notReady,
        ...(notReady ? { error: notReady } : {}),
        nats: options.servers,
        streams,
        published,
        publish: 'POST /publish (application/json: one event, an array, or NDJSON)',
        viewers: `open the deck with ?nats=ws://… (the cluster's WebSocket listeners) and subject=${prefix}`,
      });
      return;
    }
    if (url.pathname !== '/publish') {
      sendJson(res, 404, { error: 'not found: POST /publish; viewers read NATS directly (?nats=)' });
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'POST only' }, { allow: 'POST' });
      return;
    }
    if (token) {
      const given = tokenOf(req, url);
      if (!sameSecret(given, token)) {
        sendJson(res, 401, { error: 'missing or wrong token (Authorization: Bearer …)' });
        return;
      }
    }
    // A JSON type keeps other web pages from posting here: a browser preflights it, and no preflight is answered.
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
    const key = req.headers['idempotency-key'];
    const outcome = await publish(
      body,
      typeof key === 'string' && /^[\w.-]{1,128}$/.test(key) ? key : undefined,
    );
    sendJson(res, outcome.status, outcome.body);
  };

  const server: Server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000 }, (req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      log(`request failed: ${messageOf(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  // The gateway has no WebSocket: viewers read the cluster.
  server.on('upgrade', (_req, socket) => {
    socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  });

  let simTimer: ReturnType<typeof setInterval> | undefined;
  if (options.sim) {
    const sim = new FleetSimulator(options.sim);
    let busy = false;
    simTimer = setInterval(() => {
      const events = sim.tick(Date.now());
      if (events.length === 0 || busy || !js) return;
      busy = true;
      void publish(JSON.stringify(events)).finally(() => {
        busy = false;
      });
    }, SIM_TICK_MS);
    log(`simulator running: seed ${sim.seed}, ${sim.hostCount} hosts, ×${sim.rate}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => {
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
    servers: options.servers,
    get streams() {
      return streams;
    },
    get published() {
      return published;
    },
    ready: ready.then(() => undefined),
    publish,
    close: async () => {
      if (closed) return;
      closed = true;
      if (simTimer) clearInterval(simTimer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await ready.catch(() => undefined);
      if (nc && !nc.isClosed()) await nc.drain().catch(() => nc?.close());
    },
  };
}
