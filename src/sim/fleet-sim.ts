import type { EventOf, FleetEvent } from '../contract/schemas.js';
import { type KnownModel, type KnownPhase, MODELS, PHASES } from '../contract/vocabulary.js';
import {
  clamp01,
  EPISODE_S,
  embedding,
  episodeEvent,
  type Host,
  MODEL_TRAITS,
  newEpisode,
  phaseAt,
  predict,
  snapshotEvent,
  WINDOW_S,
  windowPhase,
  windowWakeMs,
} from './fleet-events.js';
import { EMIT_ALL, type EmitFrom, emitFromBudget, type HistoryBudget } from './history-budget.js';
import { MALWARE_PROFILES, type MalwareProfile, profileCurve } from './malware-profiles.js';
import { type Random, seededRandom } from './random.js';
import { WakeQueue } from './wake-queue.js';

/** Simulator settings; every one has a URL parameter of the same name. */
export interface FleetSimOptions {
  /** Seed of the random source: same seed and same tick times, same events. */
  readonly seed?: number;
  /** Hosts in the fleet, 1–10,000 (default 5). */
  readonly hosts?: number;
  /** Accuracy of the deployed models, 0–1 (default 0.92). */
  readonly accuracy?: number;
  /** Speed factor of simulated time (default 1). */
  readonly rate?: number;
}

/** Largest fleet the simulator runs. */
export const MAX_SIM_HOSTS = 10_000;

/** Detection interval per host, up to ~200 hosts: a lively demo. */
const FAST_DETECTION_S = 2;
/** …and for a large fleet: one detection per 10-second window, a real fleet's pace. */
const FLEET_DETECTION_S = 10;
const SNAPSHOT_EVERY_S = 3;
const METRICS_EVERY_S = 15;
const EMBEDDINGS_PER_DETECTION = 4;
const INITIAL_EMBEDDINGS = 800;
/**
 * Hosts whose detections also report a `phase` and embeddings. The baseline
 * and the scatter are distributions: a sample of 200 hosts draws the same
 * picture as 10,000, at a fiftieth of the events.
 */
const SAMPLED_HOSTS = 200;
/** Simulated time step (ms): timers interleave in time order at this grain. */
const STEP_MS = 250;
/** A history's events are published in batches of this much simulated time. */
const HISTORY_BATCH_MS = 1000;

interface PendingTruth {
  readonly dueMs: number;
  readonly event: FleetEvent;
}

/** The host id for index `i` (0-based), zero-padded to the fleet's width. */
export function hostId(i: number, hosts: number): string {
  return `host-${String(i + 1).padStart(Math.max(2, String(hosts).length), '0')}`;
}

/** Seconds between one host's detections in a fleet of `hosts`: 2 s up to 200 hosts, rising to 10 s at 1,000. */
export function detectionIntervalS(hosts: number): number {
  return Math.min(FLEET_DETECTION_S, Math.max(FAST_DETECTION_S, hosts / 100));
}

/**
 * A synthetic fleet: hosts run malware profiles through the five phases, their
 * telemetry is collected into labelled episodes, and the deployed models
 * classify live windows. Deterministic: the same seed and the same sequence of
 * `tick` times give the same events.
 *
 * Cost grows with the events emitted, not with the fleet: each host sleeps
 * in a wake queue until its next detection or window boundary, so a
 * 10,000-host fleet costs per step only the hosts that have something to say.
 */
export class FleetSimulator {
  readonly seed: number;
  readonly hostCount: number;
  readonly accuracy: number;
  readonly rate: number;
  /** Seconds between one host's detections. */
  readonly detectionS: number;
  private readonly random: Random;
  private readonly hosts: Host[] = [];
  private readonly wakes = new WakeQueue<Host>(STEP_MS);
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
  private started = false;
  private lastTickMs = 0;
  private simNow = 0;
  private nextSnapshotMs = 0;
  private nextMetricsMs = 0;
  private emitFrom: EmitFrom = EMIT_ALL;
  /** While `history` runs, its end: truth due by then is emitted with its detection. */
  private historyEndMs = -Infinity;

  constructor(options: FleetSimOptions = {}) {
    this.seed = Math.trunc(options.seed ?? 1);
    const hosts = Math.trunc(options.hosts ?? 5);
    this.hostCount = Number.isFinite(hosts) ? Math.min(MAX_SIM_HOSTS, Math.max(1, hosts)) : 5;
    this.accuracy = clamp01(options.accuracy ?? 0.92);
    this.rate = options.rate !== undefined && options.rate > 0 ? Math.min(options.rate, 100) : 1;
    this.detectionS = detectionIntervalS(this.hostCount);
    this.random = seededRandom(this.seed);
    for (const model of MODELS) {
      this.modelAccuracy.set(model, clamp01(this.accuracy + MODEL_TRAITS[model].offset));
    }
  }

  /** Simulated time now (ms); 0 before the first tick. */
  get now(): number {
    return this.simNow;
  }

  /**
   * Advances simulated time to `nowMs` (real clock) and returns the events
   * due. The first call starts the fleet at `nowMs` (unless `history` has
   * already run it up to then); later calls advance by the real time passed
   * times `rate`.
   */
  tick(nowMs: number): FleetEvent[] {
    const out: FleetEvent[] = [];
    if (!this.started) {
      this.begin(nowMs, out);
      this.lastTickMs = nowMs;
      return out;
    }
    const target = this.simNow + Math.max(0, nowMs - this.lastTickMs) * this.rate;
    this.lastTickMs = nowMs;
    this.advance(target, out);
    return out;
  }

  /**
   * Starts the fleet `seconds` before `endMs` and runs it up to `endMs`,
   * calling `emit` with each step's events and that step's time, so stores
   * see arrivals spread as they would have been. Only what `budget` says the
   * stores keep is emitted: older detections, embeddings, episodes and
   * snapshots are simulated (the fleet's state moves on) but never built.
   * Afterwards `tick(endMs)` and later continue live from `endMs`.
   * Same seed, same history.
   */
  history(
    endMs: number,
    seconds: number,
    budget: HistoryBudget,
    emit: (events: FleetEvent[], atMs: number) => void,
  ): void {
    if (this.started) throw new Error('history() must run before the first tick');
    const startMs = endMs - Math.max(0, seconds) * 1000;
    this.emitFrom = emitFromBudget(endMs, budget, {
      hosts: this.hostCount,
      detectionS: this.detectionS,
      embeddingsPerS: (Math.min(SAMPLED_HOSTS, this.hostCount) / this.detectionS) * EMBEDDINGS_PER_DETECTION,
      snapshotEveryS: SNAPSHOT_EVERY_S,
    });
    this.historyEndMs = endMs;
    const first: FleetEvent[] = [];
    this.begin(startMs, first);
    emit(first, startMs);
    // Emitted a second at a time: the stores' clocks count in seconds, and a
    // quarter as many batches cost a quarter of the per-batch overhead.
    let at = startMs;
    while (at < endMs) {
      at = Math.min(endMs, at + HISTORY_BATCH_MS);
      const out: FleetEvent[] = [];
      this.advance(at, out);
      if (out.length > 0) emit(out, at);
    }
    this.emitFrom = EMIT_ALL;
    this.historyEndMs = -Infinity;
    this.lastTickMs = endMs;
  }

  private advance(target: number, out: FleetEvent[]): void {
    // Step in small increments so per-host timers interleave in time order.
    while (this.simNow < target) {
      this.simNow = Math.min(target, this.simNow + STEP_MS);
      this.step(out);
    }
  }

  private begin(nowMs: number, out: FleetEvent[]): void {
    this.started = true;
    this.simNow = nowMs;
    const r = this.random;
    for (const profile of MALWARE_PROFILES) {
      out.push({
        type: 'attack_profile',
        name: profile.name,
        shape: profile.shape,
        curve: profileCurve(profile, r),
      });
    }
    const emitEpisodes = nowMs >= this.emitFrom.episodes;
    const quietUntil = this.quietUntil();
    for (let i = 0; i < this.hostCount; i++) {
      const profile = MALWARE_PROFILES[i % MALWARE_PROFILES.length]!;
      // An unsampled host says nothing in a history until quietUntil: it starts there instead,
      // its skipped episodes counted (at 10,000 hosts, 9,800 hosts need not run four silent minutes).
      const origin = i < SAMPLED_HOSTS ? this.simNow : quietUntil;
      const history = 20 + r.int(20) + Math.round((origin - this.simNow) / (EPISODE_S * 1000));
      // Hosts start part-way into an episode so the deck is busy at once.
      // The featured host (0) is at least one window in, so the chunking scene has an episode at once.
      const startMs = origin - r.between(i === 0 ? WINDOW_S + 1 : 0, EPISODE_S - 5) * 1000;
      // First detections come within a second (or spread over the interval in a large fleet).
      const firstDetectionS = r.between(0.2, 1.2) * Math.max(1, this.detectionS / FAST_DETECTION_S);
      const host: Host = {
        id: hostId(i, this.hostCount),
        index: i,
        profile,
        model: MODELS[i % MODELS.length]!,
        offlineUntil: 0,
        episodes: history,
        lastSeenMs: origin,
        episode: this.newEpisode(profile, startMs),
        nextDetectionMs: origin + firstDetectionS * 1000,
      };
      host.episode.windowsDone = Math.floor((origin - startMs) / (WINDOW_S * 1000));
      if (i === 0) {
        for (let w = 0; w < host.episode.windowsDone; w++) out.push(this.windowPrediction(host, w));
      }
      for (const phase of PHASES) {
        this.phaseCounts[phase] += Math.round(
          (history * (EPISODE_S / WINDOW_S) * profile.dwell[phase]) / EPISODE_S,
        );
      }
      this.hosts.push(host);
      if (emitEpisodes) out.push(episodeEvent(host, 'recording', this.simNow));
      if (i < SAMPLED_HOSTS) out.push({ type: 'phase', phase: phaseAt(host, this.simNow) });
      this.schedule(host);
    }
    for (let i = 0; i < INITIAL_EMBEDDINGS; i++) out.push(embedding(r, r.pick(PHASES), this.accuracy));
    this.metrics(out);
    // Always, a history's too: it tells the stores the fleet's size before the first detection (see reserveLanes).
    this.snapshot(out);
    this.nextSnapshotMs = this.simNow + SNAPSHOT_EVERY_S * 1000;
    this.nextMetricsMs = this.simNow + METRICS_EVERY_S * 1000;
  }

  /**
   * Until when an unsampled host's simulation emits nothing (the start, for a
   * live run or a fleet whose lanes take its whole history): its detections,
   * episodes and snapshot entries are all emitted later, and what it adds
   * before (phase counts, episodes done) is counted in expectation.
   */
  private quietUntil(): number {
    const { detections, episodes, snapshots } = this.emitFrom;
    // A host starts part-way into an episode with its windows counted (see begin), so it is tracked from there.
    return Math.max(this.simNow, Math.min(detections, episodes, snapshots));
  }

  /**
   * Puts `host` to sleep until its next detection or the next window boundary
   * that matters (windowWakeMs): before episodes are emitted, boundaries only
   * move counts, and skipping them is a fifth of a 10,000-host history's wakes.
   */
  private schedule(host: Host): void {
    // The featured host's windows carry predictions (the chunking scene): all of them. A wake comes up to
    // two steps late (the wheel's grain, then the step).
    const emitFrom = host.index === 0 ? -Infinity : this.emitFrom.episodes;
    this.wakes.add(host, Math.min(host.nextDetectionMs, windowWakeMs(host.episode, emitFrom, 2 * STEP_MS)));
  }

  private newEpisode(profile: MalwareProfile, startMs: number): Host['episode'] {
    this.episodeSeq++;
    return newEpisode(this.random, this.seed, this.episodeSeq, profile, startMs);
  }

  /** The featured host's prediction for one window of its episode (the chunking scene). */
  private windowPrediction(host: Host, windowIdx: number): FleetEvent {
    const actual = windowPhase(host, windowIdx);
    const { predicted } = predict(this.random, actual, this.modelAccuracy.get(host.model)!);
    return { type: 'prediction', episode_id: host.episode.id, window_idx: windowIdx, predicted, actual };
  }

  private step(out: FleetEvent[]): void {
    const now = this.simNow;
    const r = this.random;
    this.wakes.due(now, (host) => {
      this.wake(host, now, out);
      this.schedule(host);
    });
    this.releaseTruth(out);
    if (now >= this.nextSnapshotMs) {
      this.nextSnapshotMs += SNAPSHOT_EVERY_S * 1000;
      // A few hosts drop off for a while; in a large fleet the same share, drawn without a pass over every host.
      const drops = this.dropCount(r);
      for (let k = 0; k < drops; k++) {
        const host = this.hosts[r.int(this.hosts.length)]!;
        if (now >= host.offlineUntil) host.offlineUntil = now + r.between(8, 20) * 1000;
      }
      if (now >= this.emitFrom.snapshots) this.snapshot(out);
    }
    if (now >= this.nextMetricsMs) {
      this.nextMetricsMs += METRICS_EVERY_S * 1000;
      this.metrics(out);
    }
  }

  /** Hosts going offline at one snapshot: each host with probability 0.004, drawn as a count. */
  private dropCount(r: Random): number {
    const n = this.hosts.length;
    if (n <= 200) {
      let drops = 0;
      for (let i = 0; i < n; i++) if (r.chance(0.004)) drops++;
      return drops;
    }
    // Normal approximation of the binomial: one draw instead of n.
    const mean = n * 0.004;
    return Math.max(0, Math.round(mean + Math.sqrt(mean * 0.996) * r.normal()));
  }

  private wake(host: Host, now: number, out: FleetEvent[]): void {
    const ep = host.episode;
    const emitEpisodes = now >= this.emitFrom.episodes;
    // Window boundaries: progress, labelled windows, and the featured host's predictions.
    while (
      ep.windowsDone < EPISODE_S / WINDOW_S &&
      now >= ep.startMs + (ep.windowsDone + 1) * WINDOW_S * 1000
    ) {
      const windowIdx = ep.windowsDone;
      ep.windowsDone++;
      this.phaseCounts[windowPhase(host, windowIdx)]++;
      if (host.index === 0) out.push(this.windowPrediction(host, windowIdx));
      if (emitEpisodes && ep.windowsDone < EPISODE_S / WINDOW_S)
        out.push(episodeEvent(host, 'recording', this.simNow));
    }
    if (now >= ep.startMs + EPISODE_S * 1000) {
      if (emitEpisodes) out.push(episodeEvent(host, 'complete', this.simNow));
      host.episodes++;
      host.episode = this.newEpisode(host.profile, ep.startMs + EPISODE_S * 1000);
      if (emitEpisodes) out.push(episodeEvent(host, 'recording', this.simNow));
    }
    if (now >= host.nextDetectionMs) {
      if (host.index >= SAMPLED_HOSTS && now < this.emitFrom.detections) {
        // Nothing of this detection would be emitted: skip to the first one that will be.
        const step = this.detectionS * 1000;
        host.nextDetectionMs += Math.ceil((this.emitFrom.detections - host.nextDetectionMs) / step) * step;
      } else if (now < host.offlineUntil) {
        // Offline: no detections until it is back.
        host.nextDetectionMs = host.offlineUntil;
      } else {
        host.nextDetectionMs += this.detectionS * 1000 * this.random.between(0.85, 1.15);
        if (host.nextDetectionMs <= now) host.nextDetectionMs = now + this.detectionS * 1000;
        host.lastSeenMs = now;
        this.detect(host, out);
      }
    }
  }

  private detect(host: Host, out: FleetEvent[]): void {
    const now = this.simNow;
    const sampled = host.index < SAMPLED_HOSTS;
    const detections = now >= this.emitFrom.detections;
    if (!sampled && !detections) return;
    const actual = phaseAt(host, now);
    if (sampled) {
      out.push({ type: 'phase', phase: actual });
      if (now >= this.emitFrom.embeddings)
        for (let i = 0; i < EMBEDDINGS_PER_DETECTION; i++)
          out.push(embedding(this.random, actual, this.accuracy));
    }
    if (!detections) return;
    const r = this.random;
    const { predicted, confidence } = predict(this.random, actual, this.modelAccuracy.get(host.model)!);
    const windowIdx = Math.floor((now - host.episode.startMs) / (this.detectionS * 1000));
    const latency = MODEL_TRAITS[host.model].latencyMs * Math.exp(r.normal() * 0.25);
    const event: EventOf<'live_detection'> = {
      type: 'live_detection',
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
    // Truth comes with the detection, or follows 1–4 s later, or never.
    const dueMs = roll < 0.55 ? now : roll < 0.9 ? now + r.between(1, 4) * 1000 : Infinity;
    // Within a history the truth due before its end is folded in: the stores end the same, one event fewer.
    // Set on the event, not spread into a copy: a copy per detection was half a large history's simulation.
    if (dueMs <= Math.max(now, this.historyEndMs)) event.actual = actual;
    else if (dueMs < Infinity) this.pending.push({ dueMs, event: { ...event, actual } });
    out.push(event);
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
    out.push(snapshotEvent(this.hosts, this.simNow, this.phaseCounts));
  }
}
