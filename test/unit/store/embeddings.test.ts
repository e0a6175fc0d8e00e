import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventOf } from '../../../src/contract/schemas.js';
import {
  type EmbeddingsState,
  embeddingSlot,
  emptyEmbeddings,
  NO_CLUSTER,
  type RingMark,
  reduceEmbeddings,
  writtenSince,
} from '../../../src/store/embeddings.js';

type Embedding = EventOf<'embedding'>;

const point = (i: number, extra: Partial<Embedding> = {}): Embedding => ({
  type: 'embedding',
  x: (i % 100) / 100,
  y: 0.5,
  ...extra,
});
const points = (from: number, n: number) => Array.from({ length: n }, (_, k) => point(from + k));
const mark = (s: EmbeddingsState): RingMark => ({ positions: s.positions, head: s.head, total: s.total });
/** The x of every held point, oldest first. */
const xs = (s: EmbeddingsState) =>
  Array.from({ length: s.count }, (_, i) => Math.round(s.positions[embeddingSlot(s, i) * 3]! * 100));

describe('reduceEmbeddings', () => {
  it('adds a point per event, z defaulting to 0.5, and counts labels, absent ones under "" and -1', () => {
    const s = reduceEmbeddings(emptyEmbeddings(10), [
      point(1, { z: 0.25, phase: 'armed', predicted: 'clean', cluster: 3 }),
      point(2, { phase: 'armed' }),
    ]);
    expect(s.count).toBe(2);
    expect(s.total).toBe(2);
    expect(Array.from(s.positions.slice(0, 6), (v) => Math.round(v * 100) / 100)).toEqual([
      0.01, 0.5, 0.25, 0.02, 0.5, 0.5,
    ]);
    expect(s.labels[s.phase[0]!]).toBe('armed');
    expect(s.labels[s.predicted[1]!]).toBe('');
    expect(s.cluster[1]).toBe(NO_CLUSTER);
    expect(Object.fromEntries(s.phaseCounts)).toEqual({ armed: 2 });
    expect(Object.fromEntries(s.predictedCounts)).toEqual({ clean: 1, '': 1 });
    expect(Object.fromEntries(s.clusterCounts)).toEqual({ 3: 1, [NO_CLUSTER]: 1 });
  });

  it('evicts the oldest first at the cap and takes its counts back', () => {
    let s = reduceEmbeddings(emptyEmbeddings(4), [
      point(0, { phase: 'clean', cluster: 0 }),
      point(1, { phase: 'armed', cluster: 1 }),
      point(2, { phase: 'armed', cluster: 1 }),
    ]);
    s = reduceEmbeddings(s, [point(3, { phase: 'dormant' }), point(4, { phase: 'dormant' })]);
    expect(s.count).toBe(4);
    expect(s.total).toBe(5);
    expect(xs(s)).toEqual([1, 2, 3, 4]);
    expect(Object.fromEntries(s.phaseCounts)).toEqual({ armed: 2, dormant: 2 });
    expect(Object.fromEntries(s.clusterCounts)).toEqual({ 1: 2, [NO_CLUSTER]: 2 });
  });

  it('keeps only the last ring-full of a batch larger than the ring', () => {
    const s = reduceEmbeddings(emptyEmbeddings(3), points(0, 8));
    expect(xs(s)).toEqual([5, 6, 7]);
    expect(s.total).toBe(8);
  });
});

describe('agreement', () => {
  it('counts points with both labels and those whose prediction matches, giving them back on eviction', () => {
    let s = reduceEmbeddings(emptyEmbeddings(3), [
      point(0, { phase: 'armed', predicted: 'armed' }),
      point(1, { phase: 'armed', predicted: 'clean' }),
      point(2, { phase: 'armed' }),
    ]);
    expect([s.judged, s.agreed]).toEqual([2, 1]);
    s = reduceEmbeddings(s, [point(3, { predicted: 'dormant' })]);
    expect([s.judged, s.agreed]).toEqual([1, 0]);
    s = reduceEmbeddings(s, [point(4, { phase: 'clean', predicted: 'clean' })]);
    expect([s.judged, s.agreed]).toEqual([1, 1]);
  });

  it('always equals a recount of the points held, as do the class counts', () => {
    const label = fc.option(fc.constantFrom('clean', 'armed', 'dormant'), { nil: undefined });
    const event = fc.record({
      phase: label,
      predicted: label,
      // Noise, small ids, and ids past the reducer's flat per-batch tally (4,094 and up).
      cluster: fc.option(
        fc.oneof(
          fc.integer({ min: -1, max: 4 }),
          fc.integer({ min: 4090, max: 4100 }),
          fc.constant(2 ** 31 - 1),
        ),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.array(event, { maxLength: 12 })),
        (cap, batches) => {
          let s = emptyEmbeddings(cap);
          for (const batch of batches)
            s = reduceEmbeddings(
              s,
              batch.map((e, i) => ({ ...point(i), ...e })),
            );
          let judged = 0;
          let agreed = 0;
          const phases = new Map<string, number>();
          const predictions = new Map<string, number>();
          const clusters = new Map<number, number>();
          for (let i = 0; i < s.count; i++) {
            const slot = embeddingSlot(s, i);
            const p = s.labels[s.phase[slot]!]!;
            const q = s.labels[s.predicted[slot]!]!;
            if (p !== '' && q !== '') {
              judged++;
              if (p === q) agreed++;
            }
            phases.set(p, (phases.get(p) ?? 0) + 1);
            predictions.set(q, (predictions.get(q) ?? 0) + 1);
            clusters.set(s.cluster[slot]!, (clusters.get(s.cluster[slot]!) ?? 0) + 1);
          }
          expect([s.judged, s.agreed]).toEqual([judged, agreed]);
          expect(new Map(s.phaseCounts)).toEqual(phases);
          expect(new Map(s.predictedCounts)).toEqual(predictions);
          expect(new Map(s.clusterCounts)).toEqual(clusters);
        },
      ),
    );
  });
});

describe('writtenSince', () => {
  it('is every held slot without a mark, and nothing when nothing was written', () => {
    const s = reduceEmbeddings(emptyEmbeddings(10), points(0, 3));
    expect(writtenSince(s, undefined)).toEqual([[0, 3]]);
    expect(writtenSince(s, mark(s))).toEqual([]);
    expect(writtenSince(emptyEmbeddings(10), undefined)).toEqual([]);
  });

  it('names just the slots a batch wrote', () => {
    const a = reduceEmbeddings(emptyEmbeddings(10), points(0, 3));
    const b = reduceEmbeddings(a, points(3, 4));
    expect(writtenSince(b, mark(a))).toEqual([[3, 4]]);
  });

  it('splits where the ring wraps', () => {
    const a = reduceEmbeddings(emptyEmbeddings(10), points(0, 8));
    const b = reduceEmbeddings(a, points(8, 5));
    expect(writtenSince(b, mark(a))).toEqual([
      [8, 2],
      [0, 3],
    ]);
    // Those are exactly the slots holding the five new points.
    const fresh = new Set([8, 9, 10, 11, 12]);
    for (const [start, n] of writtenSince(b, mark(a)))
      for (let slot = start; slot < start + n; slot++)
        expect(fresh.has(Math.round(b.positions[slot * 3]! * 100))).toBe(true);
  });

  it('is the whole ring after a ring-full or more, or for another ring', () => {
    const a = reduceEmbeddings(emptyEmbeddings(5), points(0, 2));
    const b = reduceEmbeddings(a, points(2, 5));
    expect(writtenSince(b, mark(a))).toEqual([[0, 5]]);
    const other = reduceEmbeddings(emptyEmbeddings(5), points(0, 4));
    expect(writtenSince(other, mark(b))).toEqual([[0, 4]]);
  });

  it('accumulates across several reductions since the mark', () => {
    const a = reduceEmbeddings(emptyEmbeddings(6), points(0, 5));
    const b = reduceEmbeddings(reduceEmbeddings(a, points(5, 1)), points(6, 2));
    expect(writtenSince(b, mark(a))).toEqual([
      [5, 1],
      [0, 2],
    ]);
  });
});
