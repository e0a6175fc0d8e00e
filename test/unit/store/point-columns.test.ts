import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventOf, FleetEvent } from '../../../src/contract/schemas.js';
import { emptyEmbeddings, reduceEmbeddings } from '../../../src/store/embeddings.js';
import { splitPoints } from '../../../src/store/point-columns.js';

type Embedding = EventOf<'embedding'>;

const embedding = fc.record(
  {
    type: fc.constant('embedding' as const),
    x: fc.double({ min: 0, max: 1, noNaN: true }),
    y: fc.double({ min: 0, max: 1, noNaN: true }),
    z: fc.double({ min: 0, max: 1, noNaN: true }),
    phase: fc.constantFrom('clean', 'armed', 'infected_running', 'a label of its own'),
    predicted: fc.constantFrom('clean', 'armed', 'dormant'),
    cluster: fc.integer({ min: -1, max: 5000 }),
  },
  { requiredKeys: ['type', 'x', 'y'] },
) as fc.Arbitrary<Embedding>;

/** Everything a ring holds, buffers included. */
const whole = (ring: ReturnType<typeof emptyEmbeddings>) => ({
  ...ring,
  positions: Array.from(ring.positions),
  phase: Array.from(ring.phase),
  predicted: Array.from(ring.predicted),
  cluster: Array.from(ring.cluster),
});

describe('splitPoints', () => {
  it('keeps the other events in order, as they came, and counts the whole batch', () => {
    const phase = { type: 'phase', phase: 'armed' } as FleetEvent;
    const mix = { type: 'phase_mix', mix: { armed: 1 } } as FleetEvent;
    const batch: FleetEvent[] = [phase, { type: 'embedding', x: 0.1, y: 0.2 }, mix];
    const split = splitPoints(batch);
    expect(split.others).toEqual([phase, mix]);
    expect(split.others[0]).toBe(phase);
    expect(split.size).toBe(3);
    expect(split.points?.length).toBe(1);
    expect(splitPoints([phase]).others).toEqual([phase]);
    expect(splitPoints([phase]).points).toBeUndefined();
    expect(splitPoints([{ type: 'embedding', x: 0, y: 1 }]).others).toEqual([]);
  });

  it('gives a ring the same points, labels and counts as the events, batch by batch, wrapping or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(embedding, { maxLength: 40 }), { maxLength: 6 }),
        fc.integer({ min: 1, max: 30 }),
        (batches, capacity) => {
          let fromEvents = emptyEmbeddings(capacity);
          let fromColumns = emptyEmbeddings(capacity);
          for (const batch of batches) {
            fromEvents = reduceEmbeddings(fromEvents, batch);
            const { points } = splitPoints(batch);
            if (points) fromColumns = reduceEmbeddings(fromColumns, points);
          }
          expect(whole(fromColumns)).toEqual(whole(fromEvents));
        },
      ),
      { numRuns: 200 },
    );
  });
});
