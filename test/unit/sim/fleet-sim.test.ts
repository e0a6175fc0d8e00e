import { describe, expect, it } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import type { EventOf, FleetEvent } from '../../../src/contract/schemas.js';
import { validateEvent } from '../../../src/contract/validate.js';
import { PHASES } from '../../../src/contract/vocabulary.js';
import { type FleetSimOptions, FleetSimulator } from '../../../src/sim/fleet-sim.js';
import { MALWARE_PROFILES } from '../../../src/sim/malware-profiles.js';

const T0 = 1_780_000_000_000;

function run(options: FleetSimOptions, seconds: number, stepMs = 100): FleetEvent[] {
  const sim = new FleetSimulator(options);
  const out: FleetEvent[] = [];
  for (let t = 0; t <= seconds * 1000; t += stepMs) out.push(...sim.tick(T0 + t));
  return out;
}

const ofType = <T extends FleetEvent['type']>(events: FleetEvent[], type: T) =>
  events.filter((e): e is Extract<FleetEvent, { type: T }> => e.type === type);

/** Every event passes the contract as built, nothing clamped or warned about: a warm start reduces a history without validating it. */
function expectAcceptedAsBuilt(events: readonly FleetEvent[]): void {
  for (const event of events) {
    expect(validateEvent(JSON.parse(JSON.stringify(event)))).toEqual({
      kind: 'accepted',
      event,
      warnings: [],
    });
  }
}

describe('FleetSimulator', () => {
  it('is deterministic: same seed and tick times, same events', () => {
    expect(run({ seed: 7 }, 90)).toEqual(run({ seed: 7 }, 90));
    expect(run({ seed: 7 }, 30)).not.toEqual(run({ seed: 8 }, 30));
  });

  it('emits only events the contract accepts, of every type it simulates', () => {
    const events = run({ seed: 3, hosts: 12 }, 150);
    const bus = new FleetBus({ now: () => 0, schedule: () => {} });
    expect(bus.publish(JSON.parse(JSON.stringify(events)))).toBe(events.length);
    expect(bus.diagnostics.vocabularyWarnings).toBe(0);
    expectAcceptedAsBuilt(events);
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set([
        'attack_profile',
        'embedding',
        'episode',
        'live_detection',
        'model_metric',
        'model_perf',
        'phase',
        'prediction',
        'snapshot',
      ]),
    );
  });

  it('runs a fleet of the asked size, clamped to 1–10,000', () => {
    const hostsIn = (events: FleetEvent[]) => ofType(events, 'snapshot')[0]!.hosts.length;
    expect(hostsIn(run({ hosts: 5 }, 0))).toBe(5);
    expect(hostsIn(run({ hosts: 500 }, 0))).toBe(500);
    expect(hostsIn(run({ hosts: 20_000 }, 0))).toBe(10_000);
    expect(hostsIn(run({ hosts: 0 }, 0))).toBe(1);
  });

  it('gives at least five profiles with distinct envelopes, ~80 samples each', () => {
    const profiles = ofType(run({}, 0), 'attack_profile');
    expect(profiles.length).toBeGreaterThanOrEqual(5);
    expect(new Set(profiles.map((p) => p.curve.join())).size).toBe(profiles.length);
    for (const p of profiles) expect(p.curve).toHaveLength(80);
    expect(MALWARE_PROFILES.length).toBeGreaterThanOrEqual(5);
  });

  it('walks each episode through the five phases and completes it', () => {
    const episodes = ofType(run({ seed: 2 }, 130), 'episode');
    const complete = episodes.filter((e) => e.status === 'complete');
    expect(complete.length).toBeGreaterThanOrEqual(5);
    for (const e of complete) {
      expect(e.phases!.map((p) => p.phase)).toEqual([...PHASES]);
      expect(e.phases!.at(-1)!.end_s).toBe(60);
    }
  });

  it('classifies at about the asked accuracy, mistakes mostly between neighbouring phases', () => {
    const detections = ofType(run({ seed: 5, hosts: 40, accuracy: 0.8 }, 400, 500), 'live_detection').filter(
      (d) => d.actual !== undefined,
    );
    // Follow-ups repeat the prediction with truth; count each window once.
    const unique = new Map(detections.map((d) => [`${d.host_id}/${d.episode_id}/${d.window_idx}`, d]));
    const judged = [...unique.values()];
    const wrong = judged.filter((d) => d.predicted !== d.actual);
    const accuracy = 1 - wrong.length / judged.length;
    expect(accuracy).toBeGreaterThan(0.7);
    expect(accuracy).toBeLessThan(0.88);
    const neighbours = wrong.filter(
      (d) => Math.abs(PHASES.indexOf(d.predicted as never) - PHASES.indexOf(d.actual as never)) === 1,
    );
    expect(neighbours.length / wrong.length).toBeGreaterThan(0.6);
    const meanConfidence = (list: typeof judged) => list.reduce((s, d) => s + d.confidence!, 0) / list.length;
    expect(meanConfidence(judged.filter((d) => d.predicted === d.actual))).toBeGreaterThan(
      meanConfidence(wrong) + 0.15,
    );
  });

  it('sends ground truth later for part of the detections, for the same cell', () => {
    const detections = ofType(run({ seed: 9 }, 60), 'live_detection');
    const pending = detections.filter((d) => d.actual === undefined);
    expect(pending.length).toBeGreaterThan(0);
    const followed = pending.filter((p) =>
      detections.some(
        (d) =>
          d !== p &&
          d.actual !== undefined &&
          d.host_id === p.host_id &&
          d.episode_id === p.episode_id &&
          d.window_idx === p.window_idx,
      ),
    );
    expect(followed.length / pending.length).toBeGreaterThan(0.5);
  });

  it('gives each model its own latency', () => {
    const detections = ofType(run({ seed: 4, hosts: 10 }, 60), 'live_detection');
    const median = (model: string) => {
      const l = detections
        .filter((d) => d.model === model)
        .map((d) => d.latency_ms!)
        .sort((a, b) => a - b);
      return l[Math.floor(l.length / 2)]!;
    };
    expect(median('bert')).toBeGreaterThan(median('rnn') * 4);
  });

  it('speeds up with rate', () => {
    const slow = ofType(run({ seed: 1, rate: 1 }, 20), 'live_detection').length;
    const fast = ofType(run({ seed: 1, rate: 4 }, 20), 'live_detection').length;
    expect(fast).toBeGreaterThan(slow * 3);
  });
});

describe('FleetSimulator at start', () => {
  it('gives the chunking scene predictions for the featured host at once, for any seed', () => {
    for (const seed of [1, 2, 3, 4, 5, 42, 1234]) {
      const first = new FleetSimulator({ seed }).tick(T0);
      const predictions = ofType(first, 'prediction');
      expect(predictions.length, `seed ${seed}`).toBeGreaterThanOrEqual(1);
      expect(new Set(predictions.map((p) => p.episode_id)).size).toBe(1);
      expect(predictions.map((p) => p.window_idx)).toEqual(predictions.map((_, i) => i));
    }
  });
});

describe('FleetSimulator history', () => {
  const budget = { cellsPerHost: 60, cells: 60_000, embeddings: 20_000, episodes: 500 };

  it('simulates a large fleet only from where its hosts have something to emit', () => {
    const sim = new FleetSimulator({ hosts: 10_000, seed: 5 });
    const episodes = new Set<string>();
    const snapshots: FleetEvent[] = [];
    sim.history(T0, 300, budget, (events) => {
      for (const e of events) {
        if (e.type === 'live_detection' && e.episode_id) episodes.add(e.episode_id);
        if (e.type === 'snapshot') snapshots.push(e);
      }
    });
    // Episode ids are numbered as begun: 300 s of every host would begin about six each (60 s episodes).
    const begun = Math.max(...[...episodes].map((id) => Number(id.split('-').pop())));
    expect(begun).toBeLessThan(2.5 * 10_000);
    // The skipped minutes still count: a host has as many episodes behind it as if it had run them.
    const last = snapshots.at(-1) as Extract<FleetEvent, { type: 'snapshot' }>;
    const unsampled = last.hosts.slice(1_000);
    const meanEpisodes = unsampled.reduce((n, h) => n + (h.episodes ?? 0), 0) / unsampled.length;
    expect(meanEpisodes).toBeGreaterThan(29.5 + 3);
    // Every host reports in the lanes' window.
    expect(last.hosts).toHaveLength(10_000);
  }, 30_000);
});

describe('FleetSimulator history episodes', () => {
  it('emit each window boundary at its own time, however many boundaries went unemitted before', () => {
    // 21 s of episode events at this size: hosts skip the boundaries before and catch them up silently.
    const budget = { cellsPerHost: 60, cells: 60_000, embeddings: 2_000, episodes: 5_000 };
    const recordings: EventOf<'episode'>[] = [];
    new FleetSimulator({ hosts: 2_000, seed: 3 }).history(T0, 120, budget, (events) => {
      for (const e of events) if (e.type === 'episode' && e.status === 'recording') recordings.push(e);
    });
    expect(new Set(recordings.map((e) => e.host_id)).size).toBe(2_000);
    // A window's progress is sent when it ends (elapsed as samples at 10 Hz), not caught up later.
    const late = recordings.filter((e) => e.windows !== Math.floor(e.samples! / 10 / 10));
    expect(late).toEqual([]);
    const perEpisode = new Map<string, number[]>();
    for (const e of recordings)
      perEpisode.set(e.episode_id, [...(perEpisode.get(e.episode_id) ?? []), e.windows!]);
    // No window twice, none missed once an episode is being sent.
    for (const windows of perEpisode.values())
      expect(windows).toEqual(windows.map((_, i) => windows[0]! + i));
  });
});

describe('FleetSimulator history events', () => {
  it('are accepted as built, sampled and unsampled hosts alike', () => {
    const events: FleetEvent[] = [];
    const budget = { cellsPerHost: 60, cells: 6_000, embeddings: 2_000, episodes: 100 };
    new FleetSimulator({ hosts: 400, seed: 4 }).history(T0, 120, budget, (batch) => events.push(...batch));
    expect(new Set(events.map((e) => e.type)).size).toBeGreaterThanOrEqual(8);
    expectAcceptedAsBuilt(events);
  });
});

describe('FleetSimulator history truth', () => {
  it('folds truth due within the history into its detection; truth due after it follows live', () => {
    const budget = { cellsPerHost: 60, cells: 60_000, embeddings: 1_000, episodes: 100 };
    const sim = new FleetSimulator({ hosts: 50, seed: 9 });
    // A follow-up repeats its detection, stamp included.
    const key = (e: EventOf<'live_detection'>) => `${e.host_id}|${e.t_wall}`;
    const seen = new Set<string>();
    let followUps = 0;
    let withheld = 0;
    sim.history(T0, 120, budget, (events) => {
      for (const e of events) {
        if (e.type !== 'live_detection') continue;
        if (seen.has(key(e))) followUps++;
        seen.add(key(e));
        if (e.actual === undefined) withheld++;
      }
    });
    expect(followUps).toBe(0);
    // Some truth never comes, and the last seconds' is still on its way.
    expect(withheld).toBeGreaterThan(0);
    const later = sim
      .tick(T0 + 5_000)
      .filter((e): e is EventOf<'live_detection'> => e.type === 'live_detection');
    expect(later.some((e) => e.actual !== undefined && seen.has(key(e)))).toBe(true);
  });
});
