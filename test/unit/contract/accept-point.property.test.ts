import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptPoint } from '../../../src/contract/accept-point.js';
import { validateEvent } from '../../../src/contract/validate.js';
import { PHASES } from '../../../src/contract/vocabulary.js';
import { PointBuffer } from '../../../src/store/point-columns.js';

/** Values at the edges of what an embedding's fields may hold. */
const edge = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    true,
    '',
    'x',
    'beaconing',
    0,
    -0,
    1,
    -1,
    1.5,
    -1e-10,
    1 + 1e-10,
    2 ** 31,
    [],
    {},
  ),
  fc.double({ noNaN: false }),
  fc.integer({ min: -3, max: 5000 }),
  fc.string({ maxLength: 70 }),
);
const unit = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 0.5));
const phase = fc.constantFrom(...PHASES);

/** Mostly `valid`, now and then a value at an edge. */
const mostly = (valid: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: valid, weight: 8 }, { arbitrary: edge, weight: 1 });

/** Embedding-like candidates: mostly valid fields, now and then one at an edge, absent, or a stray key. */
const candidate = fc.record(
  {
    type: fc.constantFrom('embedding', 'embedding', 'embedding', 'phase', 'Embedding'),
    x: mostly(unit),
    y: mostly(unit),
    z: mostly(unit),
    phase: mostly(phase),
    predicted: mostly(phase),
    cluster: mostly(fc.integer({ min: -1, max: 40 })),
    stray: edge,
  },
  { requiredKeys: ['type'] },
);

describe('acceptPoint', () => {
  it('takes only what the contract accepts without a warning, and exactly as it accepts it', () => {
    let taken = 0;
    let declined = 0;
    fc.assert(
      fc.property(candidate, (event) => {
        const buffer = new PointBuffer();
        const outcome = validateEvent(event);
        if (acceptPoint(event, buffer)) {
          taken++;
          expect(outcome.kind).toBe('accepted');
          if (outcome.kind !== 'accepted') return;
          expect(outcome.warnings).toEqual([]);
          expect(buffer.toEvents()).toEqual([outcome.event]);
        } else {
          declined++;
          expect(buffer.length).toBe(0);
        }
      }),
      { numRuns: 3000 },
    );
    expect(taken).toBeGreaterThan(300);
    expect(declined).toBeGreaterThan(300);
  });

  it('takes every plain embedding (the fast path is not declining its whole stream)', () => {
    fc.assert(
      fc.property(
        fc.record(
          { x: unit, y: unit, z: unit, phase, predicted: phase, cluster: fc.integer({ min: -1, max: 1e6 }) },
          { requiredKeys: ['x', 'y'] },
        ),
        (fields) => {
          expect(acceptPoint({ type: 'embedding', ...fields }, new PointBuffer())).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves to the usual path what it must clamp, warn of or describe', () => {
    const declines = [
      { type: 'embedding', x: 1 + 1e-10, y: 0.5 }, // clamped, with a warning
      { type: 'embedding', x: 0.5, y: 0.5, phase: 'beaconing' }, // unknown phase: a warning
      { type: 'embedding', x: 0.5, y: 0.5, z: undefined }, // a key present but undefined
      { type: 'embedding', x: '0.5', y: 0.5 }, // rejected
      [0.5, 0.5],
      null,
    ];
    for (const event of declines)
      expect(acceptPoint(event, new PointBuffer()), JSON.stringify(event)).toBe(false);
  });
});
