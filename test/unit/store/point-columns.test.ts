import { describe, expect, it } from 'vitest';
import type { EventOf } from '../../../src/contract/schemas.js';
import { PointBuffer } from '../../../src/store/point-columns.js';

type Embedding = EventOf<'embedding'>;

/** Point `i`: every other field present or not, the numbers not representable in 32 bits. */
function point(i: number, label = (k: number) => `p${k % 5}`): Embedding {
  return {
    type: 'embedding',
    x: (i % 97) / 97,
    y: 0.1 + 1e-12 * i,
    ...(i % 2 ? { z: (i % 13) / 13 } : {}),
    ...(i % 3 ? { phase: label(i) } : {}),
    ...(i % 4 ? { predicted: label(i + 1) } : {}),
    ...(i % 5 ? { cluster: (i % 7) - 1 } : {}),
  };
}

describe('PointBuffer', () => {
  it('gives back the very events it took: the fields they had, the numbers unrounded', () => {
    const buffer = new PointBuffer();
    const events = Array.from({ length: 50 }, (_, i) => point(i));
    expect(buffer.append([{ type: 'phase', phase: 'armed' }, ...events])).toBe(50);
    expect(buffer.toEvents()).toEqual(events);
    expect(buffer.toEvents(10, 12)).toEqual(events.slice(10, 12));
  });

  it('numbers points from the first ever taken, across drops, growth and compaction', () => {
    const buffer = new PointBuffer();
    const events = Array.from({ length: 5000 }, (_, i) => point(i));
    let dropped = 0;
    for (let i = 0; i < events.length; i += 250) {
      buffer.append(events.slice(i, i + 250));
      dropped = Math.max(dropped, i - 1200);
      buffer.dropTo(dropped);
      expect(buffer.start).toBe(dropped);
      expect(buffer.end).toBe(i + 250);
      expect(buffer.length).toBe(i + 250 - dropped);
    }
    expect(buffer.toEvents()).toEqual(events.slice(dropped));
    // Dropping past the end forgets everything held; numbers go on.
    buffer.dropTo(1e9);
    expect(buffer.length).toBe(0);
    buffer.append([point(1)]);
    expect(buffer.start).toBe(5000);
    expect(buffer.toEvents()).toEqual([point(1)]);
  });

  it('appends another buffer’s points, their labels taken into its own table', () => {
    const a = new PointBuffer();
    const b = new PointBuffer();
    a.append([point(1, () => 'zeta')]);
    const more = Array.from({ length: 30 }, (_, i) => point(i));
    b.append(more);
    a.appendAll(b);
    expect(a.toEvents()).toEqual([point(1, () => 'zeta'), ...more]);
  });

  it('keeps a stream of ever-new labels bounded: labels no point held uses are dropped', () => {
    const buffer = new PointBuffer();
    const unique = (k: number) => `label-${k}`;
    for (let i = 0; i < 20_000; i += 500) {
      buffer.append(Array.from({ length: 500 }, (_, k) => point(i + k, unique)));
      buffer.dropTo(buffer.end - 1000);
    }
    expect(buffer.labels.length).toBeLessThan(10_000);
    expect(buffer.toEvents()).toEqual(Array.from({ length: 1000 }, (_, k) => point(19_000 + k, unique)));
  });

  it('keeps its labels’ ids across clears, and a log fed batch by batch takes them as they are', () => {
    const batch = new PointBuffer();
    const log = new PointBuffer();
    const labelOf = (k: number) => ['armed', 'clean', 'dormant', 'infecting'][k % 4]!;
    const sent: ReturnType<typeof point>[] = [];
    for (let round = 0; round < 5; round++) {
      batch.clear();
      // Each batch meets the labels in another order; a label keeps its id all the same.
      const events = Array.from({ length: 40 }, (_, i) => point(i, () => labelOf(i + round)));
      batch.append(events);
      expect(batch.labels.slice(1).sort()).toEqual(['armed', 'clean', 'dormant', 'infecting']);
      if (round > 0) expect(batch.labels).toEqual(log.labels);
      log.appendAll(batch);
      expect(log.labels).toEqual(batch.labels);
      sent.push(...events);
    }
    expect(log.toEvents()).toEqual(sent);
  });

  it('starts its table afresh on a clear once it holds more than a few hundred labels', () => {
    const buffer = new PointBuffer();
    for (let round = 0; round < 40; round++) {
      buffer.clear();
      buffer.append(Array.from({ length: 100 }, (_, k) => point(k, () => `label-${round}-${k}`)));
      expect(buffer.labels.length).toBeLessThanOrEqual(256 + 100 + 1);
      expect(buffer.toEvents()).toEqual(
        Array.from({ length: 100 }, (_, k) => point(k, () => `label-${round}-${k}`)),
      );
    }
  });

  it('counts its clears, so a reader can tell its batch was reused', () => {
    const buffer = new PointBuffer();
    buffer.append([point(1)]);
    const generation = buffer.generation;
    buffer.clear();
    expect(buffer.generation).toBe(generation + 1);
    expect(buffer.length).toBe(0);
    expect(buffer.start).toBe(1);
  });
});
