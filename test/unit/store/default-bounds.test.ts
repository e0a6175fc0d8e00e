import { describe, expect, it } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import { EMBEDDING_CAPACITY } from '../../../src/store/embeddings.js';
import { MAX_FLEET_HOSTS } from '../../../src/store/fleet.js';
import { MAX_LANES } from '../../../src/store/live-lanes.js';

/**
 * The deck's default bounds at their real sizes, through the bus as a page
 * uses it (no capacity passed): the README promises 100,000 knn points and
 * the live scene keeps at most 16,384 lanes.
 */
describe("the deck's default bounds", () => {
  it('holds the 100,000 newest embedding points, oldest overwritten first', () => {
    expect(EMBEDDING_CAPACITY).toBe(100_000);
    const bus = new FleetBus({ now: () => 0 });
    const SENT = 125_000;
    // y carries the point's number, so the survivors can be told apart.
    const point = (i: number) => ({ type: 'embedding', x: 0.5, y: i / SENT, z: 0.5, phase: 'clean' });
    for (let from = 0; from < SENT; from += 5_000)
      expect(bus.publish(Array.from({ length: 5_000 }, (_, k) => point(from + k)))).toBe(5_000);
    const ring = bus.state.embeddings;
    expect(ring.capacity).toBe(100_000);
    expect(ring.count).toBe(100_000);
    expect(ring.total).toBe(SENT);
    expect(ring.phaseCounts.get('clean')).toBe(100_000);
    // Full, so the head is the oldest point held: number 25,000; the one before it, the newest.
    const yAt = (slot: number) => ring.positions[slot * 3 + 1]!;
    expect(yAt(ring.head)).toBeCloseTo(25_000 / SENT, 6);
    expect(yAt((ring.head + ring.capacity - 1) % ring.capacity)).toBeCloseTo((SENT - 1) / SENT, 6);
  });

  it('keeps at most 16,384 host lanes, dropping the one heard from longest ago', () => {
    expect(MAX_LANES).toBe(16_384);
    let now = 0;
    const bus = new FleetBus({ now: () => now });
    const hosts = MAX_LANES + 76;
    const batch = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => ({
        type: 'live_detection',
        host_id: `h-${String(from + k).padStart(5, '0')}`,
        predicted: 'armed',
      }));
    // 76 hosts heard from first, then the rest in batches of 128, a millisecond apart.
    bus.publish(batch(0, 76));
    for (let from = 76; from < hosts; from += 128) {
      now++;
      bus.publish(batch(from, Math.min(hosts, from + 128)));
    }
    const live = bus.state.live;
    expect(live.hosts).toHaveLength(MAX_LANES);
    expect(live.slots.size).toBe(MAX_LANES);
    expect(live.hosts[0]).toBe('h-00076');
    expect(live.hosts.at(-1)).toBe(`h-${hosts - 1}`);
  });

  it('keeps recordings and completed counts for at most 16,384 hosts, dropping the one heard from longest ago', () => {
    expect(MAX_FLEET_HOSTS).toBe(16_384);
    const bus = new FleetBus({ now: () => 0 });
    const hosts = MAX_FLEET_HOSTS + 100;
    const host = (i: number) => `h-${String(i).padStart(5, '0')}`;
    const episode = (i: number, status: string) => ({
      type: 'episode',
      episode_id: `ep-${i}`,
      host_id: host(i),
      profile: 'bursty-c2',
      status,
    });
    const publish = (from: number, to: number, status: string) => {
      for (let i = from; i < to; i += 1_000)
        bus.publish(Array.from({ length: Math.min(1_000, to - i) }, (_, k) => episode(i + k, status)));
    };
    publish(0, hosts, 'recording');
    // Host 0 heard from again: now the newest, so the 100 after it go instead.
    bus.publish([episode(0, 'recording')]);
    const { recording } = bus.state.fleet;
    expect(recording.size).toBe(MAX_FLEET_HOSTS);
    expect(recording.has(host(0))).toBe(true);
    expect(recording.has(host(100))).toBe(false);
    expect(recording.has(host(101))).toBe(true);
    expect(recording.has(host(hosts - 1))).toBe(true);

    publish(0, hosts, 'complete');
    const { completedByHost } = bus.state.fleet;
    expect(completedByHost.size).toBe(MAX_FLEET_HOSTS);
    expect(completedByHost.has(host(99))).toBe(false);
    expect(completedByHost.get(host(hosts - 1))).toBe(1);
  });
});
