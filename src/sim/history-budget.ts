import { EPISODE_S, WINDOW_S } from './fleet-events.js';

/**
 * How much of a history the stores can hold, so a warm start emits no event
 * that would be dropped before the first paint. Each is a count the stores
 * keep; the simulator turns them into the time span worth emitting.
 */
export interface HistoryBudget {
  /** Lane cells kept per host. */
  readonly cellsPerHost: number;
  /** Lane cells worth emitting over the whole fleet (bounds a large fleet's warm start). */
  readonly cells: number;
  /** Embedding points kept. */
  readonly embeddings: number;
  /** Episodes kept by id. */
  readonly episodes: number;
}

/** From when (simulated ms) each kind of event is emitted; earlier ones are simulated silently. */
export interface EmitFrom {
  detections: number;
  embeddings: number;
  episodes: number;
  snapshots: number;
}

export const EMIT_ALL: EmitFrom = {
  detections: -Infinity,
  embeddings: -Infinity,
  episodes: -Infinity,
  snapshots: -Infinity,
};

/** The fleet's rates a history's emission spans are worked out from. */
export interface FleetRates {
  readonly hosts: number;
  /** Seconds between one host's detections. */
  readonly detectionS: number;
  /** Embedding points emitted per second across the fleet. */
  readonly embeddingsPerS: number;
  readonly snapshotEveryS: number;
}

/**
 * From when a history ending at `endMs` emits each kind of event, so it
 * emits what `budget` says the stores keep and no more.
 */
export function emitFromBudget(endMs: number, budget: HistoryBudget, rates: FleetRates): EmitFrom {
  const cellsPerHost = Math.max(1, Math.min(budget.cellsPerHost, Math.floor(budget.cells / rates.hosts)));
  // Episode events per host per second: a recording update per window, a complete and a new one per episode.
  const episodeEventsPerS = (rates.hosts * (EPISODE_S / WINDOW_S + 1)) / EPISODE_S;
  return {
    detections: endMs - cellsPerHost * rates.detectionS * 1000,
    embeddings: endMs - (budget.embeddings / (rates.embeddingsPerS || 1)) * 1000,
    episodes: endMs - (budget.episodes / episodeEventsPerS) * 1000,
    // The stores keep the latest snapshot: the one in the last interval (its start excluded), besides the
    // history's first, which tells the stores the fleet's size.
    snapshots: endMs - rates.snapshotEveryS * 1000 + 1,
  };
}
