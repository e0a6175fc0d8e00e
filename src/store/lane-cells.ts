import type { EventOf } from '../contract/schemas.js';

type LiveDetection = EventOf<'live_detection'>;

/** Cells kept per host lane (newest on the right). */
export const LANE_CAPACITY = 60;
/** Distinct labels (phases, models, profiles) interned; beyond this they share "other". */
const MAX_LABELS = 4096;
/**
 * Episode ids remembered for matching follow-ups and tooltips, per lane slot
 * (a lane spans two or three episodes), between the bounds; older cells show none.
 */
const EPISODES_PER_SLOT = 8;
const MIN_EPISODE_TABLE = 512;
const MAX_EPISODE_TABLE = 1 << 17;
/** Label id 0: absent (a cell waiting for truth has actual 0). */
export const NO_LANE_LABEL = 0;

/** One detection in a lane, as a reader sees it (built on demand, never stored). */
export interface LaneCell {
  readonly host_id: string;
  readonly predicted: string;
  readonly actual?: string;
  readonly confidence?: number;
  readonly model?: string;
  readonly profile?: string;
  readonly episode_id?: string;
  readonly window_idx?: number;
  readonly latency_ms?: number;
  /** Arrival time (ms), by the bus clock. */
  readonly arrived: number;
}

/**
 * The lanes' cells in typed arrays, one ring of LANE_CAPACITY cells per host
 * slot: a 10,000-host fleet's 600,000 cells cost about 20 MB and no object
 * each. Like the embeddings ring this is not copy-on-write — copying it per
 * batch would cost more than drawing it: each reduction writes in place and
 * returns a new state object (new `version`), so readers still see a change
 * of identity but must not keep old states expecting their cells to stay.
 * Plain data (arrays, maps), so a state survives `structuredClone`.
 */
export interface LaneCells {
  /** Host slots allocated. */
  slots: number;
  /** Host id per slot (undefined: free). */
  hostIds: (string | undefined)[];
  /** Ring start and length per slot. */
  start: Uint8Array;
  length: Uint8Array;
  /** Last arrival per slot (ms), to evict the stalest lane. */
  touched: Float64Array;
  /**
   * Per cell, at ring position × slots + slot (see cellIndex): interned
   * labels, NO_LANE_LABEL when absent.
   */
  predicted: Uint16Array;
  actual: Uint16Array;
  model: Uint16Array;
  profile: Uint16Array;
  /** Per cell: NaN when absent. */
  confidence: Float32Array;
  latency: Float32Array;
  /** Per cell: -1 when absent. */
  windowIdx: Int32Array;
  /** Per cell: episode serial (0 absent), looked up in the episode table. */
  episode: Uint32Array;
  arrived: Float64Array;
  /** Interned label strings by id; id 0 is the empty label. */
  labels: string[];
  labelIds: Map<string, number>;
  /** Episode ids by serial modulo the table's length, with the serial each entry holds. */
  episodeIds: (string | undefined)[];
  episodeSerials: Uint32Array;
  episodeOf: Map<string, number>;
  nextSerial: number;
}

function episodeTableSize(slots: number): number {
  let size = MIN_EPISODE_TABLE;
  while (size < slots * EPISODES_PER_SLOT && size < MAX_EPISODE_TABLE) size *= 2;
  return size;
}

export function allocCells(slots: number): LaneCells {
  const n = slots * LANE_CAPACITY;
  return {
    slots,
    hostIds: new Array<string | undefined>(slots).fill(undefined),
    start: new Uint8Array(slots),
    length: new Uint8Array(slots),
    touched: new Float64Array(slots),
    predicted: new Uint16Array(n),
    actual: new Uint16Array(n),
    model: new Uint16Array(n),
    profile: new Uint16Array(n),
    confidence: new Float32Array(n),
    latency: new Float32Array(n),
    windowIdx: new Int32Array(n),
    episode: new Uint32Array(n),
    arrived: new Float64Array(n),
    labels: [''],
    labelIds: new Map([['', NO_LANE_LABEL]]),
    // Filled up front: an array grown by writes at scattered indices turns into a slow dictionary.
    episodeIds: new Array<string | undefined>(episodeTableSize(slots)).fill(undefined),
    episodeSerials: new Uint32Array(episodeTableSize(slots)),
    episodeOf: new Map(),
    nextSerial: 1,
  };
}

/** A private copy of the cells, every array and map copied (the rewind timeline keeps copies). */
export function cloneCells(c: LaneCells): LaneCells {
  return {
    ...c,
    hostIds: c.hostIds.slice(),
    start: c.start.slice(),
    length: c.length.slice(),
    touched: c.touched.slice(),
    predicted: c.predicted.slice(),
    actual: c.actual.slice(),
    model: c.model.slice(),
    profile: c.profile.slice(),
    confidence: c.confidence.slice(),
    latency: c.latency.slice(),
    windowIdx: c.windowIdx.slice(),
    episode: c.episode.slice(),
    arrived: c.arrived.slice(),
    labels: c.labels.slice(),
    labelIds: new Map(c.labelIds),
    episodeIds: c.episodeIds.slice(),
    episodeSerials: c.episodeSerials.slice(),
    episodeOf: new Map(c.episodeOf),
  };
}

/** Bytes the cells' typed arrays hold (what a copy of them costs, give or take the id tables). */
export function cellBytes(c: LaneCells): number {
  // Summed in place: the rewind timeline asks on every batch.
  return (
    c.predicted.byteLength +
    c.actual.byteLength +
    c.model.byteLength +
    c.profile.byteLength +
    c.confidence.byteLength +
    c.latency.byteLength +
    c.windowIdx.byteLength +
    c.episode.byteLength +
    c.arrived.byteLength +
    c.start.byteLength +
    c.length.byteLength +
    c.touched.byteLength +
    c.episodeSerials.byteLength
  );
}

/** A typed array of any element type, as `grow` copies them. */
interface Cells<T> {
  readonly length: number;
  set(from: T, offset?: number): void;
  subarray(begin: number, end: number): T;
}

/** Grows every per-slot and per-cell array to `slots` slots, keeping what they hold. */
export function grow(c: LaneCells, slots: number): void {
  const old = c.slots;
  const n = slots * LANE_CAPACITY;
  const perSlot = <T extends Cells<T>>(make: (n: number) => T, from: T) => {
    const to = make(slots);
    to.set(from);
    return to;
  };
  // Cells sit by ring position (see cellIndex): each position's row of `old` slots moves to its wider row.
  const perCell = <T extends Cells<T>>(make: (n: number) => T, from: T) => {
    const to = make(n);
    for (let p = 0; p < LANE_CAPACITY; p++) to.set(from.subarray(p * old, (p + 1) * old), p * slots);
    return to;
  };
  c.hostIds.length = slots;
  c.hostIds.fill(undefined, old);
  c.start = perSlot((k) => new Uint8Array(k), c.start);
  c.length = perSlot((k) => new Uint8Array(k), c.length);
  c.touched = perSlot((k) => new Float64Array(k), c.touched);
  c.predicted = perCell((k) => new Uint16Array(k), c.predicted);
  c.actual = perCell((k) => new Uint16Array(k), c.actual);
  c.model = perCell((k) => new Uint16Array(k), c.model);
  c.profile = perCell((k) => new Uint16Array(k), c.profile);
  c.confidence = perCell((k) => new Float32Array(k), c.confidence);
  c.latency = perCell((k) => new Float32Array(k), c.latency);
  c.windowIdx = perCell((k) => new Int32Array(k), c.windowIdx);
  c.episode = perCell((k) => new Uint32Array(k), c.episode);
  c.arrived = perCell((k) => new Float64Array(k), c.arrived);
  c.slots = slots;
  const size = episodeTableSize(slots);
  if (size !== c.episodeSerials.length) {
    // Re-file the remembered ids by serial, oldest first, so on a collision the newer one stays.
    const entries = [...c.episodeOf.entries()].sort((a, b) => a[1] - b[1]);
    c.episodeIds = new Array<string | undefined>(size).fill(undefined);
    c.episodeSerials = new Uint32Array(size);
    c.episodeOf.clear();
    for (const [id, serial] of entries) {
      const at = serial % size;
      const evicted = c.episodeIds[at];
      if (evicted !== undefined) c.episodeOf.delete(evicted);
      c.episodeIds[at] = id;
      c.episodeSerials[at] = serial;
      c.episodeOf.set(id, serial);
    }
  }
}

export function intern(c: LaneCells, label: string | undefined): number {
  if (label === undefined) return NO_LANE_LABEL;
  let id = c.labelIds.get(label);
  if (id === undefined) {
    if (c.labels.length >= MAX_LABELS) return intern(c, 'other');
    id = c.labels.length;
    c.labels.push(label);
    c.labelIds.set(label, id);
  }
  return id;
}

/** The serial of an episode id, interning it when `add` (0 when absent or forgotten). */
export function episodeSerial(c: LaneCells, id: string | undefined, add: boolean): number {
  if (id === undefined) return 0;
  const known = c.episodeOf.get(id);
  if (known !== undefined || !add) return known ?? 0;
  const serial = c.nextSerial++;
  const at = serial % c.episodeSerials.length;
  const evicted = c.episodeIds[at];
  if (evicted !== undefined) c.episodeOf.delete(evicted);
  c.episodeIds[at] = id;
  c.episodeSerials[at] = serial;
  c.episodeOf.set(id, serial);
  return serial;
}

/** The episode id a cell's serial stands for, if still remembered. */
export function episodeIdOf(c: LaneCells, serial: number): string | undefined {
  if (serial === 0) return undefined;
  const at = serial % c.episodeSerials.length;
  return c.episodeSerials[at] === serial ? c.episodeIds[at] : undefined;
}

/**
 * Index into the cell arrays of the i-th oldest cell of `slot`. Position-major
 * (ring position × slots + slot): a young fleet's cells share the first few
 * rows, so a 10,000-host warm start of 3 cells a host touches a twentieth of
 * the lanes' 20 MB rather than a page or two of every slot (first touches of
 * memory are slow; the warm start ran about 15% faster cold).
 */
export function cellIndex(c: LaneCells, slot: number, i: number): number {
  return ((c.start[slot]! + i) % LANE_CAPACITY) * c.slots + slot;
}

/**
 * The newest cell of the lane that a follow-up fills, or -1. With episode and
 * window it is the cell of that (episode, window). Without them (a producer
 * that does not track windows) it is the newest cell still waiting for truth
 * whose prediction is the follow-up's, within the episode or window when one
 * of them is given.
 */
export function findFollowed(c: LaneCells, slot: number, event: LiveDetection): number {
  const len = c.length[slot]!;
  const episode = episodeSerial(c, event.episode_id, false);
  if (event.episode_id !== undefined && episode === 0) return -1;
  const window = event.window_idx ?? -1;
  if (event.episode_id !== undefined && event.window_idx !== undefined) {
    // A plain loop comparing the number first: most truth-carrying detections are looked up in vain.
    for (let i = len - 1; i >= 0; i--) {
      const k = cellIndex(c, slot, i);
      if (c.windowIdx[k] === window && c.episode[k] === episode) return k;
    }
    return -1;
  }
  const predicted = c.labelIds.get(event.predicted);
  if (predicted === undefined) return -1;
  for (let i = len - 1; i >= 0; i--) {
    const k = cellIndex(c, slot, i);
    if (c.actual[k] !== NO_LANE_LABEL || c.predicted[k] !== predicted) continue;
    if (event.episode_id !== undefined && c.episode[k] !== episode) continue;
    if (event.window_idx !== undefined && c.windowIdx[k] !== window) continue;
    return k;
  }
  return -1;
}

/** The cell at index `k` as an object, for tooltips and callouts. */
export function cellAt(c: LaneCells, k: number, hostId: string): LaneCell {
  const label = (id: number) => (id === NO_LANE_LABEL ? undefined : c.labels[id]);
  const confidence = c.confidence[k]!;
  const latency = c.latency[k]!;
  const window = c.windowIdx[k]!;
  return {
    host_id: hostId,
    predicted: c.labels[c.predicted[k]!] ?? '',
    actual: label(c.actual[k]!),
    confidence: Number.isNaN(confidence) ? undefined : Math.round(confidence * 1e6) / 1e6,
    model: label(c.model[k]!),
    profile: label(c.profile[k]!),
    episode_id: episodeIdOf(c, c.episode[k]!),
    window_idx: window < 0 ? undefined : window,
    latency_ms: Number.isNaN(latency) ? undefined : Math.round(latency * 1e6) / 1e6,
    arrived: c.arrived[k]!,
  };
}

/** Clears a slot for reuse. */
export function freeSlot(c: LaneCells, slot: number): void {
  c.hostIds[slot] = undefined;
  c.start[slot] = 0;
  c.length[slot] = 0;
  c.touched[slot] = 0;
}
