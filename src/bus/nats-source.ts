/**
 * `?nats=ws://a,ws://b`: the deck reads a NATS cluster's JetStream streams
 * over WebSocket. Loaded in its own chunk, only when used (see
 * start-source.ts): the NATS client is not in the initial JavaScript.
 *
 * One ordered consumer per stream (nats-server 2.9 allows one filter per
 * consumer). An ordered consumer numbers what it delivers by stream
 * sequence and, when its server goes (failover, a dropped link), recreates
 * itself from the last sequence it delivered plus one: nothing twice,
 * nothing skipped. When a stream itself starts over (deleted and made
 * again, so its sequences went back), appending would be wrong: the stores
 * are rebuilt from the streams' present instead.
 */
import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { type ConnectionOptions, type NatsConnection, wsconnect } from '@nats-io/nats-core';
import { Backoff, type BackoffPolicy, backoffCeiling, DEFAULT_BACKOFF } from './backoff.js';
import type { FleetBus } from './fleet-bus.js';
import type { NatsSettings } from './nats-settings.js';
import { STREAM_TYPES, type StreamType, streamName } from './nats-subjects.js';
import { type SourceInfo, sameSource } from './source-info.js';
import { checkWsUrl } from './ws-url.js';

/** Everything the NATS source touches outside itself; all injectable for tests. */
export interface NatsSourceOptions {
  /** Opens the connection (default: the client's `wsconnect`; Node tests pass the TCP `connect`). */
  readonly connect?: (options: ConnectionOptions) => Promise<NatsConnection>;
  /** `location.protocol` of the page (an https page refuses plain ws: beyond loopback). */
  readonly pageProtocol?: string;
  /** Skip the ws:/wss: check (Node tests connect with nats:// URLs). */
  readonly anyScheme?: boolean;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
  readonly now?: () => number;
}

/**
 * When the live stream holds more than this, a joining deck reads only the
 * newest window of each host (`last_per_subject`), and the lanes fill from
 * there: a 10,000-host fleet's full lanes are hundreds of megabytes, its
 * newest windows a few. Below it the full lanes are read.
 */
export const LIVE_JOIN_FULL_BYTES = 4 * 1024 * 1024;
/** Largest NDJSON frame handed to the bus at once (the bus caps frames at 1 MiB). */
const FLUSH_BYTES = 512 * 1024;
/** How long the badge says "resynced" after a rebuild. */
const RESYNCED_MS = 5_000;
const CONNECT_TIMEOUT_MS = 5_000;
/** A stream no producer has made yet is looked for again this often. */
const STREAM_MISSING_RETRY_MS = 5_000;

/** Where a reader of one stream starts. */
export type JoinPolicy =
  | { readonly deliver_policy: typeof DeliverPolicy.StartSequence; readonly opt_start_seq: number }
  | { readonly deliver_policy: typeof DeliverPolicy.All | typeof DeliverPolicy.LastPerSubject };

/**
 * Where to start reading `type`'s stream: after the last sequence applied
 * (a resume), or, on a join, everything — except a live stream bigger than
 * LIVE_JOIN_FULL_BYTES, of which only the newest message per host is read.
 */
export function joinPolicy(type: StreamType, streamBytes: number, lastSeq: number): JoinPolicy {
  if (lastSeq > 0) return { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: lastSeq + 1 };
  if (type === 'live_detection' && streamBytes > LIVE_JOIN_FULL_BYTES)
    return { deliver_policy: DeliverPolicy.LastPerSubject };
  return { deliver_policy: DeliverPolicy.All };
}

/** Where one stream's reading stands. */
interface StreamCursor {
  /** Stream sequence of the last message applied. */
  seq: number;
  /** The stream's creation time when this viewer joined it (a different one means it started over). */
  created?: string;
  messages?: ConsumerMessages;
}

/** A short, credential-free reason for an error, for the badge and diagnostics. */
export function describeNatsError(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
  const permission = /permissions? violation.*/i.exec(message);
  if (permission) return `permission denied by the server: ${permission[0].slice(0, 160)}`;
  if (/authorization|authentication/i.test(message)) return `refused by the server: ${message.slice(0, 120)}`;
  return message.slice(0, 160);
}

function isPermissionError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /permission|authoriz|authenticat/i.test(message);
}

/** Starts the source on `bus`; returns a function that stops it. Never throws. */
export function startNatsSource(
  bus: FleetBus,
  settings: NatsSettings,
  options: NatsSourceOptions = {},
): () => void {
  const pageProtocol = options.pageProtocol ?? globalThis.location?.protocol ?? 'http:';
  const servers: string[] = [];
  const hosts: string[] = [];
  for (const raw of settings.servers) {
    if (options.anyScheme) {
      servers.push(raw);
      hosts.push(raw.replace(/^\w+:\/\//, ''));
      continue;
    }
    const check = checkWsUrl(raw, pageProtocol);
    if (!check.ok) {
      bus.source = { kind: 'nats', label: check.host ?? 'NATS', state: 'stopped', detail: check.reason };
      return () => {};
    }
    servers.push(check.url.href);
    hosts.push(check.host);
  }
  if (servers.length === 0) {
    bus.source = { kind: 'nats', label: 'NATS', state: 'stopped', detail: 'no NATS WebSocket URL given' };
    return () => {};
  }
  const open = options.connect ?? wsconnect;
  const now = options.now ?? (() => Date.now());
  const backoff = new Backoff(options.random ?? Math.random, options.backoff ?? DEFAULT_BACKOFF);
  const prefix = settings.prefix;
  let label = `NATS ${hosts[0]}${hosts.length > 1 ? ` +${hosts.length - 1}` : ''}`;
  let nc: NatsConnection | undefined;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let resyncedTimer: ReturnType<typeof setTimeout> | undefined;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  let rebuilding = false;
  let rebuilds = 0;
  let pending: string[] = [];
  let pendingBytes = 0;
  const cursors = new Map<StreamType, StreamCursor>();
  /** Streams whose reader is failing now (the badge says retrying until none is). */
  const failing = new Set<StreamType>();
  const retries = new Set<ReturnType<typeof setTimeout>>();

  const setState = (state: SourceInfo['state'], detail?: string) => {
    const next: SourceInfo = { kind: 'nats', label, state, detail };
    if (!sameSource(bus.source, next)) bus.source = next;
  };

  const stopWith = (detail: string) => {
    if (stopped) return;
    stopped = true;
    generation++;
    setState('stopped', detail);
    void nc?.close().catch(() => undefined);
  };

  /** Hands the queued events to the bus as one NDJSON frame (one decode and reduce pass). */
  const flush = () => {
    if (flushTimer !== undefined) clearTimeout(flushTimer);
    flushTimer = undefined;
    if (pending.length === 0) return;
    const frame = pending.join('\n');
    pending = [];
    pendingBytes = 0;
    bus.publishFrame(frame);
  };

  const take = (text: string) => {
    pending.push(text);
    pendingBytes += text.length;
    if (pendingBytes >= FLUSH_BYTES) flush();
    else flushTimer ??= setTimeout(flush, 0);
  };

  /**
   * Empties the stores through the bus, so what follows is the present, not
   * an addition to what was there.
   */
  const resetStores = (why: string) => {
    flush();
    bus.rebuild();
    bus.diagnostics.countResync('rebuild', why, true);
  };

  /** Reads one stream with an ordered consumer, from where this viewer stands. */
  const follow = async (
    js: JetStreamClient,
    type: StreamType,
    gen: number,
    onReading: () => void,
  ): Promise<void> => {
    const stream = streamName(prefix, type);
    const cursor = cursors.get(type) ?? { seq: 0 };
    cursors.set(type, cursor);
    const info = await js.streams.get(stream).then((s) => s.info());
    if (gen !== generation) return;
    if (
      cursor.created !== undefined &&
      (info.created !== cursor.created || info.state.last_seq < cursor.seq)
    ) {
      // The stream started over: its sequences no longer continue ours.
      throw new StreamStartedOver(stream);
    }
    cursor.created = info.created;
    const deliver = joinPolicy(type, info.state.bytes, cursor.seq);
    const consumer = await js.consumers.get(stream, {
      filter_subjects: info.config.subjects?.[0] ?? '>',
      ...deliver,
    });
    if (gen !== generation) return;
    // Pull requests that expire every 5 s carry idle heartbeats every 2.5 s: a consumer lost with
    // its server is noticed within seconds and recreated from the last sequence.
    const messages = await consumer.consume({ max_messages: 1_000, expires: 5_000 });
    if (gen !== generation) {
      // A restart or resume came while the consumer was being made: it stopped the readers it knew of.
      messages.stop();
      return;
    }
    cursor.messages = messages;
    onReading();
    void (async () => {
      for await (const status of messages.status()) {
        if (gen !== generation) return;
        // A consumer that went (with its server, or with its stream) is recreated from our
        // sequence; whether that sequence still means anything is for the stream to say.
        if (
          status.type === 'stream_not_found' ||
          status.type === 'consumer_deleted' ||
          status.type === 'ordered_consumer_recreated'
        )
          void checkContinuity(js, type, cursor, gen);
      }
    })();
    for await (const m of messages as AsyncIterable<JsMsg>) {
      if (gen !== generation) break;
      // The ordered consumer never goes back; this guard keeps a stray redelivery from counting twice.
      if (m.seq <= cursor.seq) continue;
      cursor.seq = m.seq;
      take(m.string());
    }
  };

  /** Starts every stream's reader on the current connection. */
  const followAll = (conn: NatsConnection) => {
    const gen = ++generation;
    const js = jetstream(conn);
    failing.clear();
    const run = (type: StreamType, attempt: number) => {
      const again = (ms: number) => {
        const timer = setTimeout(() => {
          retries.delete(timer);
          if (gen === generation && !stopped) run(type, attempt + 1);
        }, ms);
        retries.add(timer);
      };
      follow(js, type, gen, () => {
        attempt = 0;
        if (failing.delete(type) && failing.size === 0 && bus.source.state === 'retrying') setState('live');
      }).then(
        // The reader ended without being asked to (its subscription went): read on from the cursor.
        () => again(backoffCeiling(0)),
        (error: unknown) => {
          if (gen !== generation || stopped) return;
          if (error instanceof StreamStartedOver) void restart(error.message);
          else if (isPermissionError(error)) stopWith(describeNatsError(error));
          else if (/stream not found/i.test(String(error))) {
            // No producer has made this stream yet: look again now and then; the others go on.
            again(STREAM_MISSING_RETRY_MS);
          } else {
            failing.add(type);
            setState('retrying', describeNatsError(error));
            again(backoffCeiling(attempt, { ...DEFAULT_BACKOFF, capMs: 5_000 }));
          }
        },
      );
    };
    for (const type of STREAM_TYPES) run(type, 0);
  };

  /** Rebuilds the stores from the streams' present and reads on from there. */
  const restart = async (why: string) => {
    if (stopped || rebuilding || !nc) return;
    rebuilding = true;
    generation++;
    for (const c of cursors.values()) c.messages?.stop();
    cursors.clear();
    pending = [];
    pendingBytes = 0;
    resetStores(why);
    rebuilds++;
    setState('live', `resynced (${why}; rebuild ${rebuilds})`);
    if (resyncedTimer !== undefined) clearTimeout(resyncedTimer);
    resyncedTimer = setTimeout(() => {
      resyncedTimer = undefined;
      if (!stopped && bus.source.state === 'live') setState('live');
    }, RESYNCED_MS);
    rebuilding = false;
    followAll(nc);
  };

  /** Recreates every stream's reader from where it stands (the stores are kept). */
  const resume = (conn: NatsConnection) => {
    for (const c of cursors.values()) {
      c.messages?.stop();
      c.messages = undefined;
    }
    followAll(conn);
  };

  /** A rebuild when `type`'s stream started over or went while its consumer was being recreated. */
  const checkContinuity = async (
    js: JetStreamClient,
    type: StreamType,
    cursor: StreamCursor,
    gen: number,
  ) => {
    const stream = streamName(prefix, type);
    try {
      const info = await js.streams.get(stream).then((s) => s.info());
      if (gen !== generation) return;
      if (info.created !== cursor.created || info.state.last_seq < cursor.seq)
        await restart(`${stream} started over`);
    } catch (error) {
      if (gen === generation && /stream not found/i.test(String(error))) await restart(`${stream} gone`);
    }
  };

  const watch = async (conn: NatsConnection) => {
    for await (const status of conn.status()) {
      if (stopped || conn !== nc) return;
      switch (status.type) {
        case 'disconnect':
          backoff.disconnected(now());
          setState('retrying', 'connection lost; trying the other servers');
          break;
        case 'reconnecting':
          setState('connecting', `attempt ${backoff.attempts + 1}`);
          break;
        case 'reconnect':
          backoff.connected(now());
          label = `NATS ${status.server}`;
          setState('live');
          // Consumers are recreated from our own cursors rather than trusted to have survived:
          // on nats-server 2.9 an ordered consumer can outlive a stream's leader change and
          // then hear nothing new, answering every pull with a timeout. Each reader checks its
          // own stream's continuity first, so a stream whose leader is still being elected
          // holds back only itself, not the others.
          resume(conn);
          break;
        case 'error':
          if (isPermissionError(status.error)) setState(bus.source.state, describeNatsError(status.error));
          break;
        default:
          break;
      }
    }
  };

  const connect = async () => {
    retryTimer = undefined;
    if (stopped) return;
    setState('connecting', backoff.attempts > 0 ? `attempt ${backoff.attempts + 1}` : undefined);
    let conn: NatsConnection;
    try {
      conn = await open({
        servers,
        user: settings.user,
        pass: settings.pass,
        token: settings.token,
        name: 'fleet-deck',
        timeout: CONNECT_TIMEOUT_MS,
        // In the order given (the first is the nearest), and on failover the next.
        noRandomize: true,
        maxReconnectAttempts: -1,
        // The deck's own schedule (full jitter, 0.5 s doubling to 15 s) between rounds of the servers.
        reconnectDelayHandler: () => backoff.next(),
      });
    } catch (error) {
      if (stopped) return;
      if (isPermissionError(error)) {
        stopWith(describeNatsError(error));
        return;
      }
      setState('retrying', describeNatsError(error));
      retryTimer = setTimeout(() => void connect(), backoff.next());
      return;
    }
    if (stopped) {
      void conn.close();
      return;
    }
    nc = conn;
    backoff.connected(now());
    label = `NATS ${conn.getServer()}`;
    setState('live');
    void watch(conn);
    void conn.closed().then((error) => {
      if (stopped || conn !== nc) return;
      nc = undefined;
      generation++;
      if (error && isPermissionError(error)) stopWith(describeNatsError(error));
      else {
        setState('retrying', error ? describeNatsError(error) : 'connection closed');
        retryTimer = setTimeout(() => void connect(), backoff.next());
      }
    });
    followAll(conn);
  };

  void connect();

  return () => {
    if (stopped) return;
    stopped = true;
    generation++;
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    if (resyncedTimer !== undefined) clearTimeout(resyncedTimer);
    if (flushTimer !== undefined) clearTimeout(flushTimer);
    for (const timer of retries) clearTimeout(timer);
    retries.clear();
    pending = [];
    for (const c of cursors.values()) c.messages?.stop();
    void nc?.close().catch(() => undefined);
    nc = undefined;
    setState('stopped', 'stopped');
  };
}

class StreamStartedOver extends Error {
  constructor(stream: string) {
    super(`${stream} started over`);
  }
}
