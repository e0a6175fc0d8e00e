import { describe, expect, it } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import { EMBEDDING_CAPACITY } from '../../../src/store/embeddings.js';
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
});
