import type { EventOf } from '../contract/schemas.js';
import { labelMap, NO_CLUSTER, NO_LABEL, PointBuffer, type PointColumns } from './point-columns.js';

export { NO_CLUSTER, NO_LABEL } from './point-columns.js';

type Embedding = EventOf<'embedding'>;

/** Points kept by default; past the cap the oldest go first. */
export const EMBEDDING_CAPACITY = 100_000;
/** Distinct phase labels interned; beyond this they share one "other" label. */
const MAX_LABELS = 1024;

/**
 * A ring of embedding points in typed arrays shared between states.
 *
 * This is the one store that is not copy-on-write: copying 100,000 points per
 * batch would cost more than drawing them. Each reduction writes into the
 * ring and returns a new state object (new `head`, `count`, `total`), so
 * readers still see a change of identity; readers must not keep references to
 * old states expecting their points to stay put. `total` is the ring's write
 * counter: a reader that remembers the `head` and `total` it last drew asks
 * `writtenSince` which slots changed and uploads only those (a renderer can
 * hand `positions` to the GPU as is and update just those ranges).
 */
export interface EmbeddingsState {
  readonly capacity: number;
  /** x, y, z per slot. */
  readonly positions: Float32Array;
  /** Interned phase label id per slot (0 absent). */
  readonly phase: Uint16Array;
  /** Interned predicted label id per slot (0 absent). */
  readonly predicted: Uint16Array;
  /** Cluster per slot (NO_CLUSTER absent, -1 noise). */
  readonly cluster: Int32Array;
  /** Label strings by id; index 0 is the empty label. */
  readonly labels: readonly string[];
  /** Next slot to write. */
  readonly head: number;
  /** Points held (≤ capacity). */
  readonly count: number;
  /** Points ever received. */
  readonly total: number;
  /** Points held per phase label / predicted label / cluster ("" and NO_CLUSTER count unlabelled). */
  readonly phaseCounts: ReadonlyMap<string, number>;
  readonly predictedCounts: ReadonlyMap<string, number>;
  readonly clusterCounts: ReadonlyMap<number, number>;
  /** Points held that carry both a phase and a prediction. */
  readonly judged: number;
  /** Of those, the points whose prediction equals the phase. */
  readonly agreed: number;
}

/** An empty ring of `capacity` points. */
export function emptyEmbeddings(capacity = EMBEDDING_CAPACITY): EmbeddingsState {
  return {
    capacity,
    positions: new Float32Array(capacity * 3),
    phase: new Uint16Array(capacity),
    predicted: new Uint16Array(capacity),
    cluster: new Int32Array(capacity).fill(NO_CLUSTER),
    labels: [''],
    head: 0,
    count: 0,
    total: 0,
    phaseCounts: new Map(),
    predictedCounts: new Map(),
    clusterCounts: new Map(),
    judged: 0,
    agreed: 0,
  };
}

function bump<K>(map: Map<K, number>, key: K, n: number): void {
  const next = (map.get(key) ?? 0) + n;
  if (next > 0) map.set(key, next);
  else map.delete(key);
}

/** Clusters counted in a flat array during a batch (offset so NO_CLUSTER is 0); others in a map. */
const DENSE_CLUSTERS = 4096;
const CLUSTER_OFFSET = -NO_CLUSTER;
/**
 * A batch's count changes, kept between batches and zeroed after each where
 * it was written: allocating them per batch was 24 KB a batch, megabytes of
 * short-lived buffers over a warm start's hundreds of batches.
 */
const PHASE_DELTA = new Int32Array(MAX_LABELS);
const PREDICTED_DELTA = new Int32Array(MAX_LABELS);
const CLUSTER_DELTA = new Int32Array(DENSE_CLUSTERS);

/** A batch's points on their way into the ring, reused batch to batch. */
const BATCH = new PointBuffer();

/**
 * Adds one point per event; at the cap the oldest point is overwritten. The
 * events are laid out in columns first (see `reduceEmbeddingColumns`).
 */
export function reduceEmbeddings(state: EmbeddingsState, events: readonly Embedding[]): EmbeddingsState {
  if (events.length === 0) return state;
  // A batch larger than the ring gets columns of its own: the shared ones would keep its size.
  const batch = events.length > state.capacity ? new PointBuffer() : BATCH;
  batch.clear();
  batch.append(events);
  return reduceEmbeddingColumns(state, batch, batch.index(batch.start), batch.index(batch.end));
}

/**
 * Adds the points at column indices [from, to) of `points`; at the cap the
 * oldest point is overwritten. Only the last `capacity` of them are written
 * (the rest would be overwritten at once), but every point's labels are
 * interned in order, so label ids are those of a ring that took the points
 * one batch at a time.
 *
 * Runs per inserted point (a full ring evicts one per insert), so the loop
 * touches typed arrays only: the batch's label ids are mapped to the ring's
 * once per label, count changes are summed per label id and per cluster in
 * flat arrays and folded into the count maps once per batch.
 */
export function reduceEmbeddingColumns(
  state: EmbeddingsState,
  points: PointColumns,
  from: number,
  to: number,
): EmbeddingsState {
  if (to <= from) return state;
  const { capacity, positions, phase, predicted, cluster } = state;
  const labels = state.labels.slice();
  const ids = new Map<string, number>();
  for (const [i, label] of labels.entries()) ids.set(label, i);
  const intern = (label: string): number => {
    let id = ids.get(label);
    if (id === undefined) {
      if (labels.length >= MAX_LABELS) return intern('other');
      id = labels.length;
      labels.push(label);
      ids.set(label, id);
    }
    return id;
  };
  // The batch's label ids → the ring's, interned as first met (in point order, as events would be).
  const idOf = labelMap(points.labels, intern);
  const phaseDelta = PHASE_DELTA;
  const predictedDelta = PREDICTED_DELTA;
  const clusterDelta = CLUSTER_DELTA;
  let sparseClusterDelta: Map<number, number> | undefined;
  // The dense clusters touched, so folding them in walks those, not all 4,096 (a small batch's whole cost).
  let denseLo = DENSE_CLUSTERS;
  let denseHi = -1;
  const countCluster = (id: number, n: number) => {
    const at = id + CLUSTER_OFFSET;
    if (at >= 0 && at < DENSE_CLUSTERS) {
      clusterDelta[at]! += n;
      if (at < denseLo) denseLo = at;
      if (at > denseHi) denseHi = at;
    } else {
      sparseClusterDelta ??= new Map();
      sparseClusterDelta.set(id, (sparseClusterDelta.get(id) ?? 0) + n);
    }
  };
  let { head, count, judged, agreed } = state;
  const source = points.positions;
  // Only the last `capacity` points can survive; the labels of those before are still met first.
  const kept = Math.max(from, to - capacity);
  for (let i = from; i < kept; i++) {
    idOf(points.phase[i]!);
    idOf(points.predicted[i]!);
  }
  for (let i = kept; i < to; i++) {
    if (count === capacity) {
      const p = phase[head]!;
      const q = predicted[head]!;
      phaseDelta[p]!--;
      predictedDelta[q]!--;
      countCluster(cluster[head]!, -1);
      if (p !== NO_LABEL && q !== NO_LABEL) {
        judged--;
        if (p === q) agreed--;
      }
    } else count++;
    positions[head * 3] = source[i * 3]!;
    positions[head * 3 + 1] = source[i * 3 + 1]!;
    positions[head * 3 + 2] = source[i * 3 + 2]!;
    const p = idOf(points.phase[i]!);
    const q = idOf(points.predicted[i]!);
    phase[head] = p;
    predicted[head] = q;
    cluster[head] = points.cluster[i]!;
    phaseDelta[p]!++;
    predictedDelta[q]!++;
    // As stored, so the eviction takes back exactly what was counted.
    countCluster(cluster[head]!, 1);
    if (p !== NO_LABEL && q !== NO_LABEL) {
      judged++;
      if (p === q) agreed++;
    }
    head = head + 1 === capacity ? 0 : head + 1;
  }
  const phaseCounts = new Map(state.phaseCounts);
  const predictedCounts = new Map(state.predictedCounts);
  const clusterCounts = new Map(state.clusterCounts);
  for (let id = 0; id < labels.length; id++) {
    if (phaseDelta[id] !== 0) bump(phaseCounts, labels[id]!, phaseDelta[id]!);
    if (predictedDelta[id] !== 0) bump(predictedCounts, labels[id]!, predictedDelta[id]!);
  }
  for (let at = denseLo; at <= denseHi; at++)
    if (clusterDelta[at] !== 0) bump(clusterCounts, at - CLUSTER_OFFSET, clusterDelta[at]!);
  // Left zeroed for the next batch.
  phaseDelta.fill(0, 0, labels.length);
  predictedDelta.fill(0, 0, labels.length);
  if (denseHi >= denseLo) clusterDelta.fill(0, denseLo, denseHi + 1);
  for (const [id, n] of sparseClusterDelta ?? []) if (n !== 0) bump(clusterCounts, id, n);
  return {
    ...state,
    labels,
    head,
    count,
    total: state.total + (to - from),
    phaseCounts,
    predictedCounts,
    clusterCounts,
    judged,
    agreed,
  };
}

/** Slot of the i-th oldest point held (0 = oldest). */
export function embeddingSlot(state: EmbeddingsState, i: number): number {
  return (state.head - state.count + i + state.capacity) % state.capacity;
}

/** What a reader remembers of the state it last drew, to find what changed since. */
export interface RingMark {
  /** The ring's position buffer, so a different ring (a new bus) is told apart. */
  readonly positions: Float32Array;
  readonly head: number;
  readonly total: number;
}

/** A run of slots: `[start, count]`. */
export type SlotRange = readonly [start: number, count: number];

/**
 * The slot ranges written between `since` and `state` (oldest first, split
 * where the ring wraps): every held slot when there is no mark, the mark is of
 * another ring, or a whole ring's worth (or more) was written since.
 */
export function writtenSince(state: EmbeddingsState, since: RingMark | undefined): SlotRange[] {
  const all: SlotRange[] = state.count > 0 ? [[0, state.count]] : [];
  if (since === undefined || since.positions !== state.positions || since.total > state.total) return all;
  const written = state.total - since.total;
  if (written === 0) return [];
  if (written >= state.capacity) return all;
  const start = since.head;
  const first = Math.min(written, state.capacity - start);
  return first === written
    ? [[start, written]]
    : [
        [start, first],
        [0, written - first],
      ];
}
