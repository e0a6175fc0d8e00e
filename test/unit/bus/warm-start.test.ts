import { afterEach, describe, expect, it, vi } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import { RESUME_AFTER_WARM_MS, startSimulatorSource } from '../../../src/bus/sim-source.js';
import { TimeControl } from '../../../src/bus/time-control.js';
import { readSourceOptions } from '../../../src/bus/url-options.js';
import { DEFAULT_WARM_S, storeBudget, warmStart } from '../../../src/bus/warm-start.js';
import type { FleetEvent } from '../../../src/contract/schemas.js';
import { FleetSimulator } from '../../../src/sim/fleet-sim.js';
import { MAX_EPISODES } from '../../../src/store/fleet.js';
import { LANE_CAPACITY, type LiveLanesState, laneCells, laneLength } from '../../../src/store/live-lanes.js';
import { phaseHistory } from '../../../src/store/phase-mix.js';

const END = 1_780_000_000_000;

const allCells = (live: LiveLanesState) => live.hosts.flatMap((host) => laneCells(live, host));

function warmBus(options: { seed?: number; hosts?: number } = {}, seconds = DEFAULT_WARM_S) {
  const bus = new FleetBus({ now: () => END, schedule: () => {} });
  const counts = new Map<string, number>();
  bus.addEventListener('live_detection', (e) => {
    const list = (e as CustomEvent<FleetEvent[]>).detail;
    counts.set('live_detection', (counts.get('live_detection') ?? 0) + list.length);
  });
  const accepted = warmStart(bus, new FleetSimulator(options), seconds, END);
  return { bus, accepted, counts };
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

describe('warm start', () => {
  it('fills the first view: lanes judged, five minutes of phases, ten finished episodes', () => {
    const { bus } = warmBus();
    const s = bus.state;
    expect(s.live.hosts).toHaveLength(5);
    expect(s.live.judged).toBeGreaterThanOrEqual(100);
    // Full lanes, give or take the jitter of detection times.
    for (const host of s.live.hosts)
      expect(laneLength(s.live, host)).toBeGreaterThanOrEqual(LANE_CAPACITY - 6);
    const bins = phaseHistory(s.phaseMix, END, 10).filter((b) => b.total > 0);
    expect(bins.reduce((n, b) => n + b.total, 0)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...bins.map((b) => b.startAgoS))).toBeGreaterThanOrEqual(240);
    expect(s.fleet.recentComplete.length).toBeGreaterThanOrEqual(10);
    expect(s.fleet.snapshot?.hosts).toHaveLength(5);
    expect(s.predictions.episode_id).toBeDefined();
    expect(s.embeddings.count).toBeGreaterThan(1000);
  });

  it('stamps each step with its own time, so arrivals span the history', () => {
    const { bus } = warmBus({}, 120);
    const arrivals = allCells(bus.state.live).map((c) => c.arrived);
    expect(Math.max(...arrivals)).toBeLessThanOrEqual(END);
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThan(100_000);
  });

  it('is the same history for the same seed, another for another seed', () => {
    const a = warmBus({ seed: 3 }, 90).bus.state;
    const b = warmBus({ seed: 3 }, 90).bus.state;
    const c = warmBus({ seed: 4 }, 90).bus.state;
    const lanes = (s: typeof a) => JSON.stringify(allCells(s.live));
    expect(lanes(a)).toBe(lanes(b));
    expect(JSON.stringify([...a.fleet.episodes])).toBe(JSON.stringify([...b.fleet.episodes]));
    expect(lanes(a)).not.toBe(lanes(c));
  });

  it('never emits more than the stores hold', () => {
    // 5 hosts over an hour: far more detections than 60 per lane, far more episodes than kept.
    const { bus, counts } = warmBus({ hosts: 5 }, 3600);
    const budget = storeBudget(bus);
    // Each new detection is a cell; a follow-up truth repeats one (at most one per cell).
    expect(bus.state.live.total).toBeLessThanOrEqual(5 * LANE_CAPACITY);
    expect(counts.get('live_detection')!).toBeLessThanOrEqual(2 * 5 * LANE_CAPACITY);
    // The initial cloud plus the budget.
    expect(bus.state.embeddings.total).toBeLessThanOrEqual(800 + budget.embeddings + 40);
    expect(bus.diagnostics.acceptedByType.get('episode')!).toBeLessThanOrEqual(MAX_EPISODES + 40);
    expect(bus.diagnostics.acceptedByType.get('snapshot')!).toBeLessThanOrEqual(2);
  });

  it('bounds a large fleet by the cell budget, not by its size', () => {
    const { bus } = warmBus({ hosts: 2000 }, 300);
    expect(bus.state.live.hosts).toHaveLength(2000);
    expect(bus.state.live.total).toBeLessThanOrEqual(storeBudget(bus).cells + 2000);
    expect(bus.state.fleet.snapshot?.hosts).toHaveLength(2000);
    // Reserved at once from the history's first snapshot, not grown by half again as hosts join.
    expect(bus.state.live.cells.slots).toBe(2000);
  }, 60_000);

  it('is one moment to time control, not a history copied checkpoint by checkpoint', () => {
    const bus = new FleetBus({ now: () => END, schedule: () => {} });
    const time = TimeControl.for(bus, { now: () => END });
    warmStart(bus, new FleetSimulator({ hosts: 200 }), 300, END);
    // Recorded batch by batch, 300 s of 200 hosts would hold tens of checkpoints, each a copy of every lane.
    expect(time.history.checkpointCount).toBe(1);
    expect(time.history.events).toBe(0);
    expect(time.history.start).toBe(END);
    // The first moment is the warmed stores: showing it again loses nothing.
    expect(time.history.stateAt(END).live.total).toBe(bus.state.live.total);
    bus.publish({ type: 'live_detection', host_id: 'web-1', predicted: 'clean' });
    expect(time.history.events).toBe(1);
  });

  it("keeps the first moment's lanes as they were when later detections overwrite them in place", () => {
    let now = END;
    const bus = new FleetBus({ now: () => now, schedule: () => {} });
    const time = TimeControl.for(bus, { now: () => now });
    warmStart(bus, new FleetSimulator({ hosts: 5 }), 300, END);
    now += 1000;
    const host = bus.state.live.hosts[0]!;
    const before = JSON.stringify(laneCells(bus.state.live, host));
    // The lane is full: each detection overwrites its oldest cell in the shared arrays.
    for (let i = 0; i < 10; i++) bus.publish({ type: 'live_detection', host_id: host, predicted: 'dormant' });
    expect(JSON.stringify(laneCells(bus.state.live, host))).not.toBe(before);
    expect(JSON.stringify(laneCells(time.history.stateAt(END).live, host))).toBe(before);
  });

  it('runs before the first tick of the simulator source; warm=0 is the cold start', () => {
    const warm = new FleetBus({ now: () => END, schedule: () => {} });
    stops.push(startSimulatorSource(warm, readSourceOptions(new URLSearchParams('seed=2')).sim));
    expect(warm.state.live.judged).toBeGreaterThanOrEqual(100);
    const cold = new FleetBus({ now: () => END, schedule: () => {} });
    stops.push(startSimulatorSource(cold, readSourceOptions(new URLSearchParams('seed=2&warm=0')).sim));
    expect(cold.state.live.total).toBe(0);
    expect(cold.state.fleet.snapshot).toBeDefined();
  });

  it('resumes live ticks a moment after a warm start, catching up the time passed', () => {
    vi.useFakeTimers();
    try {
      let now = END;
      const bus = new FleetBus({ now: () => now, schedule: () => {} });
      stops.push(startSimulatorSource(bus, { seed: 2, hosts: 50 }));
      const warmed = bus.diagnostics.accepted;
      now += RESUME_AFTER_WARM_MS / 2;
      vi.advanceTimersByTime(RESUME_AFTER_WARM_MS / 2);
      // Nothing yet: the first view is painted before the first tick writes the lanes.
      expect(bus.diagnostics.accepted).toBe(warmed);
      now += RESUME_AFTER_WARM_MS / 2;
      vi.advanceTimersByTime(RESUME_AFTER_WARM_MS / 2);
      // 50 hosts detect every 2 s: the first tick brings the second that passed.
      expect(bus.diagnostics.accepted).toBeGreaterThan(warmed + 10);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not warm a bus that already holds data (a restarted source counts nothing twice)', () => {
    const bus = new FleetBus({ now: () => END, schedule: () => {} });
    bus.publish({ type: 'live_detection', host_id: 'web-1', predicted: 'clean' });
    stops.push(startSimulatorSource(bus, { seed: 1 }));
    expect(bus.state.live.total).toBe(1);
  });

  it('reads warm= from the URL, clamped to an hour', () => {
    expect(readSourceOptions(new URLSearchParams('warm=0')).sim.warm).toBe(0);
    expect(readSourceOptions(new URLSearchParams('warm=60')).sim.warm).toBe(60);
    expect(readSourceOptions(new URLSearchParams('warm=99999')).sim.warm).toBe(3600);
    expect(readSourceOptions(new URLSearchParams('')).sim.warm).toBeUndefined();
  });
});
