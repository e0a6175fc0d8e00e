import type { EventOf } from '../contract/schemas.js';

type Snapshot = EventOf<'snapshot'>;
type Episode = EventOf<'episode'>;

/** Episodes kept by id; past this the least recently updated go. */
export const MAX_EPISODES = 512;
/** Completed episodes kept for tickers and the db list, newest first. */
export const RECENT_COMPLETE = 20;

/** An episode as last received, with its arrival time. */
export interface EpisodeRecord extends Episode {
  readonly updated: number;
}

export interface FleetState {
  /** The latest snapshot and when it arrived (ms). */
  readonly snapshot?: Snapshot;
  readonly snapshotAt?: number;
  /** Fleet-wide telemetry samples per second, from consecutive snapshots. */
  readonly samplesPerSecond?: number;
  /** Episodes by id, the latest event per id. */
  readonly episodes: ReadonlyMap<string, EpisodeRecord>;
  /** Per host, the episode now recording. */
  readonly recording: ReadonlyMap<string, string>;
  /** Last completed episodes, newest first. */
  readonly recentComplete: readonly EpisodeRecord[];
  /** Completed episodes seen per host on this bus (for hosts a snapshot does not count). */
  readonly completedByHost: ReadonlyMap<string, number>;
}

export const emptyFleet: FleetState = {
  episodes: new Map(),
  recording: new Map(),
  recentComplete: [],
  completedByHost: new Map(),
};

function samplesRate(prev: FleetState, next: Snapshot, now: number): number | undefined {
  const before = prev.snapshot;
  if (before && prev.snapshotAt !== undefined) {
    const dt =
      before.t_wall !== undefined && next.t_wall !== undefined
        ? next.t_wall - before.t_wall
        : (now - prev.snapshotAt) / 1000;
    const dSamples = next.totals.samples - before.totals.samples;
    if (dt > 0 && dSamples >= 0) return dSamples / dt;
  }
  // First snapshot: estimate from the per-host rate, if the producer gave it.
  if (next.sample_hz !== undefined) return next.sample_hz * next.hosts.filter((h) => h.online).length;
  return prev.samplesPerSecond;
}

/** Reduces snapshots and episodes into the fleet picture. */
export function reduceFleet(
  state: FleetState,
  events: readonly (Snapshot | Episode)[],
  now: number,
): FleetState {
  if (events.length === 0) return state;
  let next = state;
  let episodes: Map<string, EpisodeRecord> | undefined;
  let recording: Map<string, string> | undefined;
  let completedByHost: Map<string, number> | undefined;
  let recentComplete = state.recentComplete;

  for (const event of events) {
    if (event.type === 'snapshot') {
      next = { ...next, snapshot: event, snapshotAt: now, samplesPerSecond: samplesRate(next, event, now) };
      continue;
    }
    episodes ??= new Map(state.episodes);
    recording ??= new Map(state.recording);
    const previous = episodes.get(event.episode_id);
    const record: EpisodeRecord = { ...event, updated: now };
    episodes.delete(event.episode_id); // re-insert so Map order is recency order
    episodes.set(event.episode_id, record);
    if (event.status === 'recording') {
      recording.set(event.host_id, event.episode_id);
    } else {
      if (recording.get(event.host_id) === event.episode_id) recording.delete(event.host_id);
      if (previous?.status !== 'complete') {
        completedByHost ??= new Map(state.completedByHost);
        completedByHost.set(event.host_id, (completedByHost.get(event.host_id) ?? 0) + 1);
      }
      recentComplete = [record, ...recentComplete.filter((e) => e.episode_id !== event.episode_id)].slice(
        0,
        RECENT_COMPLETE,
      );
    }
    if (episodes.size > MAX_EPISODES) {
      const oldest = episodes.keys().next().value as string;
      episodes.delete(oldest);
    }
  }
  return {
    ...next,
    episodes: episodes ?? next.episodes,
    recording: recording ?? next.recording,
    recentComplete,
    completedByHost: completedByHost ?? next.completedByHost,
  };
}
