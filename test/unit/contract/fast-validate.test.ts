import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileSchema, compileSchemas, UNSURE } from '../../../src/contract/fast-validate.js';
import { EVENT_TYPES, SCHEMAS_BY_TYPE } from '../../../src/contract/schemas.js';
import { validateEvent } from '../../../src/contract/validate.js';
import { VALID_EXAMPLES } from './examples.js';

const FAST = compileSchemas(SCHEMAS_BY_TYPE);
type Json = Record<string, unknown>;

/** Deep copy, keeping undefined members (structuredClone keeps them; JSON would not). */
const copy = <T>(value: T): T => structuredClone(value);

/** Keys of every object in a value, in order, so two outputs can be compared key order and all. */
function keyPaths(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keyPaths(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.keys(value).flatMap((k) => [`${path}.${k}`, ...keyPaths((value as Json)[k], `${path}.${k}`)]);
}

/** The fast path must never accept what zod rejects, and must return exactly what zod returns. */
function expectAgreement(candidate: unknown): boolean {
  const type = (candidate as { type?: unknown }).type as keyof typeof SCHEMAS_BY_TYPE;
  const fast = FAST[type]!(candidate);
  if (fast === UNSURE) return false;
  const zod = SCHEMAS_BY_TYPE[type].safeParse(candidate);
  expect(zod.success, `zod rejects what the fast path accepted: ${JSON.stringify(candidate)}`).toBe(true);
  expect(fast).toStrictEqual(zod.data);
  expect(keyPaths(fast)).toEqual(keyPaths(zod.data));
  expect(fast).not.toBe(candidate);
  return true;
}

/** Every path in an example where a value sits (fields, array items, record members). */
function valuePaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...path, i], ...valuePaths(v, [...path, i])]);
  if (value === null || typeof value !== 'object') return [];
  return Object.keys(value).flatMap((k) => [[...path, k], ...valuePaths((value as Json)[k], [...path, k])]);
}

function setAt(root: unknown, path: readonly (string | number)[], value: unknown, remove: boolean): void {
  let cur = root as Json;
  for (const key of path.slice(0, -1)) cur = cur[key] as Json;
  const last = path[path.length - 1]!;
  if (remove) delete cur[last];
  else cur[last] = value;
}

const tricky = fc.constantFrom<unknown>(
  undefined,
  null,
  '',
  'x',
  'x'.repeat(64),
  'x'.repeat(65),
  '😀'.repeat(40),
  '😀',
  '\ud800',
  -1,
  0,
  0.5,
  1,
  1.5,
  -0,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  [],
  {},
  { a: 1 },
  [1, 2],
);

/** An example with one value replaced (or removed), and perhaps an extra key. */
const mutated = fc
  .constantFrom(...EVENT_TYPES)
  .chain((type) => {
    const example = VALID_EXAMPLES[type];
    const paths = valuePaths(example);
    return fc.record({
      example: fc.constant(example),
      path: fc.constantFrom(...paths),
      value: fc.oneof(tricky, fc.anything()),
      remove: fc.boolean(),
      extra: fc.option(fc.tuple(fc.string(), fc.jsonValue())),
    });
  })
  .map(({ example, path, value, remove, extra }) => {
    const event = copy(example) as Json;
    if (path[0] !== 'type') setAt(event, path, value, remove);
    if (extra && extra[0] !== 'type') event[extra[0]] = extra[1];
    return event;
  });

describe('fast validation compiled from the schemas', () => {
  it('compiles a fast path for every event type', () => {
    expect(Object.keys(FAST).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('accepts every valid example with exactly what zod returns', () => {
    for (const example of Object.values(VALID_EXAMPLES)) {
      const type = example.type as keyof typeof SCHEMAS_BY_TYPE;
      expect(FAST[type]!(copy(example))).not.toBe(UNSURE);
      expectAgreement(copy(example));
    }
  });

  it('never accepts what zod rejects, and returns what zod returns, for mutated events', () => {
    let fastAccepted = 0;
    const runs = 1500;
    fc.assert(
      fc.property(mutated, (event) => {
        if (expectAgreement(event)) fastAccepted++;
      }),
      { numRuns: runs },
    );
    // The property means something only if the fast path accepted a good share of them.
    expect(fastAccepted).toBeGreaterThan(runs * 0.1);
  }, 60_000);

  it('strips unknown keys and keeps the shape order, as zod does', () => {
    const event = { zzz: 1, y: 0.2, x: 0.1, type: 'embedding' };
    const fast = FAST.embedding!(event) as Json;
    expect(Object.keys(fast)).toEqual(['type', 'x', 'y']);
  });

  it('keeps an optional key present with the value undefined, as zod does', () => {
    const event = { type: 'embedding', x: 0.1, y: 0.2, z: undefined };
    const fast = FAST.embedding!(event) as Json;
    expect(Object.hasOwn(fast, 'z')).toBe(true);
    expectAgreement(event);
  });

  it('leaves zod the strings it counts in code points, and the result is still zod’s', () => {
    // 40 emoji: 80 UTF-16 units, 40 code points — over 64 units, within 64 code points.
    const event = { type: 'phase', phase: '😀'.repeat(40) };
    expect(FAST.phase!(event)).toBe(UNSURE);
    const result = validateEvent(event);
    expect(result.kind).toBe('accepted');
    // One unit, one code point: surely within `min(1)`.
    expect(FAST.phase!({ type: 'phase', phase: 'é' })).toEqual({ type: 'phase', phase: 'é' });
  });

  it('leaves zod records that are not the plainest objects, or hold __proto__', () => {
    const proto = JSON.parse('{"type":"phase_mix","mix":{"clean":1,"__proto__":2}}');
    expect(FAST.phase_mix!(proto)).toBe(UNSURE);
    class Mix {
      clean = 1;
    }
    expect(FAST.phase_mix!({ type: 'phase_mix', mix: new Mix() })).toBe(UNSURE);
    const bare = Object.assign(Object.create(null), { clean: 0.5 });
    expect(FAST.phase_mix!({ type: 'phase_mix', mix: bare })).toEqual({
      type: 'phase_mix',
      mix: { clean: 0.5 },
    });
  });

  it('leaves every invalid value to zod, so rejections keep their description', () => {
    expect(FAST.model_metric!({ type: 'model_metric', model: 'lstm', accuracy: 1.5 })).toBe(UNSURE);
    expect(FAST.embedding!({ type: 'embedding', x: Number.NaN, y: 0 })).toBe(UNSURE);
    expect(FAST.prediction!({ type: 'prediction', episode_id: 'e', window_idx: 1.5 })).toBe(UNSURE);
    expect(FAST.model_perf!({ type: 'model_perf', model: 'bert', latency_us: 0, accuracy: 0.9 })).toBe(
      UNSURE,
    );
    const result = validateEvent({ type: 'model_metric', model: 'lstm', accuracy: 1.5 });
    expect(result).toMatchObject({
      kind: 'rejected',
      rejection: { field: 'accuracy', expected: 'a fraction 0–1; did you mean 0.015?' },
    });
  });

  it('gives no fast path to a schema using what it does not know', () => {
    expect(compileSchema(z.object({ a: z.string().refine((s) => s !== 'x') }))).toBeUndefined();
    expect(compileSchema(z.object({ a: z.string().email() }))).toBeUndefined();
    expect(compileSchema(z.object({ a: z.string().transform((s) => s.length) }))).toBeUndefined();
    expect(compileSchema(z.object({ a: z.union([z.string(), z.number()]) }))).toBeUndefined();
    expect(compileSchema(z.object({ a: z.coerce.number() }))).toBeUndefined();
    expect(compileSchema(z.object({ a: z.string() }).passthrough())).toBeUndefined();
    expect(compileSchema(z.object({ a: z.number().multipleOf(2) }))).toBeUndefined();
  });
});
