import { describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_BOUNDS, StickyCache } from '../../../server/sticky-cache.js';
import type { FleetEvent } from '../../../src/contract/schemas.js';

/**
 * The bus cache's per-type limits at their real sizes: a cache built with no
 * bounds of its own, fed past every limit, holds exactly the defaults the
 * README promises (60 lane cells per host, the last 5,000 embeddings, …) and
 * the newest of each.
 */
describe('the bus cache at its default bounds', () => {
  it('holds each kind up to its limit and no further, keeping the newest', () => {
    const b = DEFAULT_CACHE_BOUNDS;
    expect(b).toMatchObject({ cellsPerHost: 60, embeddings: 5_000, predictions: 12 });
    const cache = new StickyCache();
    const over = (n: number) => n + Math.max(5, Math.ceil(n / 10));
    const events: FleetEvent[] = [];
    const hosts = over(b.hosts);
    for (let h = 0; h < hosts; h++) {
      // The last host gets more cells than a lane holds.
      const cells = h === hosts - 1 ? over(b.cellsPerHost) : 1;
      for (let w = 0; w < cells; w++)
        events.push({
          type: 'live_detection',
          host_id: `h${h}`,
          predicted: 'armed',
          episode_id: 'e',
          window_idx: w,
        });
    }
    const embeddings = over(b.embeddings);
    for (let i = 0; i < embeddings; i++) events.push({ type: 'embedding', x: 0.5, y: i / embeddings });
    for (let i = 0; i < over(b.episodes); i++)
      events.push({
        type: 'episode',
        episode_id: `ep-${i}`,
        host_id: 'h0',
        profile: 'p',
        status: 'recording',
      });
    for (let i = 0; i < over(b.profiles); i++)
      events.push({ type: 'attack_profile', name: `p${i}`, curve: [1] });
    for (let i = 0; i < over(b.models); i++) {
      events.push({ type: 'model_metric', model: `m${i}`, accuracy: 0.5 });
      events.push({ type: 'model_perf', model: `m${i}`, latency_us: 1, accuracy: 0.5 });
    }
    for (let i = 0; i < over(b.phases); i++) events.push({ type: 'phase', phase: 'clean' });
    for (let i = 0; i < over(b.predictions); i++)
      events.push({ type: 'prediction', episode_id: `ep-${i}`, window_idx: i % 6 });
    cache.add(events, 1_000);

    expect(cache.sizes()).toEqual({
      snapshot: 0,
      episodes: b.episodes,
      profiles: b.profiles,
      metrics: b.models,
      perf: b.models,
      phaseMix: 0,
      phases: b.phases,
      predictions: b.predictions,
      embeddings: b.embeddings,
      hosts: b.hosts,
      cells: b.hosts - 1 + b.cellsPerHost,
    });
    const replay = cache.replay(1_000);
    const of = <T>(type: string) => replay.filter((e) => e.type === type) as unknown as T[];
    // The newest survive.
    const ys = of<{ y: number }>('embedding').map((e) => e.y);
    expect(ys[0]).toBe((embeddings - b.embeddings) / embeddings);
    expect(ys.at(-1)).toBe((embeddings - 1) / embeddings);
    const lanes = new Set(of<{ host_id: string }>('live_detection').map((e) => e.host_id));
    expect(lanes.has(`h${hosts - b.hosts - 1}`)).toBe(false);
    expect(lanes.has(`h${hosts - b.hosts}`)).toBe(true);
    const last = of<{ host_id: string; window_idx: number }>('live_detection').filter(
      (e) => e.host_id === `h${hosts - 1}`,
    );
    expect(last.map((e) => e.window_idx)).toEqual(
      Array.from({ length: b.cellsPerHost }, (_, i) => over(b.cellsPerHost) - b.cellsPerHost + i),
    );
    expect(of<{ episode_id: string }>('episode').at(-1)!.episode_id).toBe(`ep-${over(b.episodes) - 1}`);
    expect(of<{ episode_id: string }>('episode')[0]!.episode_id).toBe(`ep-${over(b.episodes) - b.episodes}`);
    // Phases older than the window are not replayed, however few.
    expect(cache.replay(1_000 + b.phaseWindowMs + 1).filter((e) => e.type === 'phase')).toEqual([]);
  });
});
