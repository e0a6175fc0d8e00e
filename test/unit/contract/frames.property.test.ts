import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import { validateEvent } from '../../../src/contract/validate.js';
import { VALID_EXAMPLES } from './examples.js';

const examples = Object.values(VALID_EXAMPLES);

/** Frames a hostile or broken producer might send: text, JSON of anything, mutated events, binary. */
const frame = fc.oneof(
  fc.string(),
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc
    .tuple(fc.constantFrom(...examples), fc.string(), fc.jsonValue())
    .map(([event, key, value]) => JSON.stringify({ ...event, [key]: value })),
  fc
    .tuple(
      fc.constantFrom(...examples),
      fc.constantFrom('NaN', 'Infinity', '-Infinity', 'null', '"x"', '1e999', '[]'),
    )
    .map(([event, token]) => JSON.stringify(event).replace(/:(-?[\d.]+)/, `:${token}`)),
  fc
    .array(fc.constantFrom(...examples), { maxLength: 5 })
    .map((list) => list.map((e) => JSON.stringify(e)).join('\n')),
  fc.uint8Array().map((a) => a.buffer),
);

describe('arbitrary frames through the bus', () => {
  it('never throw, and every candidate is accepted, rejected with a reason, or counted as unknown', () => {
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 8 }), (frames) => {
        const bus = new FleetBus({ now: () => 0, schedule: () => {} });
        let accepted = 0;
        for (const f of frames) accepted += bus.publishFrame(f);
        const d = bus.diagnostics;
        expect(d.accepted).toBe(accepted);
        expect(d.frames).toBe(frames.length);
        expect(d.lastRejections.length).toBeLessThanOrEqual(20);
        for (const r of d.lastRejections) {
          expect(typeof r.field).toBe('string');
          expect(typeof r.expected).toBe('string');
          expect(typeof r.got).toBe('string');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('validation of arbitrary values never throws', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = validateEvent(value);
        expect(['accepted', 'rejected', 'unknown_type']).toContain(result.kind);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps diagnostics bounded under an endless stream of distinct unknown types', () => {
    const bus = new FleetBus({ now: () => 0, schedule: () => {} });
    for (let i = 0; i < 5000; i++) bus.publish({ type: `unknown-${i}` });
    expect(bus.diagnostics.unknown).toBe(5000);
    expect(bus.diagnostics.unknownTypes.size).toBeLessThanOrEqual(65);
  });
});
