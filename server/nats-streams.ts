import {
  DiscardPolicy,
  type JetStreamManager,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { STREAM_TYPES, type StreamType, streamName, streamSubject } from '../src/bus/nats-subjects.js';

/**
 * The streams that hold the present: one per event type, with limits chosen
 * so that what the engine keeps is what the scenes show. A viewer that joins
 * reads these streams from the start (the live stream excepted when it is
 * big, see `LIVE_JOIN_FULL_BYTES` in the deck's NATS source), so the sum of
 * their byte caps bounds a join.
 */
export interface StreamLimits {
  /** Messages kept per subject (per key), or -1. */
  readonly perSubject: number;
  /** Messages kept in the whole stream, or -1. */
  readonly msgs: number;
  /** Bytes kept in the whole stream. */
  readonly bytes: number;
  /** Oldest message kept, in ms, or 0 for no age limit. */
  readonly maxAgeMs: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;

/** Per type: see the README's "Scaling out" for why each number. */
export const STREAM_LIMITS: Readonly<Record<StreamType, StreamLimits>> = {
  // The fleet scene shows the newest snapshot; one phase mix.
  snapshot: { perSubject: 1, msgs: 1, bytes: MiB, maxAgeMs: 0 },
  phase_mix: { perSubject: 1, msgs: 1, bytes: 64 * KiB, maxAgeMs: 0 },
  // One per key: the newest event of each episode, profile, model.
  episode: { perSubject: 1, msgs: 512, bytes: 4 * MiB, maxAgeMs: 0 },
  attack_profile: { perSubject: 1, msgs: 256, bytes: 2 * MiB, maxAgeMs: 0 },
  model_metric: { perSubject: 1, msgs: 64, bytes: 64 * KiB, maxAgeMs: 0 },
  model_perf: { perSubject: 1, msgs: 64, bytes: 64 * KiB, maxAgeMs: 0 },
  // The chunking scene paints six windows of the newest episode.
  prediction: { perSubject: 6, msgs: 12, bytes: 64 * KiB, maxAgeMs: 0 },
  // The knn scene's cloud: the newest 20,000 points.
  embedding: { perSubject: -1, msgs: 20_000, bytes: 3 * MiB, maxAgeMs: 0 },
  // Five minutes of phase ticks (the baseline's window), at most 2,000.
  phase: { perSubject: -1, msgs: 2_000, bytes: 256 * KiB, maxAgeMs: 5 * 60_000 },
  // A lane shows 60 windows; each may get one follow-up carrying its truth.
  live_detection: { perSubject: 120, msgs: -1, bytes: 1024 * MiB, maxAgeMs: 0 },
};

/** Largest event (the gateway's body cap and the deck's frame cap). */
export const MAX_EVENT_BYTES = MiB;

/** Bytes a join can read from every stream but the live one: their byte caps summed. */
export function joinBytesWithoutLive(): number {
  let sum = 0;
  for (const type of STREAM_TYPES) if (type !== 'live_detection') sum += STREAM_LIMITS[type].bytes;
  return sum;
}

/** The JetStream configuration of one type's stream. */
export function streamConfig(
  prefix: string,
  type: StreamType,
  replicas: number,
): Partial<StreamConfig> & { name: string } {
  const limits = STREAM_LIMITS[type];
  return {
    name: streamName(prefix, type),
    subjects: [streamSubject(prefix, type)],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_msgs_per_subject: limits.perSubject,
    max_msgs: limits.msgs,
    max_bytes: limits.bytes,
    max_age: limits.maxAgeMs * 1_000_000,
    max_msg_size: MAX_EVENT_BYTES,
    num_replicas: replicas,
  };
}

/** R3 on a cluster of three or more servers, R1 on fewer (R2 survives no more than R1 does). */
export function replicasFor(servers: number): number {
  return servers >= 3 ? 3 : 1;
}

/** Servers in the cluster the connection sees (its own and those it advertises). */
export function clusterSize(nc: NatsConnection, given = 1): number {
  const info = (nc as unknown as { info?: { connect_urls?: string[] } }).info;
  return Math.max(given, info?.connect_urls?.length ?? 1);
}

const STREAM_IN_USE = 10058;
/** Errors JetStream gives while a fresh cluster is still electing its leader. */
const NOT_YET = /temporarily unavailable|timeout|no responders|insufficient resources|no suitable peers/i;

function codeOf(error: unknown): number | undefined {
  const api = (error as { api_error?: { err_code?: number } }).api_error;
  return api?.err_code;
}

/**
 * Creates each stream, or updates it to this configuration when it exists
 * (idempotent: running it again changes nothing). A fresh cluster answers
 * "temporarily unavailable" until its meta leader is elected; that is
 * retried until `timeoutMs`.
 */
export async function ensureStreams(
  nc: NatsConnection,
  prefix: string,
  replicas: number,
  timeoutMs = 20_000,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let jsm: JetStreamManager | undefined;
  const names: string[] = [];
  for (const type of STREAM_TYPES) {
    const config = streamConfig(prefix, type, replicas);
    for (;;) {
      try {
        jsm ??= await jetstreamManager(nc, { timeout: 5_000 });
        try {
          await jsm.streams.add(config);
        } catch (error) {
          if (codeOf(error) !== STREAM_IN_USE) throw error;
          await jsm.streams.update(config.name, config);
        }
        break;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (Date.now() > deadline || !NOT_YET.test(message)) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    names.push(config.name);
  }
  return names;
}
