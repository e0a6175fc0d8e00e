import { describe, expect, it } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import {
  DEFAULT_PRINT_RUN_S,
  fastForward,
  type ManualClock,
  PRINT_EPOCH_MS,
  printRunSeconds,
} from '../../../src/deck/print/fast-forward.js';
import { FleetSimulator } from '../../../src/sim/fleet-sim.js';
import { type LiveLanesState, laneCells } from '../../../src/store/live-lanes.js';

const allCells = (live: LiveLanesState) => live.hosts.flatMap((host) => laneCells(live, host));

function run(seed: number, seconds: number) {
  const clock: ManualClock = { now: 0 };
  const bus = new FleetBus({ now: () => clock.now, schedule: () => undefined });
  const accepted = fastForward(bus, new FleetSimulator({ seed }), clock, seconds);
  return { bus, clock, accepted };
}

describe('print fast-forward', () => {
  it('runs the seeded simulator for the set time and stops the clock at the print epoch', () => {
    const { bus, clock, accepted } = run(1, 90);
    expect(clock.now).toBe(PRINT_EPOCH_MS);
    expect(bus.clock()).toBe(PRINT_EPOCH_MS);
    expect(accepted).toBeGreaterThan(200);
    // 5 hosts, a detection about every 2 s each over 90 s.
    expect(bus.state.live.total).toBeGreaterThan(150);
    expect(bus.state.live.hosts.length).toBe(5);
    expect(bus.state.models.accuracy.size).toBeGreaterThan(0);
    expect(bus.state.fleet.episodes.size).toBeGreaterThan(5);
  });

  it('is reproducible: same seed, same stores; another seed differs', () => {
    const a = run(1, 60).bus.state;
    const b = run(1, 60).bus.state;
    const c = run(2, 60).bus.state;
    const lanes = (s: typeof a) => JSON.stringify(allCells(s.live));
    expect(lanes(a)).toBe(lanes(b));
    expect(JSON.stringify([...a.fleet.episodes])).toBe(JSON.stringify([...b.fleet.episodes]));
    expect(Array.from(a.embeddings.positions.slice(0, 300))).toEqual(
      Array.from(b.embeddings.positions.slice(0, 300)),
    );
    expect(lanes(a)).not.toBe(lanes(c));
  });

  it('spreads arrivals over the run, so rolling windows see time pass', () => {
    const { bus } = run(1, 30);
    const times = allCells(bus.state.live).map((cell) => cell.arrived);
    const spread = Math.max(...times) - Math.min(...times);
    expect(spread).toBeGreaterThan(20_000);
  });

  it('reads run= seconds', () => {
    expect(printRunSeconds(new URLSearchParams(''))).toBe(DEFAULT_PRINT_RUN_S);
    expect(printRunSeconds(new URLSearchParams('run=30'))).toBe(30);
    expect(printRunSeconds(new URLSearchParams('run=0'))).toBe(1);
    expect(printRunSeconds(new URLSearchParams('run=1e9'))).toBe(3600);
    expect(printRunSeconds(new URLSearchParams('run=abc'))).toBe(DEFAULT_PRINT_RUN_S);
  });
});
