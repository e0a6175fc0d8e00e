import { describe, expect, it } from 'vitest';
import { copyRing, restoreRing } from '../../../src/bus/ring-keyframe.js';
import { HISTORY_EVENT_BYTES, MAX_LANE_COPIES, Timeline } from '../../../src/bus/timeline.js';
import type { EventOf, FleetEvent } from '../../../src/contract/schemas.js';
import { embeddingSlot } from '../../../src/store/embeddings.js';
import { laneBytes, laneCells } from '../../../src/store/live-lanes.js';
import { PointBuffer } from '../../../src/store/point-columns.js';
import { initialStores, reduceStores, type StoreState } from '../../../src/store/stores.js';

/** A mixed batch for second `i`: a detection, an embedding, a phase and, now and then, an episode. */
function batchAt(i: number): FleetEvent[] {
  const events: FleetEvent[] = [
    {
      type: 'live_detection',
      host_id: `h${i % 7}`,
      predicted: i % 3 ? 'armed' : 'clean',
      episode_id: `ep${i}`,
      window_idx: 0,
    },
    {
      type: 'embedding',
      x: (i % 100) / 100,
      y: ((i * 7) % 100) / 100,
      phase: i % 2 ? 'clean' : 'armed',
      // Optional fields now and then, so history must keep their absence too.
      ...(i % 3 === 0 ? { z: 0.1, cluster: i % 4 } : {}),
      ...(i % 4 === 0 ? { predicted: `label-${i % 9}` } : {}),
    },
    { type: 'phase', phase: i % 2 ? 'infecting' : 'dormant' },
  ] as FleetEvent[];
  if (i % 5 === 0)
    events.push({
      type: 'episode',
      episode_id: `ep${i}`,
      host_id: `h${i % 7}`,
      profile: 'x',
      status: 'recording',
    } as FleetEvent);
  return events;
}

/** The ring's points oldest first, as plain numbers (slot layout may differ between equal states). */
function points(state: StoreState): number[][] {
  const ring = state.embeddings;
  return Array.from({ length: ring.count }, (_, i) => {
    const slot = embeddingSlot(ring, i);
    return [
      ring.positions[slot * 3]!,
      ring.positions[slot * 3 + 1]!,
      ring.positions[slot * 3 + 2]!,
      ring.phase[slot]!,
      ring.predicted[slot]!,
      ring.cluster[slot]!,
    ];
  });
}

/** Everything but the ring's buffers, for deep comparison. */
function comparable(state: StoreState) {
  const { embeddings, ...rest } = state;
  return {
    rest,
    ring: {
      count: embeddings.count,
      total: embeddings.total,
      labels: embeddings.labels,
      phaseCounts: embeddings.phaseCounts,
      predictedCounts: embeddings.predictedCounts,
      clusterCounts: embeddings.clusterCounts,
      judged: embeddings.judged,
      agreed: embeddings.agreed,
      points: points(state),
    },
  };
}

/**
 * Runs `n` one-second batches through the stores and a timeline; returns the
 * states after each. With `columns`, each batch's points travel in columns
 * (as the bus carries them), in one buffer reused batch to batch.
 */
function run(n: number, options: ConstructorParameters<typeof Timeline>[2], capacity = 50, columns = false) {
  let state = initialStores({ embeddingCapacity: capacity });
  const timeline = new Timeline(state, 0, options);
  // An independent rebuild from scratch (fresh ring) is the truth for second i.
  const truth = { at: (i: number) => rebuildFromScratch(i, capacity) };
  const points = new PointBuffer();
  for (let i = 1; i <= n; i++) {
    const batch = batchAt(i);
    if (columns) {
      points.clear();
      points.append(batch);
      const others = batch.filter((event) => event.type !== 'embedding');
      state = reduceStores(state, others, i * 1000, points).state;
      timeline.append(others, i * 1000, state, points);
      continue;
    }
    state = reduceStores(state, batch, i * 1000).state;
    timeline.append(batch, i * 1000, state);
  }
  return { timeline, truth, state };
}

function rebuildFromScratchMs(upTo: number, capacity: number): StoreState {
  let state = initialStores({ embeddingCapacity: capacity });
  for (let i = 1; i <= upTo; i++) state = reduceStores(state, batchAt(i), i).state;
  return state;
}

function rebuildFromScratch(upTo: number, capacity: number): StoreState {
  let state = initialStores({ embeddingCapacity: capacity });
  for (let i = 1; i <= upTo; i++) state = reduceStores(state, batchAt(i), i * 1000).state;
  return state;
}

describe('Timeline', () => {
  it('rebuilds any moment as the stores were then, at and between checkpoints', () => {
    const { timeline, truth } = run(60, { checkpointEveryMs: 5_000 });
    expect(timeline.checkpointCount).toBeGreaterThan(5);
    for (const t of [1, 4, 5, 6, 14, 15, 16, 33, 59, 60]) {
      expect(comparable(timeline.stateAt(t * 1000 + 500)), `t=${t}`).toEqual(comparable(truth.at(t)));
    }
  });

  it('wraps the embedding ring correctly (more points than it holds)', () => {
    const { timeline, truth } = run(40, { checkpointEveryMs: 3_000 }, 8);
    for (const t of [7, 9, 17, 31, 40]) {
      expect(comparable(timeline.stateAt(t * 1000)), `t=${t}`).toEqual(comparable(truth.at(t)));
    }
  });

  it('takes points carried in columns as it takes them in events, through trimming and wrapping', () => {
    const { timeline, truth, state } = run(200, { historyMs: 60_000, checkpointEveryMs: 5_000 }, 8, true);
    expect(comparable(state)).toEqual(comparable(truth.at(200)));
    expect(timeline.events).toBeGreaterThan(0);
    expect(timeline.start).toBeGreaterThan(100_000);
    for (const t of [Math.ceil(timeline.start / 1000) + 1, 150, 177, 200]) {
      expect(comparable(timeline.stateAt(t * 1000)), `t=${t}`).toEqual(comparable(truth.at(t)));
    }
  });

  it('gives a fresh ring: showing the past never writes into the live one', () => {
    const { timeline, state } = run(20, { checkpointEveryMs: 5_000 });
    const before = state.embeddings.positions.slice();
    const past = timeline.stateAt(7_000);
    expect(past.embeddings.positions).not.toBe(state.embeddings.positions);
    reduceStores(past, batchAt(99), 99_000);
    expect(state.embeddings.positions).toEqual(before);
  });

  it('clamps to the history it holds', () => {
    const { timeline, truth } = run(10, {});
    expect(comparable(timeline.stateAt(999_999))).toEqual(comparable(truth.at(10)));
    expect(timeline.stateAt(-5).live.total).toBe(0);
    expect(timeline.start).toBe(0);
    expect(timeline.end).toBe(10_000);
  });

  it('forgets what is older than its window, a checkpoint at a time, and still rebuilds what it keeps', () => {
    const { timeline, truth } = run(200, { historyMs: 60_000, checkpointEveryMs: 5_000 });
    // The window, less at most one checkpoint interval.
    expect(timeline.end - timeline.start).toBeLessThanOrEqual(60_000);
    expect(timeline.end - timeline.start).toBeGreaterThanOrEqual(55_000);
    const t = Math.ceil(timeline.start / 1000) + 3;
    expect(comparable(timeline.stateAt(t * 1000))).toEqual(comparable(truth.at(t)));
    expect(comparable(timeline.stateAt(200_000))).toEqual(comparable(truth.at(200)));
  });

  it('replays the lanes from the first moment where no copy of them fits the budget (a large fleet)', () => {
    const { timeline, truth } = run(200, { historyMs: 60_000, checkpointEveryMs: 5_000, laneCopyBytes: 0 });
    // Trimmed many times: the first moment's lanes were brought forward each time.
    expect(timeline.start).toBeGreaterThan(100_000);
    for (const t of [Math.ceil(timeline.start / 1000), Math.ceil(timeline.start / 1000) + 7, 171, 200]) {
      expect(comparable(timeline.stateAt(t * 1000)), `t=${t}`).toEqual(comparable(truth.at(t)));
    }
  });

  it('spreads lane copies over the window within their byte budget', () => {
    const { state } = run(1, {});
    const copy = laneBytes(state.live);
    // Room for three copies besides the first moment's, in a window of 640 events.
    const timeline = new Timeline(initialStores({ embeddingCapacity: 50 }), 0, {
      maxEvents: 640,
      laneCopyBytes: 3 * copy,
    });
    let next = initialStores({ embeddingCapacity: 50 });
    const held = () => (timeline as unknown as { checkpoints: { lanes?: unknown }[] }).checkpoints.slice(1);
    for (let i = 1; i <= 2_000; i++) {
      next = reduceStores(next, batchAt(i), i).state;
      timeline.append(batchAt(i), i, next);
      expect(held().filter((c) => c.lanes).length).toBeLessThanOrEqual(3);
    }
    // Spread, not bunched at one end: copies are about a third of the window apart.
    expect(held().filter((c) => c.lanes).length).toBeGreaterThanOrEqual(2);
    const t = timeline.start + 90;
    expect(comparable(timeline.stateAt(t))).toEqual(comparable(rebuildFromScratchMs(t, 50)));
  });

  it('keeps at most MAX_LANE_COPIES lane copies a window, however small the lanes', () => {
    const timeline = new Timeline(initialStores({ embeddingCapacity: 50 }), 0, {
      maxEvents: 6_400,
      laneCopyBytes: 2 ** 30,
    });
    let next = initialStores({ embeddingCapacity: 50 });
    const copies = () =>
      (timeline as unknown as { checkpoints: { lanes?: unknown }[] }).checkpoints
        .slice(1)
        .filter((c) => c.lanes).length;
    for (let i = 1; i <= 6_000; i++) {
      next = reduceStores(next, batchAt(i), i).state;
      timeline.append(batchAt(i), i, next);
      expect(copies()).toBeLessThanOrEqual(MAX_LANE_COPIES + 1);
    }
    expect(copies()).toBeGreaterThanOrEqual(MAX_LANE_COPIES - 1);
  });

  it('keeps events and lane copies within maxBytes: a large fleet holds fewer events', () => {
    const { state } = run(1, {});
    const lanes = laneBytes(state.live);
    // Room for the first moment's lanes and 640 events.
    const maxBytes = lanes + 640 * HISTORY_EVENT_BYTES;
    let next = initialStores({ embeddingCapacity: 50 });
    const timeline = new Timeline(next, 0, { maxBytes, laneCopyBytes: 0 });
    for (let i = 1; i <= 2_000; i++) {
      next = reduceStores(next, batchAt(i), i).state;
      timeline.append(batchAt(i), i, next);
    }
    // Trimmed at checkpoints (every 640 / 64 events), so up to one checkpoint's worth over.
    expect(timeline.events).toBeLessThanOrEqual(640 + 14);
    expect(timeline.events).toBeGreaterThanOrEqual(600);
    const t = timeline.start + 90;
    expect(comparable(timeline.stateAt(t))).toEqual(comparable(rebuildFromScratchMs(t, 50)));
  });

  it('keeps at most about maxEvents events at any rate', () => {
    let state = initialStores({ embeddingCapacity: 50 });
    const timeline = new Timeline(state, 0, { maxEvents: 640 });
    for (let i = 1; i <= 2_000; i++) {
      const batch = batchAt(i);
      state = reduceStores(state, batch, i).state; // a millisecond apart: the event bound decides
      timeline.append(batch, i, state);
      // Trimmed at each checkpoint (every 640 / 64 events), so at most one checkpoint's worth over.
      expect(timeline.events).toBeLessThanOrEqual(640 + 14);
    }
    expect(timeline.events).toBeGreaterThanOrEqual(600);
    // And what it keeps still rebuilds right, the ring included.
    const t = timeline.start + 37;
    expect(comparable(timeline.stateAt(t))).toEqual(comparable(rebuildFromScratchMs(t, 50)));
  });

  it('holds a flood of points as the window and one ring copy, and rebuilds any moment of it', () => {
    const capacity = 1_000;
    const maxEvents = 5_000;
    let state = initialStores({ embeddingCapacity: capacity });
    const timeline = new Timeline(state, 0, { maxEvents, maxBytes: Infinity });
    const points = new PointBuffer();
    const states: StoreState[] = [];
    for (let i = 1; i <= 60; i++) {
      // 250 points a batch, each with its own labels now and then, in columns as the bus carries them.
      points.clear();
      for (let k = 0; k < 250; k++) {
        const n = i * 250 + k;
        const point = {
          type: 'embedding',
          x: (n % 97) / 97,
          y: (n % 89) / 89,
          phase: n % 3 ? 'armed' : 'clean',
        };
        points.appendEvent(
          (n % 7 === 0
            ? { ...point, predicted: `p${i % 5}`, cluster: n % 11 }
            : point) as EventOf<'embedding'>,
        );
      }
      state = reduceStores(state, [], i * 1000, points).state;
      timeline.append([], i * 1000, state, points);
      states.push({ ...state, embeddings: restoreRing(copyRing(state.embeddings)) });
      // The window (trimmed a checkpoint at a time) and the points since the ring copy before it: a
      // copy comes every ring's worth, so those are under a ring's worth more, not the two rings'
      // worth that waited to be written into the first moment's ring one by one.
      expect(timeline.pointsHeld).toBeLessThanOrEqual(maxEvents + 250 + capacity);
    }
    expect(timeline.start).toBeGreaterThan(30_000);
    for (let t = Math.ceil(timeline.start / 1000); t <= 60; t++) {
      expect(comparable(timeline.stateAt(t * 1000)), `t=${t}`).toEqual(comparable(states[t - 1]!));
    }
  });

  it('builds a whole recording up front and never trims it', () => {
    const entries = Array.from({ length: 100 }, (_, k) => ({ t: (k + 1) * 1000, events: batchAt(k + 1) }));
    const timeline = Timeline.fromEntries(initialStores({ embeddingCapacity: 50 }), 0, entries, {});
    expect(timeline.start).toBe(0);
    expect(timeline.end).toBe(100_000);
    expect(comparable(timeline.stateAt(42_000))).toEqual(comparable(rebuildFromScratch(42, 50)));
  });

  it('keeps its own copy of each detection: an event object a page reuses does not rewrite the past', () => {
    let state = initialStores({ embeddingCapacity: 50 });
    const timeline = new Timeline(state, 0, { checkpointEveryMs: 60_000 });
    // A page publishing its detections may fill in one object again and again.
    const reused: EventOf<'live_detection'> = {
      type: 'live_detection',
      host_id: 'h0',
      predicted: 'armed',
      confidence: 0.9,
    };
    for (const [t, predicted] of [
      [1_000, 'armed'],
      [2_000, 'dormant'],
      [3_000, 'clean'],
    ] as const) {
      reused.predicted = predicted;
      state = reduceStores(state, [reused], t).state;
      timeline.append([reused], t, state);
    }
    const lane = (t: number) => laneCells(timeline.stateAt(t).live, 'h0').map((cell) => cell.predicted);
    expect(lane(1_500)).toEqual(['armed']);
    expect(lane(2_500)).toEqual(['armed', 'dormant']);
    expect(lane(3_000)).toEqual(['armed', 'dormant', 'clean']);
  });

  it('restarts at a state taken at once: one moment held, and history goes on from it', () => {
    const { timeline, state } = run(30, { checkpointEveryMs: 5_000 });
    expect(timeline.checkpointCount).toBeGreaterThan(1);
    timeline.restart(state, 30_000);
    expect(timeline.checkpointCount).toBe(1);
    expect(timeline.events).toBe(0);
    expect(timeline.start).toBe(30_000);
    expect(comparable(timeline.stateAt(0))).toEqual(comparable(rebuildFromScratch(30, 50)));
    let next = state;
    // The first moment's lanes are the stores' own until settled: the bus settles before it writes them.
    timeline.settle();
    for (let i = 31; i <= 40; i++) {
      next = reduceStores(next, batchAt(i), i * 1000).state;
      timeline.append(batchAt(i), i * 1000, next);
    }
    expect(comparable(timeline.stateAt(35_000))).toEqual(comparable(rebuildFromScratch(35, 50)));
    expect(comparable(timeline.stateAt(40_000))).toEqual(comparable(rebuildFromScratch(40, 50)));
  });
});
