import { type EmbeddingsState, emptyEmbeddings } from '../store/embeddings.js';

/**
 * A copy of the embedding ring's points at one moment. The ring is the one
 * store written in place, so history cannot keep a reference to it as it
 * does for the other (copy-on-write) stores: it copies the points held,
 * oldest first and nothing of the empty slots, and restores them into a
 * ring of its own.
 */
export interface RingKeyframe {
  readonly capacity: number;
  readonly count: number;
  readonly positions: Float32Array;
  readonly phase: Uint16Array;
  readonly predicted: Uint16Array;
  readonly cluster: Int32Array;
  /** The ring's other fields (labels, counts, totals); immutable in the store, so shared. */
  readonly meta: Pick<
    EmbeddingsState,
    'labels' | 'total' | 'phaseCounts' | 'predictedCounts' | 'clusterCounts' | 'judged' | 'agreed'
  >;
}

/** Bytes a keyframe of `count` points takes (positions, labels, cluster). */
export function keyframeBytes(count: number): number {
  return count * (12 + 2 + 2 + 4);
}

/** The held points of `ring` in one or two contiguous runs of slots, oldest first. */
function runs(ring: EmbeddingsState): [start: number, length: number][] {
  const first = (ring.head - ring.count + ring.capacity) % ring.capacity;
  const tail = Math.min(ring.count, ring.capacity - first);
  return tail === ring.count
    ? [[first, ring.count]]
    : [
        [first, tail],
        [0, ring.count - tail],
      ];
}

/**
 * Copies the points `ring` holds now; into the buffers of `spare` (a
 * keyframe no longer read) when it holds as many points: fresh buffers of
 * 2 MB cost more to allocate than to fill.
 */
export function copyRing(ring: EmbeddingsState, spare?: RingKeyframe): RingKeyframe {
  const { count } = ring;
  const reuse = spare?.count === count;
  const positions = reuse ? spare.positions : new Float32Array(count * 3);
  const phase = reuse ? spare.phase : new Uint16Array(count);
  const predicted = reuse ? spare.predicted : new Uint16Array(count);
  const cluster = reuse ? spare.cluster : new Int32Array(count);
  let at = 0;
  if (count > 0) {
    for (const [start, length] of runs(ring)) {
      positions.set(ring.positions.subarray(start * 3, (start + length) * 3), at * 3);
      phase.set(ring.phase.subarray(start, start + length), at);
      predicted.set(ring.predicted.subarray(start, start + length), at);
      cluster.set(ring.cluster.subarray(start, start + length), at);
      at += length;
    }
  }
  return {
    capacity: ring.capacity,
    count,
    positions,
    phase,
    predicted,
    cluster,
    meta: {
      labels: ring.labels,
      total: ring.total,
      phaseCounts: ring.phaseCounts,
      predictedCounts: ring.predictedCounts,
      clusterCounts: ring.clusterCounts,
      judged: ring.judged,
      agreed: ring.agreed,
    },
  };
}

/** A fresh ring holding the keyframe's points (oldest in slot 0), free to be written. */
export function restoreRing(keyframe: RingKeyframe): EmbeddingsState {
  const ring = emptyEmbeddings(keyframe.capacity);
  ring.positions.set(keyframe.positions);
  ring.phase.set(keyframe.phase);
  ring.predicted.set(keyframe.predicted);
  ring.cluster.set(keyframe.cluster);
  return { ...ring, ...keyframe.meta, count: keyframe.count, head: keyframe.count % keyframe.capacity };
}
