import type { FleetEvent, PhaseSpanData } from '../contract/schemas.js';
import { type KnownModel, type KnownPhase, MODELS, PHASES } from '../contract/vocabulary.js';
import { MALWARE_PROFILES, type MalwareProfile, profileCurve } from './malware-profiles.js';
import { type Random, seededRandom } from './random.js';

/** Simulator settings; every one has a URL parameter of the same name. */
export interface FleetSimOptions {
  /** Seed of the random source: same seed and same tick times, same events. */
  readonly seed?: number;
  /** Hosts in the fleet, 1–200 (default 5). */
  readonly hosts?: number;
  /** Accuracy of the deployed models, 0–1 (default 0.92). */
  readonly accuracy?: number;
  /** Speed factor of simulated time (default 1). */
  readonly rate?: number;
}

const EPISODE_S = 60;
const WINDOW_S = 10;
const DETECTION_EVERY_S = 2;
const SNAPSHOT_EVERY_S = 3;
const METRICS_EVERY_S = 15;
const SAMPLE_HZ = 10;
const BYTES_PER_SAMPLE = 72;
const EMBEDDINGS_PER_DETECTION = 4;
const INITIAL_EMBEDDINGS = 800;

/** Accuracy offsets of each model from the fleet accuracy, and their latency (ms). */
const MODEL_TRAITS: Readonly<Record<KnownModel, { offset: number; latencyMs: number }>> = {
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

interface Episode {
  readonly id: string;
  readonly startMs: number;
  readonly spans: readonly PhaseSpanData[];
  windowsDone: number;
}

interface Host {
  readonly id: string;
  readonly index: number;
  readonly profile: MalwareProfile;
  readonly model: KnownModel;
  online: boolean;
  offlineUntil: number;
  episodes: number;
  lastSeenMs: number;
  episode: Episode;
  nextDetectionMs: number;
}

interface PendingTruth {
  readonly dueMs: number;
  readonly event: FleetEvent;
}

/** The host id for index `i` (0-based). */
export function hostId(i: number, hosts: number): string {
  return `host-${String(i + 1).padStart(hosts > 99 ? 3 : 2, '0')}`;
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

/**
 * A synthetic fleet: hosts run malware profiles through the five phases, their
 * telemetry is collected into labelled episodes, and the deployed models
 * classify live windows. Deterministic: the same seed and the same sequence of
 * `tick` times give the same events.
 */
export class FleetSimulator {
  readonly seed: number;
  readonly hostCount: number;
  readonly accuracy: number;
  readonly rate: number;
  private readonly random: Random;
  private readonly hosts: Host[] = [];
  private readonly pending: PendingTruth[] = [];
  private readonly phaseCounts: Record<KnownPhase, number> = {
    clean: 0,
    armed: 0,
    infecting: 0,
    infected_running: 0,
    dormant: 0,
  };
  private readonly modelAccuracy = new Map<KnownModel, number>();
  private episodeSeq = 0;
  private realStart?: number;
  private simNow = 0;
  private nextSnapshotMs = 0;
  private nextMetricsMs = 0;

  constructor(options: FleetSimOptions = {}) {
    this.seed = Math.trunc(options.seed ?? 1);
    this.hostCount = Math.min(200, Math.max(1, Math.trunc(options.hosts ?? 5)));
    this.accuracy = clamp01(options.accuracy ?? 0.92);
    this.rate = options.rate !== undefined && options.rate > 0 ? Math.min(options.rate, 100) : 1;
    this.random = seededRandom(this.seed);
    for (const model of MODELS) {
      this.modelAccuracy.set(model, clamp01(this.accuracy + MODEL_TRAITS[model].offset));
    }
  }

  /** Advances simulated time to `nowMs` (real clock) and returns the events due. */
  tick(nowMs: number): FleetEvent[] {
    const out: FleetEvent[] = [];
    if (this.realStart === undefined) {
      this.realStart = nowMs;
      this.simNow = nowMs;
      this.start(out);
      return out;
    }
    const target = this.realStart + (nowMs - this.realStart) * this.rate;
    // Step in small increments so per-host timers interleave in time order.
    while (this.simNow < target) {
      this.simNow = Math.min(target, this.simNow + 250);
      this.step(out);
    }
    return out;
  }

  private start(out: FleetEvent[]): void {
    const r = this.random;
    for (const profile of MALWARE_PROFILES) {
      out.push({
        type: 'attack_profile',
        name: profile.name,
        shape: profile.shape,
        curve: profileCurve(profile, r),
      });
    }
    for (let i = 0; i < this.hostCount; i++) {
      const profile = MALWARE_PROFILES[i % MALWARE_PROFILES.length]!;
      const history = 20 + r.int(20);
      // Hosts start part-way into an episode so the deck is busy at once.
      // The featured host (0) is at least one window in, so the chunking scene has an episode at once.
      const startMs = this.simNow - r.between(i === 0 ? WINDOW_S + 1 : 0, EPISODE_S - 5) * 1000;
      const host: Host = {
        id: hostId(i, this.hostCount),
        index: i,
        profile,
        model: MODELS[i % MODELS.length]!,
        online: true,
        offlineUntil: 0,
        episodes: history,
        lastSeenMs: this.simNow,
        episode: this.newEpisode(profile, startMs),
        // First detections come within a second so the live scene fills at once.
        nextDetectionMs: this.simNow + r.between(0.2, 1.2) * 1000,
      };
      host.episode.windowsDone = Math.floor((this.simNow - startMs) / (WINDOW_S * 1000));
      if (i === 0) {
        for (let w = 0; w < host.episode.windowsDone; w++) out.push(this.windowPrediction(host, w));
      }
      for (const phase of PHASES) {
        this.phaseCounts[phase] += Math.round(
          (history * (EPISODE_S / WINDOW_S) * profile.dwell[phase]) / EPISODE_S,
        );
      }
      this.hosts.push(host);
      out.push(this.episodeEvent(host, 'recording'));
      out.push({ type: 'phase', phase: this.phaseAt(host, this.simNow) });
    }
    for (let i = 0; i < INITIAL_EMBEDDINGS; i++) out.push(this.embedding(r.pick(PHASES)));
    this.metrics(out);
    this.snapshot(out);
    this.nextSnapshotMs = this.simNow + SNAPSHOT_EVERY_S * 1000;
    this.nextMetricsMs = this.simNow + METRICS_EVERY_S * 1000;
  }

  private newEpisode(profile: MalwareProfile, startMs: number): Episode {
    const spans: PhaseSpanData[] = [];
    const weights = PHASES.map((p) => profile.dwell[p] * this.random.between(0.8, 1.2));
    const sum = weights.reduce((a, b) => a + b, 0);
    let at = 0;
    PHASES.forEach((phase, k) => {
      const end =
        k === PHASES.length - 1 ? EPISODE_S : Math.round((at + (weights[k]! / sum) * EPISODE_S) * 10) / 10;
      spans.push({ phase, start_s: at, end_s: end });
      at = end;
    });
    this.episodeSeq++;
    return {
      id: `ep-${String(this.seed)}-${String(this.episodeSeq).padStart(5, '0')}`,
      startMs,
      spans,
      windowsDone: 0,
    };
  }

  private phaseAt(host: Host, ms: number): KnownPhase {
    const s = (ms - host.episode.startMs) / 1000;
    const span =
      host.episode.spans.find((sp) => s < sp.end_s) ?? host.episode.spans[host.episode.spans.length - 1]!;
    return span.phase as KnownPhase;
  }

  /** The labelled phase of a 10-second window: the phase at its middle. */
  private windowPhase(host: Host, windowIdx: number): KnownPhase {
    return this.phaseAt(host, host.episode.startMs + (windowIdx + 0.5) * WINDOW_S * 1000);
  }

  /** The featured host's prediction for one window of its episode (the chunking scene). */
  private windowPrediction(host: Host, windowIdx: number): FleetEvent {
    const actual = this.windowPhase(host, windowIdx);
    const { predicted } = this.predict(actual, this.modelAccuracy.get(host.model)!);
    return { type: 'prediction', episode_id: host.episode.id, window_idx: windowIdx, predicted, actual };
  }

  private episodeEvent(host: Host, status: 'recording' | 'complete'): FleetEvent {
    const ep = host.episode;
    const elapsed = status === 'complete' ? EPISODE_S : Math.max(0, (this.simNow - ep.startMs) / 1000);
    const phases = ep.spans
      .filter((sp) => sp.start_s < elapsed)
      .map((sp) => ({ ...sp, end_s: Math.min(sp.end_s, Math.round(elapsed * 10) / 10) }));
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
  private predict(actual: KnownPhase, accuracy: number): { predicted: KnownPhase; confidence: number } {
    const r = this.random;
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

  private embedding(actual: KnownPhase): FleetEvent {
    const r = this.random;
    const cluster = PHASES.indexOf(actual) * 2 + r.int(2);
    const [cx, cy, cz] = CLUSTER_CENTRES[cluster]!;
    const { predicted } = this.predict(actual, this.accuracy);
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

  private step(out: FleetEvent[]): void {
    const now = this.simNow;
    const r = this.random;
    for (const host of this.hosts) {
      if (!host.online && now >= host.offlineUntil) host.online = true;
      const ep = host.episode;
      // Window boundaries: progress, labelled windows, and the featured host's predictions.
      while (
        ep.windowsDone < EPISODE_S / WINDOW_S &&
        now >= ep.startMs + (ep.windowsDone + 1) * WINDOW_S * 1000
      ) {
        const windowIdx = ep.windowsDone;
        ep.windowsDone++;
        this.phaseCounts[this.windowPhase(host, windowIdx)]++;
        if (host.index === 0) out.push(this.windowPrediction(host, windowIdx));
        if (ep.windowsDone < EPISODE_S / WINDOW_S) out.push(this.episodeEvent(host, 'recording'));
      }
      if (now >= ep.startMs + EPISODE_S * 1000) {
        out.push(this.episodeEvent(host, 'complete'));
        host.episodes++;
        host.episode = this.newEpisode(host.profile, ep.startMs + EPISODE_S * 1000);
        out.push(this.episodeEvent(host, 'recording'));
      }
      if (host.online && now >= host.nextDetectionMs) {
        host.nextDetectionMs += DETECTION_EVERY_S * 1000 * r.between(0.85, 1.15);
        host.lastSeenMs = now;
        this.detect(host, out);
      }
    }
    this.releaseTruth(out);
    if (now >= this.nextSnapshotMs) {
      this.nextSnapshotMs += SNAPSHOT_EVERY_S * 1000;
      for (const host of this.hosts) {
        if (host.online && r.chance(0.004)) {
          host.online = false;
          host.offlineUntil = now + r.between(8, 20) * 1000;
        }
      }
      this.snapshot(out);
    }
    if (now >= this.nextMetricsMs) {
      this.nextMetricsMs += METRICS_EVERY_S * 1000;
      this.metrics(out);
    }
  }

  private detect(host: Host, out: FleetEvent[]): void {
    const r = this.random;
    const now = this.simNow;
    const actual = this.phaseAt(host, now);
    const { predicted, confidence } = this.predict(actual, this.modelAccuracy.get(host.model)!);
    const windowIdx = Math.floor((now - host.episode.startMs) / (DETECTION_EVERY_S * 1000));
    const latency = MODEL_TRAITS[host.model].latencyMs * Math.exp(r.normal() * 0.25);
    const base = {
      type: 'live_detection' as const,
      host_id: host.id,
      predicted,
      confidence,
      model: host.model,
      profile: host.profile.name,
      episode_id: host.episode.id,
      window_idx: windowIdx,
      latency_ms: Math.round(latency * 1000) / 1000,
      t_wall: now / 1000,
    };
    const roll = r.next();
    if (roll < 0.55) out.push({ ...base, actual });
    else {
      out.push(base);
      // Most withheld truth follows a little later; some never comes.
      if (roll < 0.9) this.pending.push({ dueMs: now + r.between(1, 4) * 1000, event: { ...base, actual } });
    }
    out.push({ type: 'phase', phase: actual });
    for (let i = 0; i < EMBEDDINGS_PER_DETECTION; i++) out.push(this.embedding(actual));
  }

  private releaseTruth(out: FleetEvent[]): void {
    let kept = 0;
    for (const item of this.pending) {
      if (item.dueMs <= this.simNow) out.push(item.event);
      else this.pending[kept++] = item;
    }
    this.pending.length = kept;
  }

  private metrics(out: FleetEvent[]): void {
    for (const model of MODELS) {
      const drift = this.random.normal() * 0.004;
      const accuracy = clamp01(this.accuracy + MODEL_TRAITS[model].offset + drift);
      this.modelAccuracy.set(model, accuracy);
      const rounded = Math.round(accuracy * 10000) / 10000;
      out.push({ type: 'model_metric', model, accuracy: rounded });
      const latencyUs = MODEL_TRAITS[model].latencyMs * 1000 * Math.exp(this.random.normal() * 0.05);
      out.push({ type: 'model_perf', model, latency_us: Math.round(latencyUs), accuracy: rounded });
    }
  }

  private snapshot(out: FleetEvent[]): void {
    let episodes = 0;
    let liveSamples = 0;
    for (const host of this.hosts) {
      episodes += host.episodes;
      liveSamples += Math.round(((this.simNow - host.episode.startMs) / 1000) * SAMPLE_HZ);
    }
    const windows = episodes * (EPISODE_S / WINDOW_S);
    const samples = episodes * EPISODE_S * SAMPLE_HZ + liveSamples;
    out.push({
      type: 'snapshot',
      t_wall: this.simNow / 1000,
      hosts: this.hosts.map((host) => ({
        host_id: host.id,
        online: host.online,
        phase: this.phaseAt(host, this.simNow),
        profile: host.profile.name,
        episodes: host.episodes,
        last_seen: host.lastSeenMs / 1000,
      })),
      totals: { episodes, windows, samples, bytes: samples * BYTES_PER_SAMPLE },
      phase_counts: { ...this.phaseCounts },
      sample_hz: SAMPLE_HZ,
    });
  }
}
