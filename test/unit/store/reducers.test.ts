import { describe, expect, it } from 'vitest';
import type { EventOf, FleetEvent } from '../../../src/contract/schemas.js';
import { embeddingSlot, emptyEmbeddings, reduceEmbeddings } from '../../../src/store/embeddings.js';
import { emptyFleet, MAX_EPISODES, RECENT_COMPLETE, reduceFleet } from '../../../src/store/fleet.js';
import { compareHostIds } from '../../../src/store/host-order.js';
import {
  cellIndex,
  emptyLiveLanes,
  hitRate,
  LANE_CAPACITY,
  laneCells,
  laneLength,
  lanePosition,
  MAX_LANES,
  reduceLiveLanes,
  reserveLanes,
} from '../../../src/store/live-lanes.js';
import { emptyModels, emptyPerf, MAX_MODELS, reduceModels, reducePerf } from '../../../src/store/models.js';
import { emptyPhaseMix, phaseSharesAt, reducePhaseMix } from '../../../src/store/phase-mix.js';
import { emptyPredictions, reducePredictions } from '../../../src/store/predictions.js';
import { emptyProfiles, MAX_PROFILES, reduceProfiles } from '../../../src/store/profiles.js';
import { addToRate, emptyRate, ratePerSecond } from '../../../src/store/rate-window.js';
import { initialStores, reduceStores } from '../../../src/store/stores.js';

type Det = EventOf<'live_detection'>;
const det = (host: string, win: number | undefined, predicted: string, actual?: string): Det => ({
  type: 'live_detection',
  host_id: host,
  predicted,
  actual,
  episode_id: win === undefined ? undefined : 'ep',
  window_idx: win,
});

/** Repeatable integers below `n` from `seed` (a Lehmer generator). */
function seededInts(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 16807) % 2147483647;
    return state % n;
  };
}

describe('live lanes', () => {
  it('keeps at most 60 cells per lane, newest last', () => {
    const events = Array.from({ length: 75 }, (_, i) => det('h', i, 'clean'));
    const state = reduceLiveLanes(emptyLiveLanes, events, 0);
    const lane = laneCells(state, 'h');
    expect(lane).toHaveLength(LANE_CAPACITY);
    expect(lane[0]!.window_idx).toBe(15);
    expect(lane[59]!.window_idx).toBe(74);
    expect(state.total).toBe(75);
  });

  it('finds a cell index back at its lane position, a wrapped lane included', () => {
    const events = Array.from({ length: 75 }, (_, i) => det(i % 2 ? 'a' : 'b', i, 'clean'));
    // 'c' holds 75 detections in a 60-cell ring: its lane wraps.
    for (let i = 0; i < 75; i++) events.push(det('c', i, 'clean'));
    const state = reduceLiveLanes(emptyLiveLanes, events, 0);
    expect(state.cells.start[state.slots.get('c')!]).toBeGreaterThan(0);
    for (const host of ['a', 'b', 'c']) {
      const slot = state.slots.get(host)!;
      for (const i of [0, 17, laneLength(state, host) - 1])
        expect(lanePosition(state, host, cellIndex(state.cells, slot, i))).toBe(i);
    }
    // Another lane's cell, or an unknown host, is not in the lane.
    const other = cellIndex(state.cells, state.slots.get('b')!, 0);
    expect(lanePosition(state, 'a', other)).toBe(-1);
    expect(lanePosition(state, 'nobody', other)).toBe(-1);
    // The lane's own slot at a ring position it has not filled yet.
    const slotA = state.slots.get('a')!;
    expect(lanePosition(state, 'a', (LANE_CAPACITY - 1) * state.cells.slots + slotA)).toBe(-1);
  });

  it('fills a pending cell with follow-up truth instead of adding one, counting it once', () => {
    let state = reduceLiveLanes(emptyLiveLanes, [det('h', 1, 'armed'), det('h', 2, 'armed', 'armed')], 0);
    expect(hitRate(state)).toBe(1);
    state = reduceLiveLanes(state, [det('h', 1, 'armed', 'clean')], 10);
    expect(laneLength(state, 'h')).toBe(2);
    expect(laneCells(state, 'h')[0]!.actual).toBe('clean');
    expect(state.judged).toBe(2);
    expect(hitRate(state)).toBe(0.5);
    state = reduceLiveLanes(state, [det('h', 1, 'armed', 'armed')], 20);
    expect(state.judged).toBe(2);
    expect(state.total).toBe(2);
  });

  it('adds a cell when the follow-up names a window no longer in the lane', () => {
    const state = reduceLiveLanes(
      emptyLiveLanes,
      [det('h', 1, 'armed', 'armed'), det('other', 1, 'armed', 'clean')],
      0,
    );
    expect(laneLength(state, 'other')).toBe(1);
  });

  it('fills the newest waiting cell with the same prediction when a follow-up names no episode or window', () => {
    let state = reduceLiveLanes(
      emptyLiveLanes,
      [det('h', undefined, 'armed'), det('h', undefined, 'clean'), det('h', undefined, 'armed')],
      0,
    );
    state = reduceLiveLanes(state, [det('h', undefined, 'armed', 'infecting')], 1);
    expect(laneLength(state, 'h')).toBe(3);
    expect(laneCells(state, 'h').map((c) => c.actual)).toEqual([undefined, undefined, 'infecting']);
    expect(state.total).toBe(3);
    expect([state.judged, state.hits]).toEqual([1, 0]);
    // The next one fills the older armed cell; the clean cell waits on.
    state = reduceLiveLanes(state, [det('h', undefined, 'armed', 'armed')], 2);
    expect(laneCells(state, 'h').map((c) => c.actual)).toEqual(['armed', undefined, 'infecting']);
    expect([state.judged, state.hits]).toEqual([2, 1]);
  });

  it("adds a cell when no waiting cell has the follow-up's prediction", () => {
    let state = reduceLiveLanes(emptyLiveLanes, [det('h', undefined, 'armed', 'armed')], 0);
    state = reduceLiveLanes(
      state,
      [det('h', undefined, 'clean', 'clean'), det('h', undefined, 'armed', 'armed')],
      1,
    );
    expect(laneLength(state, 'h')).toBe(3);
    expect(state.total).toBe(3);
    expect(state.judged).toBe(3);
  });

  it('keeps no object per cell: the cells are typed arrays, objects are built on demand', () => {
    const events = Array.from({ length: 50 }, (_, i) => det(`h${i % 5}`, i, 'clean'));
    const state = reduceLiveLanes(emptyLiveLanes, events, 0);
    const c = state.cells;
    for (const column of [c.predicted, c.actual, c.model, c.confidence, c.windowIdx, c.episode, c.arrived])
      expect(ArrayBuffer.isView(column)).toBe(true);
    expect(laneCells(state, 'h3').map((cell) => cell.window_idx)).toEqual([
      3, 8, 13, 18, 23, 28, 33, 38, 43, 48,
    ]);
  });

  it('keeps the last model seen, when the latest detection names none', () => {
    const state = reduceLiveLanes(
      emptyLiveLanes,
      [{ ...det('h', 1, 'clean'), model: 'lstm' }, det('h', 2, 'clean')],
      0,
    );
    expect(state.latest?.model).toBeUndefined();
    expect(state.lastModel).toBe('lstm');
  });

  it('returns a new state each time, with a new version, writing the cells in place', () => {
    const before = reduceLiveLanes(emptyLiveLanes, [det('h', 1, 'armed')], 0);
    const after = reduceLiveLanes(before, [det('h', 1, 'armed', 'clean'), det('h', 2, 'clean')], 1);
    expect(after).not.toBe(before);
    expect(after.version).toBe(before.version + 1);
    expect(laneLength(after, 'h')).toBe(2);
    expect(emptyLiveLanes.cells.slots).toBe(0);
  });

  it('keeps every lane whole as its slots grow, a full lane wrapped round its ring included', () => {
    // 70 cells in h0 (a full lane whose ring has wrapped), a few in the others; then hosts join past the slots.
    let state = reduceLiveLanes(
      emptyLiveLanes,
      Array.from({ length: 70 }, (_, i) => det('h0', i, i % 2 ? 'armed' : 'clean')),
      0,
    );
    state = reduceLiveLanes(
      state,
      ['h1', 'h2', 'h3'].flatMap((h, n) => Array.from({ length: n + 2 }, (_, i) => det(h, i, 'infecting'))),
      1,
    );
    const held = ['h0', 'h1', 'h2', 'h3'].map((h) => laneCells(state, h));
    const slotsBefore = state.cells.slots;
    state = reduceLiveLanes(
      state,
      Array.from({ length: 100 }, (_, i) => det(`j${i}`, 0, 'dormant')),
      2,
    );
    expect(state.cells.slots).toBeGreaterThan(slotsBefore);
    expect(['h0', 'h1', 'h2', 'h3'].map((h) => laneCells(state, h))).toEqual(held);
    expect(laneCells(state, 'h0')).toHaveLength(LANE_CAPACITY);
    expect(laneCells(state, 'j99')).toHaveLength(1);
  });

  it('sorts hosts numerically and bounds the number of lanes', () => {
    const state = reduceLiveLanes(emptyLiveLanes, [det('host-10', 0, 'clean'), det('host-9', 0, 'clean')], 0);
    expect(state.hosts).toEqual(['host-9', 'host-10']);
    const many = Array.from({ length: MAX_LANES + 10 }, (_, i) => det(`h${i}`, 0, 'clean'));
    // In batches, then the last few one by one: the stalest lanes go either way.
    let bounded = emptyLiveLanes;
    for (let i = 0; i < MAX_LANES; i += 1024) bounded = reduceLiveLanes(bounded, many.slice(i, i + 1024), i);
    for (let i = MAX_LANES; i < many.length; i++) bounded = reduceLiveLanes(bounded, [many[i]!], i);
    expect(bounded.slots.size).toBe(MAX_LANES);
    expect(bounded.slots.has('h0')).toBe(false);
    expect(laneCells(bounded, `h${MAX_LANES + 9}`)).toHaveLength(1);
    expect(bounded.hosts).toHaveLength(MAX_LANES);
  });

  it('keeps the host list in order as batches of scattered new hosts and evictions come in', () => {
    // Hosts join a few dozen a batch in no order (a warm start's detections), some twice.
    const random = seededInts(7);
    let state = emptyLiveLanes;
    const seen = new Set<string>();
    for (let batch = 0; batch < 40; batch++) {
      const ids = Array.from({ length: 30 }, () => `host-${random(900) + 1}`);
      for (const id of ids) seen.add(id);
      state = reduceLiveLanes(
        state,
        ids.map((id) => det(id, batch, 'clean')),
        batch,
      );
    }
    expect(state.hosts).toEqual([...seen].sort(compareHostIds));
    // Past the lane cap, evicted hosts leave the list and the rest stay in order.
    const crowd = Array.from({ length: MAX_LANES }, (_, i) => det(`z-${MAX_LANES - i}`, 0, 'clean'));
    state = reduceLiveLanes(state, crowd, 100);
    expect(state.hosts).toHaveLength(MAX_LANES);
    expect(state.hosts).toEqual([...state.hosts].sort(compareHostIds));
    expect(new Set(state.hosts)).toEqual(new Set(state.slots.keys()));
  });

  it('keeps the host list in order when hundreds of scattered hosts join in one batch', () => {
    // A large fleet's first seconds: a batch adds more hosts than a search each would be worth (one merge pass).
    const random = seededInts(11);
    let state = emptyLiveLanes;
    const seen = new Set<string>();
    for (const size of [1, 400, 900, 50, 1200, 3]) {
      const ids = Array.from(
        { length: size },
        () => `host-${String(random(3000) + 1).padStart(random(2) * 4, '0')}`,
      );
      for (const id of ids) seen.add(id);
      state = reduceLiveLanes(
        state,
        ids.map((id) => det(id, 0, 'clean')),
        size,
      );
      expect(state.hosts).toEqual([...seen].sort(compareHostIds));
    }
  });

  it('allocates the lanes a snapshot announces at once, and still holds what it held', () => {
    const before = reduceLiveLanes(emptyLiveLanes, [det('h', 1, 'armed', 'armed')], 0);
    const cells = before.cells;
    const held = laneCells(before, 'h');
    const reserved = reserveLanes(before, 10_000);
    expect(reserved.cells.slots).toBe(10_000);
    expect(laneCells(reserved, 'h')).toEqual(held);
    // Never shrinks, never past the bound, never writes the shared empty state.
    expect(reserveLanes(reserved, 5).cells.slots).toBe(10_000);
    expect(reserveLanes(emptyLiveLanes, 10 * MAX_LANES).cells.slots).toBe(MAX_LANES);
    expect(reserveLanes(emptyLiveLanes, 40).cells.slots).toBe(40);
    const fromEmpty = reduceLiveLanes(reserveLanes(emptyLiveLanes, 8), [det('e', 0, 'clean')], 0);
    expect(fromEmpty.slots.size).toBe(1);
    expect(emptyLiveLanes.cells.slots).toBe(0);
    expect(emptyLiveLanes.slots.size).toBe(0);
    // 10,000 hosts joining after the reservation cost no further growth (no new arrays).
    const joined = reduceLiveLanes(
      reserved,
      Array.from({ length: 9_999 }, (_, i) => det(`n${i}`, 0, 'clean')),
      1,
    );
    expect(joined.cells.predicted).toBe(reserved.cells.predicted);
    // Like every reduction, in place: the cells are shared with the state before.
    expect(joined.cells).toBe(cells);

    const snapshot = {
      type: 'snapshot',
      hosts: Array.from({ length: 2_000 }, (_, i) => ({ host_id: `s${i}`, online: true })),
    } as FleetEvent;
    expect(reduceStores(initialStores(), [snapshot], 0).state.live.cells.slots).toBe(2_000);
  });

  it('counts detections per second by arrival', () => {
    let state = emptyLiveLanes;
    for (let s = 0; s < 6; s++)
      state = reduceLiveLanes(state, [det('h', s * 2, 'clean'), det('h', s * 2 + 1, 'clean')], s * 1000);
    expect(ratePerSecond(state.rate, 6000)).toBe(2);
  });
});

describe('rate window', () => {
  it('ages out old seconds', () => {
    let w = emptyRate(10);
    w = addToRate(w, 0, 50);
    expect(ratePerSecond(w, 1000)).toBe(10);
    expect(ratePerSecond(w, 60_000)).toBe(0);
    expect(w.counts).toHaveLength(10);
  });
});

describe('fleet', () => {
  const ep = (id: string, status: 'recording' | 'complete', host = 'h'): EventOf<'episode'> => ({
    type: 'episode',
    episode_id: id,
    host_id: host,
    profile: 'p',
    status,
  });
  const snap = (samples: number, t: number): EventOf<'snapshot'> => ({
    type: 'snapshot',
    t_wall: t,
    hosts: [{ host_id: 'h', online: true }],
    totals: { episodes: 1, windows: 6, samples },
  });

  it('keeps the latest event per episode and tracks what each host records', () => {
    let s = reduceFleet(emptyFleet, [ep('a', 'recording')], 0);
    expect(s.recording.get('h')).toBe('a');
    s = reduceFleet(s, [ep('a', 'complete'), ep('b', 'recording')], 1);
    expect(s.episodes.get('a')!.status).toBe('complete');
    expect(s.recording.get('h')).toBe('b');
    expect(s.recentComplete.map((e) => e.episode_id)).toEqual(['a']);
    s = reduceFleet(s, [ep('a', 'complete')], 2);
    expect(s.completedByHost.get('h')).toBe(1);
    expect(s.recentComplete).toHaveLength(1);
  });

  it('bounds episodes and the completed list', () => {
    const events = Array.from({ length: MAX_EPISODES + 50 }, (_, i) => ep(`e${i}`, 'complete'));
    const s = reduceFleet(emptyFleet, events, 0);
    expect(s.episodes.size).toBe(MAX_EPISODES);
    expect(s.episodes.has('e0')).toBe(false);
    expect(s.recentComplete).toHaveLength(RECENT_COMPLETE);
    expect(s.recentComplete[0]!.episode_id).toBe(`e${MAX_EPISODES + 49}`);
  });

  it('derives samples per second from consecutive snapshots', () => {
    let s = reduceFleet(emptyFleet, [snap(1000, 100)], 0);
    s = reduceFleet(s, [snap(1500, 110)], 10_000);
    expect(s.samplesPerSecond).toBe(50);
  });
});

describe('phase mix', () => {
  it('counts phases over a rolling five minutes by arrival time', () => {
    let s = reducePhaseMix(emptyPhaseMix, [{ type: 'phase', phase: 'clean' }], 0);
    s = reducePhaseMix(
      s,
      [
        { type: 'phase', phase: 'armed' },
        { type: 'phase', phase: 'armed' },
      ],
      200_000,
    );
    expect(phaseSharesAt(s, 200_000)).toMatchObject({ total: 3, source: 'phase' });
    expect(phaseSharesAt(s, 301_000).counts).toEqual(Object.assign(Object.create(null), { armed: 2 }));
    expect(phaseSharesAt(s, 600_000)).toMatchObject({ total: 0, source: 'none' });
  });

  it('lets a phase_mix set the mix directly until newer phases arrive or it ages out', () => {
    let s = reducePhaseMix(
      emptyPhaseMix,
      [{ type: 'phase_mix', mix: { clean: 3, dormant: 1 }, window_s: 60 }],
      0,
    );
    expect(phaseSharesAt(s, 1000)).toMatchObject({ total: 4, source: 'phase_mix' });
    expect(phaseSharesAt(s, 61_000).source).toBe('none');
    s = reducePhaseMix(s, [{ type: 'phase', phase: 'armed' }], 2000);
    expect(phaseSharesAt(s, 2000)).toMatchObject({ total: 1, source: 'phase' });
  });

  it('counts a phase named __proto__ like any other', () => {
    const s = reducePhaseMix(
      emptyPhaseMix,
      [
        { type: 'phase', phase: '__proto__' },
        { type: 'phase', phase: '__proto__' },
      ],
      0,
    );
    const counts = phaseSharesAt(s, 0).counts;
    expect(Object.hasOwn(counts, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(counts, '__proto__')?.value).toBe(2);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('keeps at most one bucket per second of the window', () => {
    let s = emptyPhaseMix;
    for (let t = 0; t < 1000; t++) s = reducePhaseMix(s, [{ type: 'phase', phase: 'clean' }], t * 1000);
    expect(s.buckets.length).toBeLessThanOrEqual(300);
  });
});

describe('profiles, predictions, models, perf', () => {
  it('rescales a curve to its own peak; a zero curve stays flat', () => {
    const s = reduceProfiles(emptyProfiles, [
      { type: 'attack_profile', name: 'a', curve: [0, 2, 4] },
      { type: 'attack_profile', name: 'z', curve: [0, 0, 0] },
    ]);
    expect(s.byName.get('a')!.normalized).toEqual([0, 0.5, 1]);
    expect(s.byName.get('z')!.normalized).toEqual([0, 0, 0]);
    const replaced = reduceProfiles(s, [{ type: 'attack_profile', name: 'a', curve: [1] }]);
    expect(replaced.byName.get('a')!.curve).toEqual([1]);
    const many = reduceProfiles(
      emptyProfiles,
      Array.from({ length: MAX_PROFILES + 5 }, (_, i) => ({
        type: 'attack_profile' as const,
        name: `p${i}`,
        curve: [1],
      })),
    );
    expect(many.byName.size).toBe(MAX_PROFILES);
  });

  it('repaints cells 0–5 and ignores other window indices', () => {
    let s = reducePredictions(emptyPredictions, [
      { type: 'prediction', episode_id: 'e', window_idx: 2, actual: 'armed' },
    ]);
    expect(s.cells[2]).toMatchObject({ shown: 'armed', actual: 'armed' });
    const before = s.cells;
    s = reducePredictions(s, [{ type: 'prediction', episode_id: 'e', window_idx: 6, predicted: 'clean' }]);
    expect(s.cells).toEqual(before);
    expect(s.ignored).toBe(1);
  });

  it('keeps the latest metric and perf point per model, bounded', () => {
    const m = reduceModels(emptyModels, [
      { type: 'model_metric', model: 'rnn', accuracy: 0.5 },
      { type: 'model_metric', model: 'rnn', accuracy: 0.8 },
    ]);
    expect(m.accuracy.get('rnn')).toBe(0.8);
    const p = reducePerf(
      emptyPerf,
      Array.from({ length: MAX_MODELS + 3 }, (_, i) => ({
        type: 'model_perf' as const,
        model: `m${i}`,
        latency_us: 1,
        accuracy: 0.5,
      })),
    );
    expect(p.points.size).toBe(MAX_MODELS);
  });
});

describe('embeddings ring', () => {
  const point = (i: number, phase?: string): EventOf<'embedding'> => ({
    type: 'embedding',
    x: i / 1000,
    y: 0,
    phase,
  });

  it('evicts the oldest points first at the cap and keeps class counts exact', () => {
    let s = emptyEmbeddings(4);
    s = reduceEmbeddings(s, [point(1, 'clean'), point(2, 'clean'), point(3, 'armed')]);
    s = reduceEmbeddings(s, [point(4), point(5, 'armed'), point(6, 'armed')]);
    expect(s.count).toBe(4);
    expect(s.total).toBe(6);
    const xs = Array.from({ length: s.count }, (_, i) => s.positions[embeddingSlot(s, i) * 3]);
    expect(xs.map((x) => Math.round(x! * 1000))).toEqual([3, 4, 5, 6]);
    expect(s.phaseCounts.get('armed')).toBe(3);
    expect(s.phaseCounts.get('')).toBe(1);
    expect(s.phaseCounts.has('clean')).toBe(false);
  });

  it('draws z at 0.5 when absent', () => {
    const s = reduceEmbeddings(emptyEmbeddings(2), [point(1)]);
    expect(s.positions[2]).toBe(0.5);
  });
});

describe('reduceStores', () => {
  it('gives each store all of its events in order when types interleave', () => {
    const events: FleetEvent[] = [
      { type: 'embedding', x: 0.1, y: 0.5 },
      { type: 'model_metric', model: 'rnn', accuracy: 0.8 },
      { type: 'embedding', x: 0.2, y: 0.5 },
      { type: 'embedding', x: 0.3, y: 0.5 },
      { type: 'model_metric', model: 'gru', accuracy: 0.9 },
      { type: 'embedding', x: 0.4, y: 0.5 },
    ];
    const { state, changed } = reduceStores(initialStores({ embeddingCapacity: 8 }), events, 1000);
    expect([...changed].sort()).toEqual(['embeddings', 'models']);
    const e = state.embeddings;
    expect(
      Array.from({ length: e.count }, (_, i) => e.positions[embeddingSlot(e, i) * 3]!.toFixed(1)),
    ).toEqual(['0.1', '0.2', '0.3', '0.4']);
    expect(state.models).toEqual(
      reduceModels(emptyModels, [events[1], events[4]] as EventOf<'model_metric'>[]),
    );
  });
});
