import { z } from 'zod/mini';
// First: picks zod's JIT or jitless mode before any schema below is built.
import './zod-mode.js';
import { NOISE_CLUSTER } from './vocabulary.js';

/**
 * The event contract as zod schemas: the one source of truth for what the deck
 * accepts. Vocabulary is lenient (any phase or model string passes here; the
 * validator counts unknown ones as warnings); structure and ranges are strict.
 * Every string and array has a maximum length so a hostile producer cannot make the
 * deck keep megabytes per event.
 */

const MAX_ID = 256;
const MAX_TEXT = 1024;
/** Hosts one snapshot may list: a 10,000-host fleet and room to spare. */
export const MAX_SNAPSHOT_HOSTS = 16_384;

const id = z.string().check(z.minLength(1), z.maxLength(MAX_ID));
const text = z.string().check(z.maxLength(MAX_TEXT));
/** A phase label: lenient vocabulary, bounded length. */
export const PhaseLabel = z.string().check(z.minLength(1), z.maxLength(64));
/** A model name: lenient vocabulary, bounded length. */
export const ModelName = z.string().check(z.minLength(1), z.maxLength(64));
const count = z.number().check(z.int(), z.minimum(0));
/**
 * How far outside 0–1 a fraction or coordinate may stray and still be read
 * as the nearest bound: float rescaling gives 1.0000000000000002. The
 * validator clamps such values and counts a warning.
 */
export const UNIT_TOLERANCE = 1e-9;
/** A fraction or coordinate, 0–1 (give or take UNIT_TOLERANCE, clamped on acceptance). */
const unit = z.number().check(z.minimum(-UNIT_TOLERANCE), z.maximum(1 + UNIT_TOLERANCE));

const epoch = z.number();

export const SnapshotHost = z.object({
  host_id: id,
  online: z.boolean(),
  phase: z.optional(PhaseLabel),
  profile: z.optional(text),
  episodes: z.optional(count),
  last_seen: z.optional(epoch),
});

export const SnapshotEvent = z.object({
  type: z.literal('snapshot'),
  t_wall: z.optional(epoch),
  hosts: z.array(SnapshotHost).check(z.maxLength(MAX_SNAPSHOT_HOSTS)),
  totals: z.object({
    episodes: count,
    windows: count,
    samples: count,
    bytes: z.optional(count),
  }),
  phase_counts: z.optional(z.record(PhaseLabel, count)),
  sample_hz: z.optional(z.number().check(z.positive())),
});

export const PhaseSpan = z.object({
  phase: PhaseLabel,
  start_s: z.number().check(z.minimum(0)),
  end_s: z.number().check(z.minimum(0)),
});

export const EpisodeEvent = z.object({
  type: z.literal('episode'),
  episode_id: id,
  host_id: id,
  profile: text,
  status: z.enum(['recording', 'complete']),
  started: z.optional(epoch),
  duration_s: z.optional(z.number().check(z.positive())),
  windows: z.optional(count),
  samples: z.optional(count),
  phases: z.optional(z.array(PhaseSpan).check(z.maxLength(256))),
});

export const PhaseEvent = z.object({
  type: z.literal('phase'),
  phase: PhaseLabel,
});

export const PhaseMixEvent = z.object({
  type: z.literal('phase_mix'),
  mix: z.record(PhaseLabel, z.number().check(z.minimum(0))),
  window_s: z.optional(z.number().check(z.positive())),
});

export const AttackProfileEvent = z.object({
  type: z.literal('attack_profile'),
  name: z.string().check(z.minLength(1), z.maxLength(MAX_ID)),
  curve: z.array(z.number()).check(z.minLength(1), z.maxLength(4096)),
  shape: z.optional(text),
});

export const PredictionEvent = z.object({
  type: z.literal('prediction'),
  episode_id: z.string().check(z.maxLength(MAX_ID)),
  window_idx: z.number().check(z.int()),
  predicted: z.optional(PhaseLabel),
  actual: z.optional(PhaseLabel),
});

export const ModelMetricEvent = z.object({
  type: z.literal('model_metric'),
  model: ModelName,
  accuracy: unit,
});

export const EmbeddingEvent = z.object({
  type: z.literal('embedding'),
  x: unit,
  y: unit,
  z: z.optional(unit),
  phase: z.optional(PhaseLabel),
  predicted: z.optional(PhaseLabel),
  /** A cluster id ≥ 0, or -1 for noise (DBSCAN, HDBSCAN). */
  cluster: z.optional(z.number().check(z.int(), z.minimum(NOISE_CLUSTER))),
});

export const ModelPerfEvent = z.object({
  type: z.literal('model_perf'),
  model: ModelName,
  latency_us: z.number().check(z.positive()),
  accuracy: unit,
});

export const LiveDetectionEvent = z.object({
  type: z.literal('live_detection'),
  host_id: id,
  predicted: PhaseLabel,
  actual: z.optional(PhaseLabel),
  confidence: z.optional(unit),
  model: z.optional(ModelName),
  profile: z.optional(text),
  episode_id: z.optional(z.string().check(z.maxLength(MAX_ID))),
  window_idx: z.optional(count),
  latency_ms: z.optional(z.number().check(z.minimum(0))),
  t_wall: z.optional(epoch),
});

/** Every event the deck understands, discriminated on `type`. */
export const FleetEventSchema = z.discriminatedUnion('type', [
  SnapshotEvent,
  EpisodeEvent,
  PhaseEvent,
  PhaseMixEvent,
  AttackProfileEvent,
  PredictionEvent,
  ModelMetricEvent,
  EmbeddingEvent,
  ModelPerfEvent,
  LiveDetectionEvent,
]);

/** Schema per type name, for validating one event without the union's dispatch. */
export const SCHEMAS_BY_TYPE = {
  snapshot: SnapshotEvent,
  episode: EpisodeEvent,
  phase: PhaseEvent,
  phase_mix: PhaseMixEvent,
  attack_profile: AttackProfileEvent,
  prediction: PredictionEvent,
  model_metric: ModelMetricEvent,
  embedding: EmbeddingEvent,
  model_perf: ModelPerfEvent,
  live_detection: LiveDetectionEvent,
} as const;

/** The type names of the contract, in contract order. */
export const EVENT_TYPES = Object.keys(SCHEMAS_BY_TYPE) as EventType[];

export type EventType = keyof typeof SCHEMAS_BY_TYPE;
export type FleetEvent = z.infer<typeof FleetEventSchema>;
/** The event of one type, e.g. `EventOf<'live_detection'>`. */
export type EventOf<T extends EventType> = Extract<FleetEvent, { type: T }>;
export type PhaseSpanData = z.infer<typeof PhaseSpan>;
