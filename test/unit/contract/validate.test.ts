import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../../src/contract/schemas.js';
import {
  acceptEvents,
  describeValue,
  type Validation,
  validateEvent,
} from '../../../src/contract/validate.js';
import { VALID_EXAMPLES } from './examples.js';

const rejection = (candidate: unknown) => {
  const result = validateEvent(candidate);
  if (result.kind !== 'rejected') throw new Error(`expected a rejection, got ${result.kind}`);
  return result.rejection;
};

describe('validateEvent', () => {
  it('has an example for every contract type', () => {
    expect(Object.keys(VALID_EXAMPLES).sort()).toEqual([...EVENT_TYPES].sort());
  });

  for (const [type, example] of Object.entries(VALID_EXAMPLES)) {
    it(`accepts a valid ${type}`, () => {
      const result = validateEvent(structuredClone(example));
      expect(result.kind).toBe('accepted');
      if (result.kind === 'accepted') {
        expect(result.event.type).toBe(type);
        expect(result.warnings).toEqual([]);
      }
    });

    const required = Object.keys(example).filter((k) => k !== 'type');
    it(`accepts a ${type} with only its required fields and ignores extra fields`, () => {
      const minimal: Record<string, unknown> = { type, extra_field: 'ignored' };
      const requiredByType: Record<string, string[]> = {
        snapshot: ['hosts', 'totals'],
        episode: ['episode_id', 'host_id', 'profile', 'status'],
        phase: ['phase'],
        phase_mix: ['mix'],
        attack_profile: ['name', 'curve'],
        prediction: ['episode_id', 'window_idx'],
        model_metric: ['model', 'accuracy'],
        embedding: ['x', 'y'],
        model_perf: ['model', 'latency_us', 'accuracy'],
        live_detection: ['host_id', 'predicted'],
      };
      for (const field of requiredByType[type]!) minimal[field] = (example as Record<string, unknown>)[field];
      const result = validateEvent(minimal);
      expect(result.kind).toBe('accepted');
      if (result.kind === 'accepted') expect(result.event).not.toHaveProperty('extra_field');
      // Each required field, when missing, rejects the whole event and names the field.
      for (const field of requiredByType[type]!) {
        expect(required).toContain(field);
        const { [field]: _gone, ...rest } = minimal;
        const r = rejection(rest);
        expect(r).toMatchObject({ type, field, got: 'absent' });
      }
    });
  }

  it('describes a wrong type with field, expected and got', () => {
    expect(rejection({ ...VALID_EXAMPLES.model_metric, accuracy: '0.9' })).toEqual({
      type: 'model_metric',
      field: 'accuracy',
      expected: 'number',
      got: '"0.9"',
    });
  });

  it('rejects out-of-range numbers', () => {
    expect(rejection({ ...VALID_EXAMPLES.model_metric, accuracy: 1.01 })).toMatchObject({
      field: 'accuracy',
      expected: 'a fraction 0–1; did you mean 0.0101?',
      got: '1.01',
    });
    expect(rejection({ ...VALID_EXAMPLES.embedding, x: -0.1 })).toMatchObject({
      field: 'x',
      expected: 'a fraction 0–1',
    });
    expect(rejection({ ...VALID_EXAMPLES.model_perf, latency_us: 0 })).toMatchObject({
      field: 'latency_us',
      expected: 'number > 0',
    });
    expect(rejection({ ...VALID_EXAMPLES.live_detection, window_idx: -1 })).toMatchObject({
      field: 'window_idx',
    });
    expect(rejection({ ...VALID_EXAMPLES.live_detection, window_idx: 1.5 })).toMatchObject({
      field: 'window_idx',
    });
    expect(rejection({ ...VALID_EXAMPLES.embedding, cluster: -2 })).toMatchObject({ field: 'cluster' });
    expect(rejection({ ...VALID_EXAMPLES.snapshot, sample_hz: 0 })).toMatchObject({ field: 'sample_hz' });
  });

  it('rejects non-finite numbers', () => {
    expect(rejection({ ...VALID_EXAMPLES.model_perf, latency_us: Number.POSITIVE_INFINITY }).field).toBe(
      'latency_us',
    );
    expect(rejection({ ...VALID_EXAMPLES.embedding, y: Number.NaN }).field).toBe('y');
  });

  it('rejects empty required strings and over-long strings and arrays', () => {
    expect(rejection({ ...VALID_EXAMPLES.live_detection, host_id: '' })).toMatchObject({
      field: 'host_id',
      expected: 'non-empty string',
    });
    expect(rejection({ ...VALID_EXAMPLES.attack_profile, name: '' }).field).toBe('name');
    expect(rejection({ ...VALID_EXAMPLES.live_detection, host_id: 'h'.repeat(300) }).field).toBe('host_id');
    expect(rejection({ ...VALID_EXAMPLES.attack_profile, curve: [] })).toMatchObject({
      field: 'curve',
      got: 'array(0)',
    });
    expect(rejection({ ...VALID_EXAMPLES.attack_profile, curve: new Array(4097).fill(1) }).field).toBe(
      'curve',
    );
  });

  it('rejects a wrong structure inside nested objects with a dotted path', () => {
    const bad = structuredClone(VALID_EXAMPLES.snapshot) as unknown as { hosts: { online: unknown }[] };
    bad.hosts[0]!.online = 'yes';
    expect(rejection(bad)).toMatchObject({ type: 'snapshot', field: 'hosts.0.online', expected: 'boolean' });
    expect(rejection({ ...VALID_EXAMPLES.episode, status: 'done' })).toMatchObject({ field: 'status' });
    expect(rejection({ ...VALID_EXAMPLES.phase_mix, mix: { clean: -1 } })).toMatchObject({
      field: 'mix.clean',
    });
    expect(rejection({ ...VALID_EXAMPLES.attack_profile, curve: [1, '2'] })).toMatchObject({
      field: 'curve.1',
    });
  });

  it('says what a record key must be when the key is what is wrong', () => {
    expect(rejection({ ...VALID_EXAMPLES.phase_mix, mix: { '': 1 } })).toMatchObject({
      field: 'mix.',
      expected: 'a record key: non-empty string',
    });
    const long = 'k'.repeat(65);
    expect(rejection({ ...VALID_EXAMPLES.phase_mix, mix: { [long]: 1 } })).toMatchObject({
      field: `mix.${long}`,
      expected: 'a record key: string ≤ 64',
    });
  });

  it('rejects what is not an event object', () => {
    expect(rejection(42)).toEqual({ type: '?', field: '(event)', expected: 'object', got: '42' });
    expect(rejection(null)).toMatchObject({ got: 'null' });
    expect(rejection([1])).toMatchObject({ got: 'array(1)' });
    expect(rejection({ phase: 'clean' })).toEqual({
      type: '?',
      field: 'type',
      expected: 'string',
      got: 'absent',
    });
  });

  it('reports an unknown type without rejecting it', () => {
    expect(validateEvent({ type: 'gpu_temperature', celsius: 60 })).toEqual({
      kind: 'unknown_type',
      typeName: 'gpu_temperature',
    });
    expect(validateEvent({ type: 'toString' })).toEqual({ kind: 'unknown_type', typeName: 'toString' });
  });

  it('accepts strings outside the vocabulary with a warning per field', () => {
    const result = validateEvent({
      ...VALID_EXAMPLES.live_detection,
      predicted: 'exfiltrating',
      model: 'mamba',
    });
    expect(result.kind).toBe('accepted');
    if (result.kind === 'accepted') {
      expect(result.warnings).toEqual([
        { type: 'live_detection', field: 'predicted', value: 'exfiltrating' },
        { type: 'live_detection', field: 'model', value: 'mamba' },
      ]);
    }
    const mix = validateEvent({ type: 'phase_mix', mix: { clean: 1, beaconing: 2 } });
    expect(mix.kind === 'accepted' && mix.warnings).toEqual([
      { type: 'phase_mix', field: 'mix', value: 'beaconing' },
    ]);
  });

  it('never lets __proto__ or constructor reach a prototype', () => {
    const candidate = JSON.parse(
      '{"type":"phase_mix","mix":{"__proto__":{"polluted":1},"clean":1},"__proto__":{"polluted":1}}',
    );
    const result = validateEvent(candidate);
    expect(result.kind).toBe('accepted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (result.kind === 'accepted' && result.event.type === 'phase_mix') {
      expect(Object.getPrototypeOf(result.event.mix)).toBe(Object.prototype);
      expect((result.event.mix as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('describes values briefly and as text', () => {
    expect(describeValue('x'.repeat(100))).toBe(`"${'x'.repeat(40)}…"`);
    expect(describeValue({ a: 1 })).toBe('object');
    expect(describeValue(undefined)).toBe('absent');
  });
});

describe('acceptEvents', () => {
  it('accepts what validateEvent accepts, in order, and reports every other outcome as validateEvent gives it', () => {
    const candidates: unknown[] = [
      ...Object.values(VALID_EXAMPLES),
      null,
      [1, 2],
      'text',
      { type: 7 },
      { type: 'gpu_temperature', celsius: 60 },
      { type: 'embedding', x: 2, y: 0.5 },
      { type: 'embedding', x: 1.0000000000000002, y: 0.5 },
      { ...VALID_EXAMPLES.live_detection, predicted: 'exfiltrating' },
      { ...VALID_EXAMPLES.embedding, extra: 'stripped' },
    ];
    const reported: Validation[] = [];
    const accepted = acceptEvents(candidates, (outcome) => reported.push(outcome));
    const one = candidates.map(validateEvent);
    expect(accepted).toEqual(one.flatMap((v) => (v.kind === 'accepted' ? [v.event] : [])));
    expect(reported).toEqual(one.filter((v) => v.kind !== 'accepted' || v.warnings.length > 0));
    expect(reported.map((v) => v.kind)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'unknown_type',
      'rejected',
      'accepted',
      'accepted',
    ]);
  });

  it('returns copies: what a producer does to its objects later does not reach the accepted events', () => {
    const candidate = { ...VALID_EXAMPLES.embedding };
    const [event] = acceptEvents([candidate], () => {});
    expect(event).not.toBe(candidate);
    expect(event).toEqual(candidate);
  });
});
