import type { EventOf } from '../contract/schemas.js';
import { addToRate, emptyRate, type RateWindow } from './rate-window.js';

type LiveDetection = EventOf<'live_detection'>;

/** Cells kept per host lane (newest on the right). */
export const LANE_CAPACITY = 60;
/** Lanes kept; past this the lane updated longest ago goes. */
export const MAX_LANES = 1024;

/** One detection in a lane. `actual` may arrive later as a follow-up. */
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
  readonly t_wall?: number;
  /** Arrival time (ms), by the bus clock. */
  readonly arrived: number;
}

export interface LiveLanesState {
  /** Cells per host, oldest first, at most LANE_CAPACITY each. */
  readonly lanes: ReadonlyMap<string, readonly LaneCell[]>;
  /** Host ids sorted for display. */
  readonly hosts: readonly string[];
  /** Last arrival per host (ms), to evict the stalest lane. */
  readonly touched: ReadonlyMap<string, number>;
  /** The newest detection or follow-up. */
  readonly latest?: LaneCell;
  /** Detections received (follow-ups that fill a cell are not counted again). */
  readonly total: number;
  /** Cells whose truth is known, each counted once. */
  readonly judged: number;
  /** Of those, cells predicted correctly. */
  readonly hits: number;
  readonly rate: RateWindow;
}

export const emptyLiveLanes: LiveLanesState = {
  lanes: new Map(),
  hosts: [],
  touched: new Map(),
  total: 0,
  judged: 0,
  hits: 0,
  rate: emptyRate(),
};

const hostCollator = new Intl.Collator('en', { numeric: true });

/**
 * The event as a cell. Written field by field rather than with a rest spread:
 * every cell then has one shape, and building it is several times cheaper
 * (this runs once per detection, the most frequent event).
 */
function cellOf(event: LiveDetection, now: number): LaneCell {
  return {
    host_id: event.host_id,
    predicted: event.predicted,
    actual: event.actual,
    confidence: event.confidence,
    model: event.model,
    profile: event.profile,
    episode_id: event.episode_id,
    window_idx: event.window_idx,
    latency_ms: event.latency_ms,
    t_wall: event.t_wall,
    arrived: now,
  };
}

/**
 * The newest cell of the lane for (episode, window), or -1. A plain loop
 * comparing the number first: every detection that carries `actual` is looked
 * up, most of them in vain, so this scan was the reducer's hottest line.
 */
function findWindow(lane: readonly LaneCell[], episodeId: string, windowIdx: number): number {
  for (let i = lane.length - 1; i >= 0; i--) {
    const cell = lane[i]!;
    if (cell.window_idx === windowIdx && cell.episode_id === episodeId) return i;
  }
  return -1;
}

/**
 * Adds a batch of detections. A detection carrying `actual` for a
 * (host, episode, window) still in the lane fills that cell instead of adding
 * one; the hit rate counts each cell once, when its truth first arrives.
 */
export function reduceLiveLanes(
  state: LiveLanesState,
  events: readonly LiveDetection[],
  now: number,
): LiveLanesState {
  if (events.length === 0) return state;
  const lanes = new Map(state.lanes);
  const touched = new Map(state.touched);
  const copied = new Set<string>();
  let { total, judged, hits } = state;
  let latest = state.latest;
  let added = 0;
  let newHost = false;

  for (const event of events) {
    let lane = lanes.get(event.host_id) as LaneCell[] | undefined;
    if (!lane) {
      lane = [];
      newHost = true;
      copied.add(event.host_id);
      lanes.set(event.host_id, lane);
    } else if (!copied.has(event.host_id)) {
      lane = lane.slice();
      copied.add(event.host_id);
      lanes.set(event.host_id, lane);
    }
    touched.set(event.host_id, now);

    if (event.actual !== undefined && event.episode_id !== undefined && event.window_idx !== undefined) {
      const at = findWindow(lane, event.episode_id, event.window_idx);
      if (at >= 0) {
        const cell = lane[at]!;
        if (cell.actual === undefined) {
          judged++;
          if (cell.predicted === event.actual) hits++;
          lane[at] = { ...cell, actual: event.actual };
          latest = lane[at];
        }
        continue;
      }
    }
    const cell = cellOf(event, now);
    if (cell.actual !== undefined) {
      judged++;
      if (cell.actual === cell.predicted) hits++;
    }
    lane.push(cell);
    if (lane.length > LANE_CAPACITY) lane.splice(0, lane.length - LANE_CAPACITY);
    latest = cell;
    total++;
    added++;
  }

  if (lanes.size > MAX_LANES) {
    const stalest = [...touched.entries()].sort((a, b) => a[1] - b[1]).slice(0, lanes.size - MAX_LANES);
    for (const [host] of stalest) {
      lanes.delete(host);
      touched.delete(host);
    }
    newHost = true;
  }
  const hosts = newHost ? [...lanes.keys()].sort(hostCollator.compare) : state.hosts;
  return { lanes, hosts, touched, latest, total, judged, hits, rate: addToRate(state.rate, now, added) };
}

/** Running hit rate in 0–1, or undefined before any truth arrived. */
export function hitRate(state: LiveLanesState): number | undefined {
  return state.judged > 0 ? state.hits / state.judged : undefined;
}
