import type { EventOf, EventType, FleetEvent } from '../contract/schemas.js';
import {
  type EmbeddingsState,
  emptyEmbeddings,
  reduceEmbeddingColumns,
  reduceEmbeddings,
} from './embeddings.js';
import {
  type CloneableFleet,
  cloneableFleet,
  emptyFleet,
  type FleetState,
  reduceFleet,
  revivedFleet,
} from './fleet.js';
import { groupEvents } from './group-events.js';
import { emptyLiveLanes, type LiveLanesState, reduceLiveLanes, reserveLanes } from './live-lanes.js';
import {
  emptyModels,
  emptyPerf,
  type ModelsState,
  type PerfState,
  reduceModels,
  reducePerf,
} from './models.js';
import { emptyPhaseMix, type PhaseMixState, reducePhaseMix } from './phase-mix.js';
import type { PointBuffer } from './point-columns.js';
import { emptyPredictions, type PredictionsState, reducePredictions } from './predictions.js';
import { emptyProfiles, type ProfilesState, reduceProfiles } from './profiles.js';

/** Every store's state, one per domain. */
export interface StoreState {
  readonly live: LiveLanesState;
  readonly fleet: FleetState;
  readonly phaseMix: PhaseMixState;
  readonly profiles: ProfilesState;
  readonly predictions: PredictionsState;
  readonly models: ModelsState;
  readonly perf: PerfState;
  readonly embeddings: EmbeddingsState;
}

export type StoreName = keyof StoreState;

/** Which store each event type feeds. */
export const STORE_OF_TYPE = {
  snapshot: 'fleet',
  episode: 'fleet',
  phase: 'phaseMix',
  phase_mix: 'phaseMix',
  attack_profile: 'profiles',
  prediction: 'predictions',
  model_metric: 'models',
  embedding: 'embeddings',
  model_perf: 'perf',
  live_detection: 'live',
} as const satisfies Record<EventType, StoreName>;

export interface StoreOptions {
  /** Embedding ring capacity (default 100,000). */
  readonly embeddingCapacity?: number;
}

/** Stores as a structured clone carries them: the fleet's in its cloneable form (see CloneableFleet). */
export interface CloneableStores extends Omit<StoreState, 'fleet'> {
  readonly fleet: CloneableFleet;
}

/** `state` ready for a structured clone (postMessage, BroadcastChannel). */
export function cloneableStores(state: StoreState): CloneableStores {
  return { ...state, fleet: cloneableFleet(state.fleet) };
}

/** Stores back from their clone. */
export function revivedStores(state: CloneableStores): StoreState {
  return { ...state, fleet: revivedFleet(state.fleet) };
}

/** Fresh, empty stores. */
export function initialStores(options: StoreOptions = {}): StoreState {
  return {
    live: emptyLiveLanes,
    fleet: emptyFleet,
    phaseMix: emptyPhaseMix,
    profiles: emptyProfiles,
    predictions: emptyPredictions,
    models: emptyModels,
    perf: emptyPerf,
    embeddings: emptyEmbeddings(options.embeddingCapacity),
  };
}

/**
 * Reduces a batch of validated events: grouped by store (order kept within a
 * store), each store reduced once; then `points`, embeddings in columns (the
 * bus's way of carrying them), when given. Returns the new state and the
 * stores that changed.
 */
export function reduceStores(
  state: StoreState,
  events: readonly FleetEvent[],
  now: number,
  points?: PointBuffer,
): { state: StoreState; changed: StoreName[] } {
  const batches = groupEvents(events, (type) => STORE_OF_TYPE[type]);
  const changed = [...batches.keys()];
  const hasPoints = points !== undefined && points.length > 0;
  if (hasPoints && !batches.has('embeddings')) changed.push('embeddings');
  if (changed.length === 0) return { state, changed };
  const pick = <T extends EventType>(name: StoreName) => (batches.get(name) ?? []) as EventOf<T>[];
  let live = state.live;
  const embeddings = batches.has('embeddings')
    ? reduceEmbeddings(state.embeddings, pick<'embedding'>('embeddings'))
    : state.embeddings;
  // A snapshot says how many hosts will report: their lanes are allocated at once, not grown host by host.
  for (const event of batches.get('fleet') ?? [])
    if (event.type === 'snapshot') live = reserveLanes(live, event.hosts.length);
  const next: StoreState = {
    live: batches.has('live') ? reduceLiveLanes(live, pick<'live_detection'>('live'), now) : live,
    fleet: batches.has('fleet')
      ? reduceFleet(state.fleet, pick<'snapshot' | 'episode'>('fleet'), now)
      : state.fleet,
    phaseMix: batches.has('phaseMix')
      ? reducePhaseMix(state.phaseMix, pick<'phase' | 'phase_mix'>('phaseMix'), now)
      : state.phaseMix,
    profiles: batches.has('profiles')
      ? reduceProfiles(state.profiles, pick<'attack_profile'>('profiles'))
      : state.profiles,
    predictions: batches.has('predictions')
      ? reducePredictions(state.predictions, pick<'prediction'>('predictions'))
      : state.predictions,
    models: batches.has('models') ? reduceModels(state.models, pick<'model_metric'>('models')) : state.models,
    perf: batches.has('perf') ? reducePerf(state.perf, pick<'model_perf'>('perf')) : state.perf,
    embeddings: hasPoints
      ? reduceEmbeddingColumns(embeddings, points, points.index(points.start), points.index(points.end))
      : embeddings,
  };
  return { state: next, changed };
}
