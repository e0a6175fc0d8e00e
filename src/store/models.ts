import type { EventOf } from '../contract/schemas.js';

type ModelMetric = EventOf<'model_metric'>;
type ModelPerf = EventOf<'model_perf'>;

/** Models kept per store; producers rarely run more than a handful. */
export const MAX_MODELS = 64;

export interface ModelsState {
  /** Latest accuracy per model. */
  readonly accuracy: ReadonlyMap<string, number>;
}

export interface PerfPoint {
  readonly model: string;
  readonly latency_us: number;
  readonly accuracy: number;
}

export interface PerfState {
  /** Latest point per model. */
  readonly points: ReadonlyMap<string, PerfPoint>;
}

export const emptyModels: ModelsState = { accuracy: new Map() };
export const emptyPerf: PerfState = { points: new Map() };

function capped<V>(map: Map<string, V>): Map<string, V> {
  while (map.size > MAX_MODELS) map.delete(map.keys().next().value as string);
  return map;
}

/** The latest metric per model replaces the earlier one. */
export function reduceModels(state: ModelsState, events: readonly ModelMetric[]): ModelsState {
  if (events.length === 0) return state;
  const accuracy = new Map(state.accuracy);
  for (const event of events) {
    accuracy.delete(event.model);
    accuracy.set(event.model, event.accuracy);
  }
  return { accuracy: capped(accuracy) };
}

/** The latest perf point per model replaces the earlier one. */
export function reducePerf(state: PerfState, events: readonly ModelPerf[]): PerfState {
  if (events.length === 0) return state;
  const points = new Map(state.points);
  for (const { model, latency_us, accuracy } of events) {
    points.delete(model);
    points.set(model, { model, latency_us, accuracy });
  }
  return { points: capped(points) };
}
