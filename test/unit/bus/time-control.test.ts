import { describe, expect, it } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import { REPLAY_ORIGIN_MS, recordingBatches } from '../../../src/bus/replay-timeline.js';
import { TimeControl } from '../../../src/bus/time-control.js';
import { FleetSimulator } from '../../../src/sim/fleet-sim.js';
import { laneCells, laneLength } from '../../../src/store/live-lanes.js';
import { initialStores } from '../../../src/store/stores.js';
import { FakeClock } from './support/fakes.js';

const detection = (host: string, i: number) => ({
  type: 'live_detection',
  host_id: host,
  predicted: 'armed',
  episode_id: `ep-${i}`,
  window_idx: i,
});

function setup(options: { holdCapacity?: number } = {}) {
  const clock = new FakeClock();
  clock.time = 1_000_000;
  const bus = new FleetBus({ now: clock.now, schedule: () => undefined });
  const time = new TimeControl(bus, { now: clock.now, timers: clock, ...options });
  return { clock, bus, time };
}

describe('TimeControl, live', () => {
  it('stops the bus clock while paused and goes on from there on resume', () => {
    const { clock, bus, time } = setup();
    clock.advance(5_000);
    expect(bus.clock()).toBe(1_005_000);
    time.pause();
    clock.advance(60_000);
    expect(bus.clock()).toBe(1_005_000);
    time.resume();
    expect(bus.clock()).toBe(1_005_000);
    clock.advance(1_000);
    expect(bus.clock()).toBe(1_006_000);
  });

  it('holds what arrives while paused and applies all of it on resume', () => {
    const { bus, time } = setup();
    bus.publish([detection('a', 1), detection('b', 2)]);
    time.pause();
    const frozen = bus.state;
    bus.publish([detection('a', 3)]);
    bus.publish([detection('c', 4), detection('c', 5)]);
    expect(bus.state).toBe(frozen);
    expect(time.status).toMatchObject({ paused: true, held: 3, heldDropped: 0 });
    time.resume();
    expect(bus.state.live.total).toBe(5);
    expect(time.status).toMatchObject({ paused: false, held: 0 });
  });

  it('holds points (which the bus carries in reused columns) as they came, and adds them on resume', () => {
    const { bus, time } = setup();
    const point = (i: number) => ({ type: 'embedding', x: i / 10, y: 1 / 3, phase: 'armed', cluster: i });
    time.pause();
    bus.publish([point(1), point(2)]);
    // The next publish reuses the bus's columns: what was held must not change with them.
    bus.publish([point(3), { type: 'phase', phase: 'clean' }]);
    expect(time.status.held).toBe(4);
    expect(bus.state.embeddings.count).toBe(0);
    const seen: unknown[] = [];
    bus.addEventListener('embedding', (e) => seen.push(...(e as CustomEvent<unknown[]>).detail));
    time.resume();
    expect(seen).toEqual([point(1), point(2), point(3)]);
    expect(bus.state.embeddings.count).toBe(3);
    expect(bus.state.embeddings.positions[1]).toBeCloseTo(1 / 3);
  });

  it('drops the oldest held past its bound and counts them in the diagnostics', () => {
    const { bus, time } = setup({ holdCapacity: 2 });
    time.pause();
    bus.publish([detection('a', 1), detection('a', 2), detection('a', 3)]);
    expect(time.status.held).toBe(2);
    expect(bus.diagnostics.heldDropped).toBe(1);
    time.resume();
    const cells = laneCells(bus.state.live, 'a');
    expect(cells.map((c) => c.window_idx)).toEqual([2, 3]);
  });

  it('shows an earlier moment while paused and the present again on resume', () => {
    const { clock, bus, time } = setup();
    for (let i = 0; i < 30; i++) {
      bus.publish([detection('a', i)]);
      clock.advance(1_000);
    }
    const present = bus.state;
    time.pause();
    time.seek(bus.clock() - 20_500);
    expect(bus.state.live.total).toBe(10);
    expect(bus.clock()).toBe(time.status.position);
    time.step(5_000);
    expect(bus.state.live.total).toBe(15);
    bus.publish([detection('z', 99)]);
    expect(laneLength(bus.state.live, 'z')).toBe(0);
    time.resume();
    expect(bus.state.live.total).toBe(31);
    expect(laneCells(bus.state.live, 'a')).toEqual(laneCells(present.live, 'a'));
  });

  it('stops the simulator with its clock: no events while paused, the same run as never paused after', () => {
    const run = (pauseMs: number) => {
      const { clock, bus, time } = setup();
      const sim = new FleetSimulator({ seed: 3 });
      const tick = () => bus.publish(sim.tick(bus.clock()));
      tick();
      for (let i = 0; i < 50; i++) {
        clock.advance(100);
        tick();
      }
      time.pause();
      const before = bus.diagnostics.accepted;
      for (let i = 0; i < pauseMs / 100; i++) {
        clock.advance(100);
        tick();
      }
      expect(bus.diagnostics.accepted).toBe(before);
      time.resume();
      for (let i = 0; i < 50; i++) {
        clock.advance(100);
        tick();
      }
      return bus;
    };
    const paused = run(10_000);
    const straight = run(0);
    expect(paused.diagnostics.accepted).toBe(straight.diagnostics.accepted);
    expect(paused.state.live.total).toBe(straight.state.live.total);
  });
});

describe('TimeControl, replay', () => {
  const lines = Array.from({ length: 60 }, (_, s) => ({
    t: s * 1_000,
    event: { type: 'embedding', x: (s % 10) / 10, y: 0.5 },
  }));

  function replay(at?: number) {
    const { clock, bus, time } = setup();
    const { batches, duration } = recordingBatches(lines, bus.diagnostics);
    time.playReplay({ batches, origin: REPLAY_ORIGIN_MS, duration, at, initial: initialStores() });
    return { clock, bus, time };
  }

  it('plays each batch at its recorded time and ends paused at the end', () => {
    const { clock, bus, time } = replay();
    expect(bus.state.embeddings.count).toBe(1);
    clock.advance(10_000);
    expect(bus.state.embeddings.count).toBe(11);
    expect(bus.clock()).toBe(REPLAY_ORIGIN_MS + 10_000);
    clock.advance(60_000);
    expect(bus.state.embeddings.count).toBe(60);
    expect(time.status).toMatchObject({ paused: true, ended: true, position: REPLAY_ORIGIN_MS + 59_000 });
  });

  it('opens paused at t= with the same state every time, equal to seeking there', () => {
    const a = replay(45_000);
    const b = replay(45_000);
    expect(a.time.status.paused).toBe(true);
    expect(a.bus.state.embeddings.count).toBe(46);
    expect(a.bus.state.embeddings.total).toBe(b.bus.state.embeddings.total);
    const c = replay();
    c.clock.advance(20_000);
    c.time.seek(REPLAY_ORIGIN_MS + 45_000);
    expect(c.bus.state.embeddings.count).toBe(46);
    c.time.seek(REPLAY_ORIGIN_MS + 10_000);
    expect(c.bus.state.embeddings.count).toBe(11);
  });

  it('plays on from the moment shown', () => {
    const { clock, bus, time } = replay(30_000);
    clock.advance(5_000);
    expect(bus.state.embeddings.count).toBe(31);
    time.resume();
    clock.advance(5_000);
    expect(bus.state.embeddings.count).toBe(36);
  });
});
