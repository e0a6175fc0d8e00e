import type { EpisodeRecord, FleetState } from '../../store/fleet.js';
import { labelledUntil, type PhaseBarSegment, stripSegments } from '../shared/phase-bar.js';

/** Episode length assumed until a producer says otherwise (the fleet records 60 s). */
export const DEFAULT_EPISODE_S = 60;

/**
 * The time axis for recording rows: the longest episode length the
 * producer has stated (or the default), stretched when an episode runs past
 * it, so every row shares one scale.
 */
export function episodeAxisS(
  recording: readonly EpisodeRecord[],
  recent: readonly EpisodeRecord[],
  fallback = DEFAULT_EPISODE_S,
): number {
  let axis = 0;
  for (const e of recent) if (e.duration_s !== undefined) axis = Math.max(axis, e.duration_s);
  for (const e of recording) {
    if (e.duration_s !== undefined) axis = Math.max(axis, e.duration_s);
  }
  if (axis === 0) axis = fallback;
  for (const e of recording) axis = Math.max(axis, labelledUntil(e.phases));
  return axis;
}

/** One recording episode as a row: its labelled spans and the growing unlabelled tail. */
export interface RecordingRow {
  readonly hostId: string;
  readonly episodeId: string;
  readonly profile: string;
  readonly segments: readonly PhaseBarSegment[];
  /** Fractions of the axis: from the end of the labels to the estimated recording point. */
  readonly tail: { readonly from: number; readonly to: number; readonly phase?: string };
  /** Estimated seconds recorded at `now`. */
  readonly elapsedS: number;
}

/**
 * The row for a recording episode at `now` (ms, bus clock). Labels arrive
 * as windows close; between updates the tail grows from the last label by
 * the time since the update arrived (measured on the viewer's clock, so a
 * producer's clock skew does not matter), capped at the axis.
 */
export function recordingRow(record: EpisodeRecord, now: number, axisS: number): RecordingRow {
  const labelled = labelledUntil(record.phases);
  const sinceUpdate = Math.max(0, (now - record.updated) / 1000);
  const elapsedS = Math.min(axisS, labelled + sinceUpdate);
  const phases = record.phases ?? [];
  const lastPhase = phases.length > 0 ? phases[phases.length - 1]!.phase : undefined;
  return {
    hostId: record.host_id,
    episodeId: record.episode_id,
    profile: record.profile,
    segments: stripSegments(record.phases, axisS),
    tail: { from: Math.min(1, labelled / axisS), to: elapsedS / axisS, phase: lastPhase },
    elapsedS,
  };
}

/** How rows fit their box. */
export interface RowMetrics {
  readonly rowHeight: number;
  readonly fontSize: number;
  /** Phase names inside the spans (only when rows are tall enough to read them). */
  readonly spanLabels: boolean;
  /** True when rows no longer fit and the box scrolls (never the page). */
  readonly scrolls: boolean;
}

export const MAX_ROW_PX = 96;
export const MIN_ROW_PX = 14;

/** Row height for `n` rows in `height` px: as tall as fits up to MAX_ROW_PX, never below MIN_ROW_PX. */
export function rowMetrics(n: number, height: number): RowMetrics {
  const fit = n > 0 ? Math.floor(height / n) : MAX_ROW_PX;
  const rowHeight = Math.max(MIN_ROW_PX, Math.min(MAX_ROW_PX, fit));
  return {
    rowHeight,
    fontSize: Math.max(10, Math.min(22, Math.round(rowHeight * 0.45))),
    spanLabels: rowHeight >= 34,
    scrolls: n * rowHeight > height,
  };
}

/** Rows stay at least this tall (a label of 12 px or more) once the recordings outnumber the box. */
export const READABLE_ROW_PX = 28;

/** The recordings a large fleet's collect scene shows: the most recent that fit, and what is left. */
export interface RecordingPick<T> {
  readonly shown: readonly T[];
  /** Recordings matching the filter (all of them without one). */
  readonly matching: number;
}

/** Whether a recording matches `query` (lower case, trimmed): in its host id, profile or episode id. */
function matches(query: string, hostId: string, profile: string, episodeId: string): boolean {
  return (
    hostId.toLowerCase().includes(query) ||
    profile.toLowerCase().includes(query) ||
    episodeId.toLowerCase().includes(query)
  );
}

/**
 * At most `fit` of `records` matching `filter` (host id, profile or
 * episode id, case-insensitive), the most recently updated first.
 */
export function recentRecordings<T extends EpisodeRecord>(
  records: readonly T[],
  fit: number,
  filter = '',
): RecordingPick<T> {
  const query = filter.trim().toLowerCase();
  const matching =
    query === ''
      ? records.slice()
      : records.filter((r) => matches(query, r.host_id, r.profile, r.episode_id));
  matching.sort((a, b) => b.updated - a.updated);
  return { shown: matching.slice(0, Math.max(0, fit)), matching: matching.length };
}

/** Each snapshot's profile per host, made once a snapshot (10,000 hosts: about 3 ms a time, at every render). */
const profilesOf = new WeakMap<object, ReadonlyMap<string, string>>();
const NO_PROFILES: ReadonlyMap<string, string> = new Map();

function snapshotProfiles(snapshot: FleetState['snapshot']): ReadonlyMap<string, string> {
  if (!snapshot) return NO_PROFILES;
  let profiles = profilesOf.get(snapshot);
  if (!profiles) {
    profiles = new Map(snapshot.hosts.map((h) => [h.host_id, h.profile ?? '']));
    profilesOf.set(snapshot, profiles);
  }
  return profiles;
}

/**
 * Hosts recording now that match `filter` (as recentRecordings does): every
 * host whose latest episode event said recording, including those whose
 * episode record the store no longer holds. The store keeps MAX_EPISODES
 * records, so in a fleet of thousands counting the records held said "and
 * 490 more recording" with 9,800 hosts recording. A host whose record is
 * gone is matched by profile from the snapshot.
 */
export function countRecording(fleet: FleetState, filter = ''): number {
  const query = filter.trim().toLowerCase();
  if (query === '') return fleet.recording.size;
  let count = 0;
  for (const [hostId, episodeId] of fleet.recording) {
    const profile =
      fleet.episodes.get(episodeId)?.profile ?? snapshotProfiles(fleet.snapshot).get(hostId) ?? '';
    if (matches(query, hostId, profile, episodeId)) count++;
  }
  return count;
}
