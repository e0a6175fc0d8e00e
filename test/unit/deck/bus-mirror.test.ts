import { afterEach, describe, expect, it } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import { followBus, shareBus } from '../../../src/deck/presenter/bus-mirror.js';
import { syncChannelName } from '../../../src/deck/presenter/deck-sync.js';
import { FleetSimulator } from '../../../src/sim/fleet-sim.js';
import { laneCells } from '../../../src/store/live-lanes.js';

let seq = 0;
const stops: (() => void)[] = [];
const channels: BroadcastChannel[] = [];

function channel(name: string): BroadcastChannel {
  const c = new BroadcastChannel(name);
  channels.push(c);
  return c;
}

async function until(check: () => boolean, what: string, ms = 2000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A bus fed by `seconds` of a seeded simulator. */
function simulatedBus(seed: number, seconds: number): { bus: FleetBus; sim: FleetSimulator; t: number } {
  const clock = { t: 1_000_000 };
  const bus = new FleetBus({ now: () => clock.t, schedule: (f) => setTimeout(f, 0) });
  const sim = new FleetSimulator({ seed });
  for (let i = 0; i <= seconds * 10; i++) {
    clock.t = 1_000_000 + i * 100;
    bus.publish(sim.tick(clock.t));
  }
  return { bus, sim, t: clock.t };
}

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  for (const c of channels.splice(0)) c.close();
});

describe('bus mirror', () => {
  it('gives a follower the audience stores, then its events', async () => {
    const name = syncChannelName(`/mirror-${++seq}/`, 'session-1', 'bus');
    const audience = simulatedBus(1, 20);
    stops.push(shareBus(audience.bus, channel(name), 'audience-1'));

    const presenter = new FleetBus({ schedule: (f) => setTimeout(f, 0) });
    const changes: string[][] = [];
    presenter.onChange((changed) => changes.push([...changed]));
    const leaders: string[] = [];
    stops.push(followBus(presenter, channel(name), 'presenter-1', { onState: (l) => leaders.push(l) }));

    await until(() => leaders.length === 1, 'the state');
    expect(leaders).toEqual(['audience-1']);
    const before = audience.bus.state.live.total;
    expect(before).toBeGreaterThan(10);
    expect(presenter.state.live.total).toBe(before);
    expect(presenter.state.live.hosts).toEqual(audience.bus.state.live.hosts);
    expect(presenter.state.embeddings.count).toBe(audience.bus.state.embeddings.count);
    // The fleet's per-host maps cross the clone as plain Maps and work as before on the far side
    // (cloned as they were, they arrived without their methods: "recording.get is not a function").
    const recording = presenter.state.fleet.recording;
    expect(audience.bus.state.fleet.recording.size).toBeGreaterThan(0);
    expect([...recording]).toEqual([...audience.bus.state.fleet.recording]);
    expect(recording.get('host-01')).toBe(audience.bus.state.fleet.recording.get('host-01'));
    expect([...presenter.state.fleet.completedByHost]).toEqual([...audience.bus.state.fleet.completedByHost]);
    expect(presenter.source.label).toBe(audience.bus.source.label);
    expect(changes[0], 'mounted scenes are told every store changed').toContain('live');

    audience.bus.publish([
      { type: 'live_detection', host_id: 'host-99', predicted: 'armed' },
      { type: 'model_metric', model: 'gru', accuracy: 0.91 },
    ]);
    await until(() => presenter.state.live.total === before + 1, 'the forwarded detection');
    expect(laneCells(presenter.state.live, 'host-99')[0]?.predicted).toBe('armed');
    expect(presenter.state.models.accuracy.get('gru')).toBe(0.91);
    // …and take later episodes.
    audience.bus.publish([
      { type: 'episode', episode_id: 'ep-x', host_id: 'host-99', profile: 'p', status: 'recording' },
    ]);
    await until(() => presenter.state.fleet.recording.get('host-99') === 'ep-x', 'the forwarded episode');
  });

  it('follows a reloaded audience, and stops forwarding when no one follows', async () => {
    const name = syncChannelName(`/mirror-${++seq}/`, 'session-1', 'bus');
    const first = simulatedBus(1, 5);
    const stopFirst = shareBus(first.bus, channel(name), 'audience-1');
    const presenter = new FleetBus({ schedule: (f) => setTimeout(f, 0) });
    const leaders: string[] = [];
    const stopFollow = followBus(presenter, channel(name), 'presenter-1', {
      onState: (l) => leaders.push(l),
    });
    await until(() => leaders.length === 1, 'first state');
    stopFirst();

    // The reloaded audience starts with a different fleet: the presenter shows that one, not a blend.
    const second = simulatedBus(7, 3);
    stops.push(shareBus(second.bus, channel(name), 'audience-2'));
    await until(() => leaders.length === 2, 'state of the reloaded audience');
    expect(leaders).toEqual(['audience-1', 'audience-2']);
    expect(presenter.state.live.total).toBe(second.bus.state.live.total);
    first.bus.publish({ type: 'live_detection', host_id: 'ghost', predicted: 'clean' });
    second.bus.publish({ type: 'live_detection', host_id: 'host-77', predicted: 'dormant' });
    await until(() => presenter.state.live.slots.has('host-77'), 'events of the new leader');
    expect(presenter.state.live.slots.has('ghost')).toBe(false);

    stopFollow();
    await new Promise((r) => setTimeout(r, 30));
    const total = presenter.state.live.total;
    second.bus.publish({ type: 'live_detection', host_id: 'host-78', predicted: 'dormant' });
    await new Promise((r) => setTimeout(r, 60));
    expect(presenter.state.live.total).toBe(total);
  });

  it('starts the follower over when the audience bus rebuilds, instead of appending', async () => {
    const name = syncChannelName(`/mirror-${++seq}/`, 'session-1', 'bus');
    const audience = simulatedBus(3, 5);
    stops.push(shareBus(audience.bus, channel(name), 'audience-1'));
    const presenter = new FleetBus({ schedule: (f) => setTimeout(f, 0) });
    const leaders: string[] = [];
    stops.push(followBus(presenter, channel(name), 'presenter-1', { onState: (l) => leaders.push(l) }));
    await until(() => leaders.length === 1, 'the state');
    expect(presenter.state.live.total).toBeGreaterThan(0);
    // A reconnect to a restarted bus: its stores are rebuilt, then its present arrives.
    audience.bus.rebuild();
    audience.bus.publish({ type: 'live_detection', host_id: 'host-new', predicted: 'armed' });
    await until(() => leaders.length === 2 && presenter.state.live.total === 1, 'the rebuilt state');
    expect(presenter.state.live.hosts).toEqual(['host-new']);
  });
});
