import { describe, expect, it } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import { contractJsonSchema } from '../../../src/contract/json-schema.js';
import { type Validation, validateEvent } from '../../../src/contract/validate.js';
import { laneCells } from '../../../src/store/live-lanes.js';

const accepted = (v: Validation) => {
  if (v.kind !== 'accepted') throw new Error(`expected acceptance, got ${JSON.stringify(v)}`);
  return v;
};
const rejected = (v: Validation) => {
  if (v.kind !== 'rejected') throw new Error(`expected rejection, got ${JSON.stringify(v)}`);
  return v.rejection;
};

describe('tolerant where intent is clear', () => {
  it('clamps a coordinate a hair above 1 (float rescaling) and warns', () => {
    const v = accepted(validateEvent({ type: 'embedding', x: 1.0000000000000002, y: 0.5, z: -1e-12 }));
    expect(v.event).toMatchObject({ x: 1, y: 0.5, z: 0 });
    expect(v.warnings).toEqual([
      { type: 'embedding', field: 'x', value: '1.0000000000000002 → 1 (clamped)' },
      { type: 'embedding', field: 'z', value: '-1e-12 → 0 (clamped)' },
    ]);
  });

  it('clamps every 0–1 field within 1e-9 of its range, and no further', () => {
    const over = 1 + 5e-10;
    expect(
      accepted(validateEvent({ type: 'model_metric', model: 'lstm', accuracy: over })).event,
    ).toMatchObject({
      accuracy: 1,
    });
    expect(
      accepted(validateEvent({ type: 'model_perf', model: 'gru', latency_us: 9, accuracy: -5e-10 })).event,
    ).toMatchObject({ accuracy: 0 });
    expect(
      accepted(validateEvent({ type: 'live_detection', host_id: 'h', predicted: 'clean', confidence: over }))
        .event,
    ).toMatchObject({ confidence: 1 });
    expect(rejected(validateEvent({ type: 'embedding', x: 1 + 2e-9, y: 0 })).field).toBe('x');
    expect(rejected(validateEvent({ type: 'embedding', x: -2e-9, y: 0 })).expected).toBe('a fraction 0–1');
  });

  it('counts a clamp as a warning on the bus', () => {
    const bus = new FleetBus({ schedule: () => {} });
    expect(bus.publish({ type: 'embedding', x: 1.0000000000000002, y: 0.2 })).toBe(1);
    expect(bus.diagnostics.vocabularyWarnings).toBe(1);
    expect(bus.diagnostics.lastWarnings[0]).toMatchObject({ field: 'x' });
    expect(bus.state.embeddings.positions[0]).toBe(1);
  });

  it('accepts cluster -1, the noise label of DBSCAN and HDBSCAN, and nothing below', () => {
    expect(accepted(validateEvent({ type: 'embedding', x: 0.1, y: 0.2, cluster: -1 })).event).toMatchObject({
      cluster: -1,
    });
    expect(rejected(validateEvent({ type: 'embedding', x: 0.1, y: 0.2, cluster: -2 }))).toMatchObject({
      field: 'cluster',
      expected: 'number ≥ -1',
    });
  });
});

describe('strict and helpful elsewhere', () => {
  it('refuses a percentage in a 0–1 field and names the fraction meant', () => {
    expect(rejected(validateEvent({ type: 'model_metric', model: 'lstm', accuracy: 92.8 }))).toEqual({
      type: 'model_metric',
      field: 'accuracy',
      expected: 'a fraction 0–1; did you mean 0.928?',
      got: '92.8',
    });
    expect(
      rejected(validateEvent({ type: 'live_detection', host_id: 'h', predicted: 'clean', confidence: 100 })),
    ).toMatchObject({ field: 'confidence', expected: 'a fraction 0–1; did you mean 1?' });
    // Above 100 it is no percentage: no guess.
    expect(rejected(validateEvent({ type: 'embedding', x: 250, y: 0 })).expected).toBe('a fraction 0–1');
  });
});

describe('follow-up truth without episode and window', () => {
  it("fills the host's newest cell waiting for truth with the same prediction, else adds a cell", () => {
    const bus = new FleetBus({ schedule: () => {} });
    bus.publish([
      { type: 'live_detection', host_id: 'web-1', predicted: 'armed' },
      { type: 'live_detection', host_id: 'web-1', predicted: 'clean' },
    ]);
    bus.publish({ type: 'live_detection', host_id: 'web-1', predicted: 'armed', actual: 'infecting' });
    expect(laneCells(bus.state.live, 'web-1').map((c) => [c.predicted, c.actual])).toEqual([
      ['armed', 'infecting'],
      ['clean', undefined],
    ]);
    bus.publish({ type: 'live_detection', host_id: 'web-1', predicted: 'dormant', actual: 'dormant' });
    expect(laneCells(bus.state.live, 'web-1')).toHaveLength(3);
    expect(bus.state.live.total).toBe(3);
    expect(bus.state.live.judged).toBe(2);
  });
});

describe('events.schema.json', () => {
  type Variant = { properties: Record<string, { minimum?: number; maximum?: number; anyOf?: unknown }> };
  const variants = () => {
    const schema = contractJsonSchema() as { oneOf?: Variant[]; anyOf?: Variant[] };
    return (schema.oneOf ?? schema.anyOf)!;
  };
  const variant = (type: string) =>
    variants().find((v) => (v.properties.type as { const?: string }).const === type)!;

  it('still validates what the deck accepts: the tolerance band and the noise cluster', () => {
    const embedding = variant('embedding').properties;
    for (const field of ['x', 'y', 'z']) {
      expect(embedding[field]!.minimum).toBeLessThanOrEqual(-1e-9);
      expect(embedding[field]!.maximum).toBeGreaterThanOrEqual(1.0000000000000002);
      expect(embedding[field]!.maximum).toBeLessThan(1 + 2e-9);
    }
    expect(embedding.cluster!.minimum).toBe(-1);
    expect(variant('model_metric').properties.accuracy!.maximum).toBeLessThan(92.8);
    expect(variant('live_detection').properties.confidence!.maximum).toBeGreaterThanOrEqual(1 + 1e-10);
  });
});
