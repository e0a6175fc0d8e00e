import type { EventOf } from '../contract/schemas.js';
import { compareHostIds } from './host-order.js';
import {
  allocCells,
  cellAt,
  cellBytes,
  cellIndex,
  cloneCells,
  episodeSerial,
  findFollowed,
  freeSlot,
  grow,
  intern,
  LANE_CAPACITY,
  type LaneCell,
  type LaneCells,
  NO_LANE_LABEL,
} from './lane-cells.js';
import { addToRate, emptyRate, type RateWindow } from './rate-window.js';

export { cellIndex, LANE_CAPACITY, type LaneCell, type LaneCells, NO_LANE_LABEL } from './lane-cells.js';

type LiveDetection = EventOf<'live_detection'>;

/** Lanes kept; past this the lane updated longest ago goes. A 10,000-host fleet fits. */
export const MAX_LANES = 16_384;
/** Lane slots are allocated in steps of this many hosts, growing by half each time. */
const SLOT_STEP = 8;

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
  return { ...state, cells: cloneCells(state.cells), slots: new Map(state.slots) };
}

/** Slots for `hosts` lanes, rounded up to the allocation step and capped at MAX_LANES. */
function slotsFor(hosts: number): number {
  return Math.min(MAX_LANES, Math.ceil(hosts / SLOT_STEP) * SLOT_STEP);
}

/**
 * Room for `hosts` lanes, allocated now: a fleet snapshot says how many hosts
 * will report, and growing one step at a time as 10,000 hosts join copies
 * every lane array about twenty times (a third of a large warm start). Only
 * capacity changes; what the lanes hold does not.
 */
export function reserveLanes(state: LiveLanesState, hosts: number): LiveLanesState {
  const slots = slotsFor(hosts);
  if (slots <= state.cells.slots) return state;
  // The shared empty state is never written: fresh cells and a fresh slot map.
  if (state.cells === emptyLiveLanes.cells) return { ...emptyLiveLanesState(), cells: allocCells(slots) };
  grow(state.cells, slots);
  return state;
}

/** Bytes a copy of `state`'s lanes costs (see cellBytes). */
export function laneBytes(state: LiveLanesState): number {
  return cellBytes(state.cells);
}

/**
 * The sorted list with `added` merged in (a copy) and `removed` left out.
 * A few new ids find their places by binary search, the runs between copied
 * without comparing: a 10,000-host warm start adds its hosts a few hundred
 * a batch, and comparing every listed id per batch was a quarter of reducing
 * its lanes, run cold. When so many join at once that their searches would
 * compare more than the list holds (a large fleet's first second), one
 * merge pass compares each listed id at most once instead.
 */
function withHosts(
  hosts: readonly string[],
  added: readonly string[],
  removed: ReadonlySet<string>,
): string[] {
  const incoming = added.filter((id) => !removed.has(id)).sort(compareHostIds);
  const kept = removed.size === 0 ? hosts : hosts.filter((id) => !removed.has(id));
  const merge = incoming.length * Math.log2(kept.length + 1) > kept.length + incoming.length;
  const out: string[] = [];
  let from = 0;
  for (const id of incoming) {
    // After every listed id that sorts at or before it.
    let lo = from;
    if (merge) {
      while (lo < kept.length && compareHostIds(kept[lo]!, id) <= 0) lo++;
    } else {
      let hi = kept.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareHostIds(kept[mid]!, id) <= 0) lo = mid + 1;
        else hi = mid;
      }
    }
    for (let i = from; i < lo; i++) out.push(kept[i]!);
    out.push(id);
    from = lo;
  }
  for (let i = from; i < kept.length; i++) out.push(kept[i]!);
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
        if (slots.size >= c.slots) grow(c, slotsFor(c.slots * 1.5 + 1));
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

/** The lane position (0 oldest) of cell index `k` in `host`'s lane, or -1 when the lane does not hold it. */
export function lanePosition(state: LiveLanesState, host: string, k: number): number {
  const slot = state.slots.get(host);
  const c = state.cells;
  if (slot === undefined || k < 0 || k % c.slots !== slot) return -1;
  // The inverse of cellIndex: k sits at ring position k / slots, counted from the lane's start.
  const i = (Math.floor(k / c.slots) - c.start[slot]! + LANE_CAPACITY) % LANE_CAPACITY;
  return i < c.length[slot]! ? i : -1;
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
