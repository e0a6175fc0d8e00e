import { describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_BOUNDS, StickyCache } from '../../../server/sticky-cache.js';
import type { FleetEvent } from '../../../src/contract/schemas.js';

const detection = (host: string, window_idx: number, extra: Partial<FleetEvent> = {}) =>
  ({
    type: 'live_detection',
    host_id: host,
    predicted: 'armed',
    episode_id: 'ep-1',
    window_idx,
    ...extra,
  }) as FleetEvent;

describe('StickyCache', () => {
  it('keeps the latest snapshot, the latest profile/metric/perf per key, and the latest mix', () => {
    const cache = new StickyCache();
    const snapshot = (episodes: number) =>
      ({ type: 'snapshot', hosts: [], totals: { episodes, windows: 0, samples: 0 } }) as FleetEvent;
    cache.add(
      [
        snapshot(1),
        { type: 'attack_profile', name: 'a', curve: [1] },
        { type: 'attack_profile', name: 'b', curve: [2] },
        { type: 'attack_profile', name: 'a', curve: [3] },
        { type: 'model_metric', model: 'gru', accuracy: 0.5 },
        { type: 'model_metric', model: 'gru', accuracy: 0.6 },
        { type: 'model_perf', model: 'gru', latency_us: 10, accuracy: 0.6 },
        { type: 'phase_mix', mix: { clean: 1 } },
        { type: 'phase_mix', mix: { armed: 2 } },
        snapshot(2),
      ],
      0,
    );
    expect(cache.replay(0)).toEqual([
      snapshot(2),
      { type: 'attack_profile', name: 'b', curve: [2] },
      { type: 'attack_profile', name: 'a', curve: [3] },
      { type: 'model_metric', model: 'gru', accuracy: 0.6 },
      { type: 'model_perf', model: 'gru', latency_us: 10, accuracy: 0.6 },
      { type: 'phase_mix', mix: { armed: 2 } },
    ]);
  });

  it('keeps the last cells per host, filling a cell when its truth follows', () => {
    const cache = new StickyCache({ cellsPerHost: 3 });
    cache.add(
      [1, 2, 3, 4].map((w) => detection('h1', w)),
      0,
    );
    cache.add([detection('h1', 3, { actual: 'clean' } as Partial<FleetEvent>)], 0);
    cache.add([detection('h1', 1, { actual: 'clean' } as Partial<FleetEvent>)], 0);
    const lane = cache.replay(0) as { window_idx: number; actual?: string }[];
    // Window 1 had left the lane, so its late truth takes a slot as a new cell.
    expect(lane.map((c) => [c.window_idx, c.actual])).toEqual([
      [3, 'clean'],
      [4, undefined],
      [1, 'clean'],
    ]);
  });

  it('stays bounded under an endless stream', () => {
    const bounds = {
      hosts: 4,
      cellsPerHost: 5,
      embeddings: 7,
      episodes: 3,
      profiles: 2,
      models: 2,
      phases: 6,
    };
    const cache = new StickyCache(bounds);
    for (let i = 0; i < 10_000; i++) {
      cache.add(
        [
          detection(`h${i % 4}`, i),
          { type: 'embedding', x: (i % 100) / 100, y: 0.5 },
          {
            type: 'episode',
            episode_id: `ep-${i}`,
            host_id: 'h1',
            profile: 'p',
            status: 'recording',
          },
          { type: 'attack_profile', name: `p${i}`, curve: [i] },
          { type: 'model_metric', model: `m${i}`, accuracy: 0.5 },
          { type: 'model_perf', model: `m${i}`, latency_us: 1, accuracy: 0.5 },
          { type: 'phase', phase: 'clean' },
          { type: 'prediction', episode_id: 'e', window_idx: i % 6 },
        ],
        i,
      );
    }
    expect(cache.sizes()).toMatchObject({
      snapshot: 0,
      episodes: 3,
      profiles: 2,
      metrics: 2,
      perf: 2,
      phaseMix: 0,
      phases: 6,
      predictions: DEFAULT_CACHE_BOUNDS.predictions,
      embeddings: 7,
      hosts: 4,
      cells: 20,
    });
    const replay = cache.replay(10_000);
    // The newest survive: the last embeddings in order, the hosts heard from last.
    const xs = replay.filter((e) => e.type === 'embedding').map((e) => (e as { x: number }).x);
    expect(xs).toEqual([0.93, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99]);
    const cells = replay.filter((e) => e.type === 'live_detection') as {
      host_id: string;
      window_idx: number;
    }[];
    expect(cells.filter((c) => c.host_id === 'h3').map((c) => c.window_idx)).toEqual([
      9983, 9987, 9991, 9995, 9999,
    ]);
    // Past the host bound, the host heard from longest ago goes.
    for (let i = 0; i < 9; i++) cache.add([detection(`new${i}`, 0)], 20_000 + i);
    const lanes = new Set(
      cache
        .replay(30_000)
        .filter((e) => e.type === 'live_detection')
        .map((e) => (e as { host_id: string }).host_id),
    );
    expect([...lanes]).toEqual(['new5', 'new6', 'new7', 'new8']);
    const episodes = replay
      .filter((e) => e.type === 'episode')
      .map((e) => (e as { episode_id: string }).episode_id);
    expect(episodes).toEqual(['ep-9997', 'ep-9998', 'ep-9999']);
  });

  it('replays phases only from the last five minutes', () => {
    const cache = new StickyCache();
    cache.add([{ type: 'phase', phase: 'clean' }], 0);
    cache.add([{ type: 'phase', phase: 'armed' }], 200_000);
    expect(cache.replay(250_000)).toHaveLength(2);
    expect(cache.replay(400_000)).toEqual([{ type: 'phase', phase: 'armed' }]);
  });

  it('keeps every host of a large fleet within its byte budget, with fewer cells per host', () => {
    const maxBytes = 512 * 1024;
    const cache = new StickyCache({ maxBytes });
    const hosts = 1_000;
    const rounds = 60;
    for (let round = 0; round < rounds; round++) {
      const batch: FleetEvent[] = [];
      for (let h = 0; h < hosts; h++)
        batch.push(detection(`host-${String(h).padStart(5, '0')}`, round, { confidence: 0.5, model: 'gru' }));
      cache.add(
        batch,
        round,
        batch.map((e) => JSON.stringify(e)),
      );
      expect(cache.bytes).toBeLessThanOrEqual(maxBytes);
    }
    const sizes = cache.sizes();
    expect(sizes.hosts).toBe(hosts);
    expect(sizes.cellsPerHost).toBeLessThan(60);
    expect(sizes.cellsPerHost).toBeGreaterThanOrEqual(1);
    expect(sizes.cells).toBe(hosts * sizes.cellsPerHost!);
    // The byte count is the JSON a viewer is sent, not an estimate.
    const sent = cache.replayJson(rounds).reduce((n, json) => n + Buffer.byteLength(json), 0);
    expect(sent).toBe(cache.bytes);
    // Each lane keeps its newest cells.
    const lane = cache.replay(rounds).filter((e) => (e as { host_id?: string }).host_id === 'host-00007');
    expect((lane.at(-1) as { window_idx: number }).window_idx).toBe(59);
  });

  it('lets lanes grow back when the fleet shrinks under the budget', () => {
    const cache = new StickyCache({ maxBytes: 64 * 1024, hosts: 50 });
    for (let round = 0; round < 20; round++)
      cache.add(
        Array.from({ length: 50 }, (_, h) => detection(`h${h}`, round)),
        round,
      );
    const crowded = cache.cellsPerHost;
    expect(crowded).toBeLessThan(20);
    // The host bound now evicts the old hosts as three new ones talk.
    for (let round = 0; round < 60; round++)
      cache.add(
        [0, 1, 2].map((h) => detection(`new${h}`, round)),
        100 + round,
      );
    expect(cache.sizes().hosts).toBe(50);
    expect(cache.bytes).toBeLessThanOrEqual(64 * 1024);
  });

  it('moves its version on every change, so a replay is encoded once per version', () => {
    const cache = new StickyCache();
    const v0 = cache.version;
    cache.add([detection('h1', 0)], 0);
    expect(cache.version).toBeGreaterThan(v0);
  });
});
