import type { FleetEvent } from '../contract/schemas.js';
import { DEFAULT_Z, NO_CLUSTER } from './embeddings.js';

/**
 * Embedding points in columns: what the ring keeps of them (32-bit
 * positions, z and cluster defaulted as the ring defaults them), with no
 * object per point. `reduceEmbeddings` takes them as it takes events.
 *
 * History holds up to 200,000 events. Kept as the validated objects, a knn
 * flood's points all outlived the young generation: the collector copied
 * each one and then marked it in the old one, which cost more than the rest
 * of taking a point. In columns they are a few buffers a batch.
 */
export interface PointColumns {
  readonly length: number;
  /** x, y, z per point. */
  readonly positions: Float32Array;
  readonly cluster: Int32Array;
  readonly phase: readonly (string | undefined)[];
  readonly predicted: readonly (string | undefined)[];
}

/** A batch as history keeps it: its points in columns, the other events as they came. */
export interface SplitBatch {
  readonly others: readonly FleetEvent[];
  readonly points?: PointColumns;
  /** Events in the batch, points included. */
  readonly size: number;
}

const NO_EVENTS: readonly FleetEvent[] = Object.freeze([]);

/** Splits `events` into their points, in columns, and the other events, each in order. */
export function splitPoints(events: readonly FleetEvent[]): SplitBatch {
  let n = 0;
  for (const event of events) if (event.type === 'embedding') n++;
  if (n === 0) return { others: events, size: events.length };
  const positions = new Float32Array(n * 3);
  const cluster = new Int32Array(n);
  const phase = new Array<string | undefined>(n);
  const predicted = new Array<string | undefined>(n);
  const others: FleetEvent[] = [];
  let i = 0;
  for (const event of events) {
    if (event.type !== 'embedding') {
      others.push(event);
      continue;
    }
    positions[i * 3] = event.x;
    positions[i * 3 + 1] = event.y;
    positions[i * 3 + 2] = event.z ?? DEFAULT_Z;
    cluster[i] = event.cluster ?? NO_CLUSTER;
    phase[i] = event.phase;
    predicted[i] = event.predicted;
    i++;
  }
  return {
    others: others.length > 0 ? others : NO_EVENTS,
    points: { length: n, positions, cluster, phase, predicted },
    size: events.length,
  };
}
