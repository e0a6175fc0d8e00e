import { z } from 'zod';
// First: picks zod's JIT or jitless mode before any schema below is built.
import './zod-mode.js';
import { NOISE_CLUSTER } from './vocabulary.js';

/**
 * The event contract as zod schemas: the one source of truth for what the deck
 * accepts. Vocabulary is lenient (any phase or model string passes here; the
 * validator counts unknown ones as warnings); structure and ranges are strict.
 * Every string and array has a `.max()` so a hostile producer cannot make the
 * deck keep megabytes per event.
 */

const MAX_ID = 256;
const MAX_TEXT = 1024;
/** Hosts one snapshot may list: a 10,000-host fleet and room to spare. */
export const MAX_SNAPSHOT_HOSTS = 16_384;

const id = z.string().min(1).max(MAX_ID);
const text = z.string().max(MAX_TEXT);
/** A phase label: lenient vocabulary, bounded length. */
export const PhaseLabel = z.string().min(1).max(64);
/** A model name: lenient vocabulary, bounded length. */
export const ModelName = z.string().min(1).max(64);
const count = z.number().int().min(0);
/**
 * How far outside 0–1 a fraction or coordinate may stray and still be read
 * as the nearest bound: float rescaling gives 1.0000000000000002. The
 * validator clamps such values and counts a warning.
 */
export const UNIT_TOLERANCE = 1e-9;
/** A fraction or coordinate, 0–1 (give or take UNIT_TOLERANCE, clamped on acceptance). */
const unit = z
  .number()
  .min(-UNIT_TOLERANCE)
  .max(1 + UNIT_TOLERANCE);

const epoch = z.number();

export const SnapshotHost = z.object({
  host_id: id,
  online: z.boolean(),
  phase: PhaseLabel.optional(),
  profile: text.optional(),
  episodes: count.optional(),
  last_seen: epoch.optional(),
});

export const SnapshotEvent = z.object({
  type: z.literal('snapshot'),
  t_wall: epoch.optional(),
  hosts: z.array(SnapshotHost).max(MAX_SNAPSHOT_HOSTS),
  totals: z.object({
    episodes: count,
    windows: count,
    samples: count,
    bytes: count.optional(),
  }),
  phase_counts: z.record(PhaseLabel, count).optional(),
  sample_hz: z.number().positive().optional(),
});

export const PhaseSpan = z.object({
  phase: PhaseLabel,
  start_s: z.number().min(0),
  end_s: z.number().min(0),
});

export const EpisodeEvent = z.object({
  type: z.literal('episode'),
  episode_id: id,
  host_id: id,
  profile: text,
  status: z.enum(['recording', 'complete']),
  started: epoch.optional(),
  duration_s: z.number().positive().optional(),
  windows: count.optional(),
  samples: count.optional(),
  phases: z.array(PhaseSpan).max(256).optional(),
});

export const PhaseEvent = z.object({
  type: z.literal('phase'),
  phase: PhaseLabel,
});

export const PhaseMixEvent = z.object({
  type: z.literal('phase_mix'),
  mix: z.record(PhaseLabel, z.number().min(0)),
  window_s: z.number().positive().optional(),
});

export const AttackProfileEvent = z.object({
  type: z.literal('attack_profile'),
  name: z.string().min(1).max(MAX_ID),
  curve: z.array(z.number()).min(1).max(4096),
  shape: text.optional(),
});

export const PredictionEvent = z.object({
  type: z.literal('prediction'),
  episode_id: z.string().max(MAX_ID),
  window_idx: z.number().int(),
  predicted: PhaseLabel.optional(),
  actual: PhaseLabel.optional(),
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
  z: unit.optional(),
  phase: PhaseLabel.optional(),
  predicted: PhaseLabel.optional(),
  /** A cluster id ≥ 0, or -1 for noise (DBSCAN, HDBSCAN). */
  cluster: z.number().int().min(NOISE_CLUSTER).optional(),
});

export const ModelPerfEvent = z.object({
  type: z.literal('model_perf'),
  model: ModelName,
  latency_us: z.number().positive(),
  accuracy: unit,
});

export const LiveDetectionEvent = z.object({
  type: z.literal('live_detection'),
  host_id: id,
  predicted: PhaseLabel,
  actual: PhaseLabel.optional(),
  confidence: unit.optional(),
  model: ModelName.optional(),
  profile: text.optional(),
  episode_id: z.string().max(MAX_ID).optional(),
  window_idx: count.optional(),
  latency_ms: z.number().min(0).optional(),
  t_wall: epoch.optional(),
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
