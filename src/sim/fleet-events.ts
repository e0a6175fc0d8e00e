import type { FleetEvent, PhaseSpanData } from '../contract/schemas.js';
import { type KnownModel, type KnownPhase, PHASES } from '../contract/vocabulary.js';
import type { MalwareProfile } from './malware-profiles.js';
import type { Random } from './random.js';

/** The simulator's episode and host state, and the events built from it (pure but for the random draws). */

export const EPISODE_S = 60;
export const WINDOW_S = 10;
const SAMPLE_HZ = 10;
const BYTES_PER_SAMPLE = 72;

/** Accuracy offsets of each model from the fleet accuracy, and their latency (ms). */
export const MODEL_TRAITS: Readonly<Record<KnownModel, { offset: number; latencyMs: number }>> = {
  rnn: { offset: -0.06, latencyMs: 0.8 },
  gru: { offset: -0.025, latencyMs: 1.1 },
  lstm: { offset: 0, latencyMs: 1.6 },
  bert: { offset: 0.03, latencyMs: 12 },
  knn: { offset: -0.1, latencyMs: 3.5 },
};

/** Centres of the phase clusters in the embedding cube; two sub-clusters each. */
const CLUSTER_CENTRES: readonly (readonly [number, number, number])[] = [
  [0.2, 0.25, 0.3],
  [0.3, 0.2, 0.7],
  [0.45, 0.7, 0.25],
  [0.55, 0.8, 0.6],
  [0.75, 0.4, 0.35],
  [0.8, 0.3, 0.75],
  [0.35, 0.75, 0.8],
  [0.2, 0.6, 0.55],
  [0.7, 0.65, 0.85],
  [0.85, 0.75, 0.3],
];

export interface Episode {
  readonly id: string;
  readonly startMs: number;
  /**
   * When (s into the episode) each phase ends, in PHASES order: every episode
   * goes through all five. Numbers, not span objects: a 10,000-host warm
   * start begins 15,000 episodes, run cold before the first paint.
   */
  readonly ends: readonly number[];
  windowsDone: number;
}

export interface Host {
  readonly id: string;
  readonly index: number;
  readonly profile: MalwareProfile;
  readonly model: KnownModel;
  offlineUntil: number;
  episodes: number;
  lastSeenMs: number;
  episode: Episode;
  nextDetectionMs: number;
}

export function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

/**
 * When a host must next wake for `episode`'s windows: its next window
 * boundary, or its end. Boundaries before `emitFromMs` (from when episode
 * progress is emitted) only move counts, so they are skipped and caught up at
 * the next wake. The host still wakes at the last boundary at least `lateMs`
 * (how late a wake may come) before `emitFromMs`, so that catch-up stays
 * silent and every later boundary's progress goes out at its own time.
 */
export function windowWakeMs(episode: Episode, emitFromMs: number, lateMs: number): number {
  const windowMs = WINDOW_S * 1000;
  const { startMs, windowsDone } = episode;
  const next = startMs + (windowsDone + 1) * windowMs;
  const from = emitFromMs - windowMs - lateMs;
  const boundary = next >= from ? next : startMs + Math.ceil((from - startMs) / windowMs) * windowMs;
  return Math.min(boundary, startMs + EPISODE_S * 1000);
}

/** A new episode of `profile` from `startMs`, its phase spans drawn from `r`; `seq` numbers it. */
export function newEpisode(
  r: Random,
  seed: number,
  seq: number,
  profile: MalwareProfile,
  startMs: number,
): Episode {
  const last = PHASES.length - 1;
  const ends = new Array<number>(PHASES.length);
  let sum = 0;
  for (let k = 0; k <= last; k++) {
    ends[k] = profile.dwell[PHASES[k]!] * r.between(0.8, 1.2);
    sum += ends[k]!;
  }
  // The weights become end times, each rounded to a tenth of a second; the last phase ends the episode.
  let at = 0;
  for (let k = 0; k < last; k++) {
    at = Math.round((at + (ends[k]! / sum) * EPISODE_S) * 10) / 10;
    ends[k] = at;
  }
  ends[last] = EPISODE_S;
  return {
    id: `ep-${String(seed)}-${String(seq).padStart(5, '0')}`,
    startMs,
    ends,
    windowsDone: 0,
  };
}

export function phaseAt(host: Host, ms: number): KnownPhase {
  const s = (ms - host.episode.startMs) / 1000;
  const ends = host.episode.ends;
  const last = PHASES.length - 1;
  for (let k = 0; k < last; k++) if (s < ends[k]!) return PHASES[k]!;
  return PHASES[last]!;
}

/** The labelled phase of a 10-second window: the phase at its middle. */
export function windowPhase(host: Host, windowIdx: number): KnownPhase {
  return phaseAt(host, host.episode.startMs + (windowIdx + 0.5) * WINDOW_S * 1000);
}

/** `host`'s episode as an event at simulated time `now`. */
export function episodeEvent(host: Host, status: 'recording' | 'complete', now: number): FleetEvent {
  const ep = host.episode;
  const elapsed = status === 'complete' ? EPISODE_S : Math.max(0, (now - ep.startMs) / 1000);
  const until = Math.round(elapsed * 10) / 10;
  const phases: PhaseSpanData[] = [];
  // The phases begun by now, the current one cut at now.
  let start = 0;
  for (let k = 0; k < PHASES.length && start < elapsed; k++) {
    phases.push({ phase: PHASES[k]!, start_s: start, end_s: Math.min(ep.ends[k]!, until) });
    start = ep.ends[k]!;
  }
  return {
    type: 'episode',
    episode_id: ep.id,
    host_id: host.id,
    profile: host.profile.name,
    status,
    started: ep.startMs / 1000,
    duration_s: status === 'complete' ? EPISODE_S : undefined,
    windows: status === 'complete' ? EPISODE_S / WINDOW_S : ep.windowsDone,
    samples: Math.round(elapsed * SAMPLE_HZ),
    phases,
  };
}

/** A phase as the models would predict it: mostly right, mistakes mostly next door. */
export function predict(
  r: Random,
  actual: KnownPhase,
  accuracy: number,
): { predicted: KnownPhase; confidence: number } {
  if (r.chance(accuracy)) {
    return { predicted: actual, confidence: Math.round((0.72 + 0.27 * Math.sqrt(r.next())) * 1000) / 1000 };
  }
  const i = PHASES.indexOf(actual);
  let j: number;
  if (r.chance(0.8)) j = i === 0 ? 1 : i === PHASES.length - 1 ? i - 1 : i + (r.chance(0.5) ? 1 : -1);
  else {
    j = r.int(PHASES.length - 1);
    if (j >= i) j++;
  }
  return { predicted: PHASES[j]!, confidence: Math.round(r.between(0.34, 0.74) * 1000) / 1000 };
}

export function embedding(r: Random, actual: KnownPhase, accuracy: number): FleetEvent {
  const cluster = PHASES.indexOf(actual) * 2 + r.int(2);
  const [cx, cy, cz] = CLUSTER_CENTRES[cluster]!;
  const { predicted } = predict(r, actual, accuracy);
  const jitter = () => r.normal() * 0.045;
  return {
    type: 'embedding',
    x: clamp01(cx + jitter()),
    y: clamp01(cy + jitter()),
    z: clamp01(cz + jitter()),
    phase: actual,
    predicted,
    cluster,
  };
}

/**
 * Hosts beyond which a snapshot gives `last_seen` only for offline hosts (an
 * online host was seen about now): 10,000 hosts with it come to ~1.24 MB,
 * past the 1 MiB frame every bus and deck accepts; without it ~0.98 MB, and
 * under 1 MiB even with every host on the longest phase and profile names.
 */
export const COMPACT_SNAPSHOT_HOSTS = 1_000;

interface SnapshotHostData {
  host_id: string;
  online: boolean;
  phase: string;
  profile: string;
  episodes: number;
  last_seen?: number;
}

/** The fleet snapshot at simulated time `now`. */
export function snapshotEvent(
  fleet: readonly Host[],
  now: number,
  phaseCounts: Readonly<Record<KnownPhase, number>>,
): FleetEvent {
  let episodes = 0;
  let liveSamples = 0;
  const compact = fleet.length > COMPACT_SNAPSHOT_HOSTS;
  const hosts = new Array<SnapshotHostData>(fleet.length);
  for (let i = 0; i < fleet.length; i++) {
    const host = fleet[i]!;
    episodes += host.episodes;
    liveSamples += Math.round(((now - host.episode.startMs) / 1000) * SAMPLE_HZ);
    const online = now >= host.offlineUntil;
    const entry: SnapshotHostData = {
      host_id: host.id,
      online,
      phase: phaseAt(host, now),
      profile: host.profile.name,
      episodes: host.episodes,
    };
    // Tenths of a second: the cards say "seen 3 s ago", and 17 digits a host add up.
    if (!compact || !online) entry.last_seen = Math.round(host.lastSeenMs / 100) / 10;
    hosts[i] = entry;
  }
  const windows = episodes * (EPISODE_S / WINDOW_S);
  const samples = episodes * EPISODE_S * SAMPLE_HZ + liveSamples;
  return {
    type: 'snapshot',
    t_wall: now / 1000,
    hosts,
    totals: { episodes, windows, samples, bytes: samples * BYTES_PER_SAMPLE },
    phase_counts: { ...phaseCounts },
    sample_hz: SAMPLE_HZ,
  };
}
