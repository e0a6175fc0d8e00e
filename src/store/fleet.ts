import { type EventOf, MAX_SNAPSHOT_HOSTS } from '../contract/schemas.js';
import { compareHostIds } from './host-order.js';
import { LayeredMap, type LayeredMapDraft } from './layered-map.js';

type Snapshot = EventOf<'snapshot'>;
type Episode = EventOf<'episode'>;

/** Episodes kept by id; past this the least recently updated go. */
export const MAX_EPISODES = 512;
/**
 * Hosts the per-host maps (recording, completed counts) keep; past this the
 * host heard from longest ago goes. As many as a snapshot can list: episodes
 * naming ever new host ids must not grow the store without end.
 */
export const MAX_FLEET_HOSTS = MAX_SNAPSHOT_HOSTS;
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
  /** Per host, the episode now recording (hosts least recently heard from first). */
  readonly recording: LayeredMap<string, string>;
  /** Last completed episodes, newest first. */
  readonly recentComplete: readonly EpisodeRecord[];
  /** Completed episodes seen per host on this bus (for hosts a snapshot does not count). */
  readonly completedByHost: LayeredMap<string, number>;
}

export const emptyFleet: FleetState = {
  episodes: new Map(),
  recording: LayeredMap.empty(MAX_FLEET_HOSTS),
  recentComplete: [],
  completedByHost: LayeredMap.empty(MAX_FLEET_HOSTS),
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
  // Drafts of the per-host maps: a batch writes a few of 10,000 hosts, so it copies no map (LayeredMap).
  let recording: LayeredMapDraft<string, string> | undefined;
  let completedByHost: LayeredMapDraft<string, number> | undefined;
  let recentComplete = state.recentComplete;

  for (const event of events) {
    if (event.type === 'snapshot') {
      next = { ...next, snapshot: event, snapshotAt: now, samplesPerSecond: samplesRate(next, event, now) };
      continue;
    }
    episodes ??= new Map(state.episodes);
    recording ??= state.recording.edit();
    const previous = episodes.get(event.episode_id);
    const record: EpisodeRecord = { ...event, updated: now };
    episodes.delete(event.episode_id); // re-insert so Map order is recency order
    episodes.set(event.episode_id, record);
    if (event.status === 'recording') {
      recording.set(event.host_id, event.episode_id);
    } else {
      if (recording.get(event.host_id) === event.episode_id) recording.delete(event.host_id);
      if (previous?.status !== 'complete') {
        completedByHost ??= state.completedByHost.edit();
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
    recording: recording?.done() ?? next.recording,
    recentComplete,
    completedByHost: completedByHost?.done() ?? next.completedByHost,
  };
}

/**
 * The fleet state as a structured clone carries it (the presenter's mirror
 * of the deck's stores): its layered maps as plain Maps, which a clone
 * keeps; a LayeredMap would arrive without its methods.
 */
export interface CloneableFleet extends Omit<FleetState, 'recording' | 'completedByHost'> {
  readonly recording: ReadonlyMap<string, string>;
  readonly completedByHost: ReadonlyMap<string, number>;
}

/** `fleet` ready for a structured clone (see CloneableFleet). */
export function cloneableFleet(fleet: FleetState): CloneableFleet {
  return { ...fleet, recording: new Map(fleet.recording), completedByHost: new Map(fleet.completedByHost) };
}

/** A fleet state back from its clone (see cloneableFleet). */
export function revivedFleet(fleet: CloneableFleet): FleetState {
  return {
    ...fleet,
    recording: LayeredMap.from(fleet.recording, MAX_FLEET_HOSTS),
    completedByHost: LayeredMap.from(fleet.completedByHost, MAX_FLEET_HOSTS),
  };
}

/** Above this many hosts, episodes complete several times a second: lists of them change too often to animate. */
export const BUSY_FLEET_HOSTS = 100;

/**
 * Whether the fleet is busy: more than BUSY_FLEET_HOSTS hosts in the latest
 * snapshot. A list of arrivals (the collect scene's ticker, the db scene's
 * last episodes) then shows them without the slide-in: at 10,000 hosts a
 * new one came every few milliseconds, and the whole list stayed faded.
 */
export function isBusyFleet(state: FleetState): boolean {
  return (state.snapshot?.hosts.length ?? 0) > BUSY_FLEET_HOSTS;
}

/** Hosts online in the latest snapshot, out of the hosts it lists; undefined before a snapshot. */
export function hostsOnline(state: FleetState): { online: number; total: number } | undefined {
  const hosts = state.snapshot?.hosts;
  if (!hosts) return undefined;
  let online = 0;
  for (const host of hosts) if (host.online) online++;
  return { online, total: hosts.length };
}

/** One host as the hosts scene shows it, merged from the snapshot and the episodes. */
export interface HostView {
  readonly host_id: string;
  /** Undefined when only episodes named the host (no snapshot lists it). */
  readonly online?: boolean;
  readonly phase?: string;
  readonly profile?: string;
  /** Episodes collected: the snapshot's count, else completed episodes seen on this bus. */
  readonly episodes?: number;
  /** Seconds since the host was last seen, at `now`; undefined when unknown. */
  readonly lastSeenAgoS?: number;
  /** The episode the host is recording now, if any. */
  readonly recording?: string;
}

function lastPhase(record: EpisodeRecord | undefined): string | undefined {
  const spans = record?.phases;
  return spans && spans.length > 0 ? spans[spans.length - 1]!.phase : undefined;
}

/**
 * Every host the fleet store knows at `now` (ms), sorted by id (numerically,
 * so host-2 comes before host-10). A snapshot's fields win; a host that only
 * episodes have named is listed too, with what its episodes tell. "Last seen"
 * is measured on the producer's clock when the snapshot carries `t_wall`
 * (snapshot time minus `last_seen`, plus the time since the snapshot
 * arrived), so a producer whose clock differs from the viewer's still shows
 * sensible ages. Bounded by the snapshot's host cap plus MAX_EPISODES.
 */
export function fleetHosts(state: FleetState, now: number): HostView[] {
  const byId = new Map<string, HostView>();
  const snapshot = state.snapshot;
  const sinceSnapshotS = state.snapshotAt !== undefined ? Math.max(0, (now - state.snapshotAt) / 1000) : 0;
  if (snapshot) {
    for (const host of snapshot.hosts) {
      const recordingId = state.recording.get(host.host_id);
      const record = recordingId !== undefined ? state.episodes.get(recordingId) : undefined;
      let lastSeenAgoS: number | undefined;
      if (host.last_seen !== undefined) {
        const base = snapshot.t_wall !== undefined ? snapshot.t_wall : now / 1000 - sinceSnapshotS;
        lastSeenAgoS = Math.max(0, base - host.last_seen + sinceSnapshotS);
      }
      byId.set(host.host_id, {
        host_id: host.host_id,
        online: host.online,
        phase: host.phase ?? lastPhase(record),
        profile: host.profile ?? record?.profile,
        episodes: host.episodes ?? state.completedByHost.get(host.host_id),
        lastSeenAgoS,
        recording: recordingId,
      });
    }
  }
  // Hosts that only episodes name: newest episode per host tells the most.
  for (const record of state.episodes.values()) {
    const known = byId.get(record.host_id);
    if (known && known.online !== undefined) continue;
    const ago = Math.max(0, (now - record.updated) / 1000);
    if (known && known.lastSeenAgoS !== undefined && known.lastSeenAgoS <= ago) continue;
    const recordingId = state.recording.get(record.host_id);
    const current = recordingId !== undefined ? state.episodes.get(recordingId) : record;
    byId.set(record.host_id, {
      host_id: record.host_id,
      phase: lastPhase(current),
      profile: current?.profile ?? record.profile,
      episodes: state.completedByHost.get(record.host_id),
      lastSeenAgoS: ago,
      recording: recordingId,
    });
  }
  return [...byId.values()].sort((a, b) => compareHostIds(a.host_id, b.host_id));
}

/** The episodes recording now, one per host, sorted by host id (numerically). */
export function recordingNow(state: FleetState): EpisodeRecord[] {
  const out: EpisodeRecord[] = [];
  for (const episodeId of state.recording.values()) {
    const record = state.episodes.get(episodeId);
    if (record) out.push(record);
  }
  return out.sort((a, b) => compareHostIds(a.host_id, b.host_id));
}
