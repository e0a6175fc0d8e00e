import type { EventOf } from '../contract/schemas.js';
import { addToRate, emptyRate, type RateWindow } from './rate-window.js';

type LiveDetection = EventOf<'live_detection'>;

/** Cells kept per host lane (newest on the right). */
export const LANE_CAPACITY = 60;
/** Lanes kept; past this the lane updated longest ago goes. A 10,000-host fleet fits. */
export const MAX_LANES = 16_384;
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
/** Lane slots are allocated in steps of this many hosts, growing by half each time. */
const SLOT_STEP = 8;

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
  /** Per cell (slot × LANE_CAPACITY + ring index): interned labels, NO_LANE_LABEL when absent. */
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

export interface LiveLanesState {
  readonly cells: LaneCells;
  /** Host ids with a lane, sorted for display (numerically: host-9 before host-10). */
  readonly hosts: readonly string[];
  /** Lane slot per host id (shared with the cells and written in place, like them). */
  readonly slots: ReadonlyMap<string, number>;
  /** The newest detection or follow-up. */
  readonly latest?: LaneCell;
  /** The last model any detection named (the badge keeps it when a detection names none). */
  readonly lastModel?: string;
  /** Detections received (follow-ups that fill a cell are not counted again). */
  readonly total: number;
  /** Cells whose truth is known, each counted once. */
  readonly judged: number;
  /** Of those, cells predicted correctly. */
  readonly hits: number;
  readonly rate: RateWindow;
  /** Bumped by every reduction: the cells changed in place. */
  readonly version: number;
}

function episodeTableSize(slots: number): number {
  let size = MIN_EPISODE_TABLE;
  while (size < slots * EPISODES_PER_SLOT && size < MAX_EPISODE_TABLE) size *= 2;
  return size;
}

function allocCells(slots: number): LaneCells {
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

/** Fresh, empty lanes (each bus gets its own cells). */
export function emptyLiveLanesState(): LiveLanesState {
  return {
    cells: allocCells(0),
    hosts: [],
    slots: new Map(),
    total: 0,
    judged: 0,
    hits: 0,
    rate: emptyRate(),
    version: 0,
  };
}

/**
 * The empty state. Its cells are empty and never written: the first
 * reduction allocates cells of its own.
 */
export const emptyLiveLanes: LiveLanesState = emptyLiveLanesState();

/**
 * A private copy of `state` whose cells can be written without touching the
 * original's. The cells are written in place, so history (the rewind
 * timeline) keeps copies, never references, and rebuilds from a copy.
 */
export function cloneLiveLanes(state: LiveLanesState): LiveLanesState {
  if (state.cells === emptyLiveLanes.cells) return state;
  const c = state.cells;
  const cells: LaneCells = {
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
  return { ...state, cells, slots: new Map(state.slots) };
}

const hostCollator = new Intl.Collator('en', { numeric: true });

/** Grows every per-slot and per-cell array to `slots` slots, keeping what they hold. */
function grow(c: LaneCells, slots: number): void {
  const old = c.slots;
  const n = slots * LANE_CAPACITY;
  const copy = <T extends { set(a: ArrayLike<number>): void }>(
    make: (n: number) => T,
    from: ArrayLike<number>,
    size: number,
  ) => {
    const to = make(size);
    to.set(from);
    return to;
  };
  c.hostIds.length = slots;
  c.hostIds.fill(undefined, old);
  c.start = copy((k) => new Uint8Array(k), c.start, slots);
  c.length = copy((k) => new Uint8Array(k), c.length, slots);
  c.touched = copy((k) => new Float64Array(k), c.touched, slots);
  c.predicted = copy((k) => new Uint16Array(k), c.predicted, n);
  c.actual = copy((k) => new Uint16Array(k), c.actual, n);
  c.model = copy((k) => new Uint16Array(k), c.model, n);
  c.profile = copy((k) => new Uint16Array(k), c.profile, n);
  c.confidence = copy((k) => new Float32Array(k), c.confidence, n);
  c.latency = copy((k) => new Float32Array(k), c.latency, n);
  c.windowIdx = copy((k) => new Int32Array(k), c.windowIdx, n);
  c.episode = copy((k) => new Uint32Array(k), c.episode, n);
  c.arrived = copy((k) => new Float64Array(k), c.arrived, n);
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

function intern(c: LaneCells, label: string | undefined): number {
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
function episodeSerial(c: LaneCells, id: string | undefined, add: boolean): number {
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
function episodeIdOf(c: LaneCells, serial: number): string | undefined {
  if (serial === 0) return undefined;
  const at = serial % c.episodeSerials.length;
  return c.episodeSerials[at] === serial ? c.episodeIds[at] : undefined;
}

/** Index into the cell arrays of the i-th oldest cell of `slot`. */
export function cellIndex(c: LaneCells, slot: number, i: number): number {
  return slot * LANE_CAPACITY + ((c.start[slot]! + i) % LANE_CAPACITY);
}

/**
 * The newest cell of the lane that a follow-up fills, or -1. With episode and
 * window it is the cell of that (episode, window). Without them (a producer
 * that does not track windows) it is the newest cell still waiting for truth
 * whose prediction is the follow-up's, within the episode or window when one
 * of them is given.
 */
function findFollowed(c: LaneCells, slot: number, event: LiveDetection): number {
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
function cellAt(c: LaneCells, k: number, hostId: string): LaneCell {
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
function freeSlot(c: LaneCells, slot: number): void {
  c.hostIds[slot] = undefined;
  c.start[slot] = 0;
  c.length[slot] = 0;
  c.touched[slot] = 0;
}

/** The sorted list with `added` merged in (a copy) and `removed` left out: linear, plus sorting what was added. */
function withHosts(
  hosts: readonly string[],
  added: readonly string[],
  removed: ReadonlySet<string>,
): string[] {
  const incoming = added.filter((id) => !removed.has(id)).sort(hostCollator.compare);
  const out: string[] = [];
  let j = 0;
  for (const id of hosts) {
    if (removed.has(id)) continue;
    while (j < incoming.length && hostCollator.compare(incoming[j]!, id) < 0) out.push(incoming[j++]!);
    out.push(id);
  }
  while (j < incoming.length) out.push(incoming[j++]!);
  return out;
}

/**
 * Adds a batch of detections. A detection carrying `actual` fills the cell it
 * follows up (see `findFollowed`) instead of adding one; the hit rate counts
 * each cell once, when its truth first arrives. Writes the shared cells in
 * place (see LaneCells) and returns a new state.
 */
export function reduceLiveLanes(
  state: LiveLanesState,
  events: readonly LiveDetection[],
  now: number,
): LiveLanesState {
  if (events.length === 0) return state;
  // The shared empty state's cells stay empty: the first batch gets cells of its own.
  const c = state.cells === emptyLiveLanes.cells ? allocCells(0) : state.cells;
  // Shared and written in place like the cells: copying 10,000 ids per new host would be quadratic.
  const slots = (c === state.cells ? state.slots : new Map(state.slots)) as Map<string, number>;
  let hosts = state.hosts;
  const added: string[] = [];
  const removed = new Set<string>();
  let { total, judged, hits, latest, lastModel } = state;
  let addedCells = 0;
  // The newest cell touched, made an object once at the end (not once per event).
  let latestAt = -1;
  let latestHost = '';

  for (const event of events) {
    let slot = slots.get(event.host_id);
    if (slot === undefined) {
      if (slots.size >= MAX_LANES) {
        // Full: the lane updated longest ago goes.
        let stalest = 0;
        for (let s = 1; s < c.slots; s++) if (c.touched[s]! < c.touched[stalest]!) stalest = s;
        const evicted = c.hostIds[stalest]!;
        slots.delete(evicted);
        freeSlot(c, stalest);
        removed.add(evicted);
        slot = stalest;
      } else {
        if (slots.size >= c.slots)
          grow(c, Math.min(MAX_LANES, Math.ceil((c.slots * 1.5 + 1) / SLOT_STEP) * SLOT_STEP));
        slot = slots.size;
        // Free slots are the tail after an eviction-free run; find one if the tail is taken.
        while (c.hostIds[slot] !== undefined) slot = (slot + 1) % c.slots;
      }
      c.hostIds[slot] = event.host_id;
      slots.set(event.host_id, slot);
      // Evicted and back in the same batch: it keeps its place in the list.
      if (!removed.delete(event.host_id)) added.push(event.host_id);
    }
    c.touched[slot] = now;
    if (event.model !== undefined) lastModel = event.model;

    if (event.actual !== undefined) {
      const k = findFollowed(c, slot, event);
      if (k >= 0) {
        if (c.actual[k] === NO_LANE_LABEL) {
          const actual = intern(c, event.actual);
          c.actual[k] = actual;
          judged++;
          if (c.predicted[k] === actual) hits++;
          latestAt = k;
          latestHost = event.host_id;
        }
        continue;
      }
    }
    // Append, overwriting the oldest cell of a full lane.
    const len = c.length[slot]!;
    let k: number;
    if (len < LANE_CAPACITY) {
      k = cellIndex(c, slot, len);
      c.length[slot] = len + 1;
    } else {
      k = cellIndex(c, slot, 0);
      c.start[slot] = (c.start[slot]! + 1) % LANE_CAPACITY;
    }
    const predicted = intern(c, event.predicted);
    const actual = intern(c, event.actual);
    c.predicted[k] = predicted;
    c.actual[k] = actual;
    c.model[k] = intern(c, event.model);
    c.profile[k] = intern(c, event.profile);
    c.confidence[k] = event.confidence ?? Number.NaN;
    c.latency[k] = event.latency_ms ?? Number.NaN;
    c.windowIdx[k] = event.window_idx ?? -1;
    c.episode[k] = episodeSerial(c, event.episode_id, true);
    c.arrived[k] = now;
    if (actual !== NO_LANE_LABEL) {
      judged++;
      if (actual === predicted) hits++;
    }
    latestAt = k;
    latestHost = event.host_id;
    total++;
    addedCells++;
  }

  if (latestAt >= 0) latest = cellAt(c, latestAt, latestHost);
  if (added.length > 0 || removed.size > 0) hosts = withHosts(hosts, added, removed);
  return {
    cells: c,
    hosts,
    slots,
    latest,
    lastModel,
    total,
    judged,
    hits,
    rate: addToRate(state.rate, now, addedCells),
    version: state.version + 1,
  };
}

/** Cells in `host`'s lane (0 when it has none). */
export function laneLength(state: LiveLanesState, host: string): number {
  const slot = state.slots.get(host);
  return slot === undefined ? 0 : state.cells.length[slot]!;
}

/** The i-th oldest cell of `host`'s lane as an object, or undefined. */
export function laneCell(state: LiveLanesState, host: string, i: number): LaneCell | undefined {
  const slot = state.slots.get(host);
  if (slot === undefined || i < 0 || i >= state.cells.length[slot]!) return undefined;
  return cellAt(state.cells, cellIndex(state.cells, slot, i), host);
}

/** `host`'s lane as objects, oldest first (for tests, tooltips and small readers; the scene reads the arrays). */
export function laneCells(state: LiveLanesState, host: string): LaneCell[] {
  const out: LaneCell[] = [];
  const n = laneLength(state, host);
  for (let i = 0; i < n; i++) out.push(laneCell(state, host, i)!);
  return out;
}

/** Running hit rate in 0–1, or undefined before any truth arrived. */
export function hitRate(state: LiveLanesState): number | undefined {
  return state.judged > 0 ? state.hits / state.judged : undefined;
}
