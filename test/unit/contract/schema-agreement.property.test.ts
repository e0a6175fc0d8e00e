import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractJsonSchema } from '../../../src/contract/json-schema.js';
import { acceptEvents, type Validation, validateEvent } from '../../../src/contract/validate.js';
import { VALID_EXAMPLES } from './examples.js';

/**
 * Producers are told to validate against events.schema.json (what the build
 * writes from `contractJsonSchema()`); the deck validates with
 * `validateEvent`. The two must accept and refuse the same events, or a
 * producer that passes its own check would see its events refused (or the
 * schema would refuse what the deck takes). Checked with Ajv, an independent
 * JSON Schema validator, on generated events near the contract's edges.
 */

const ajv = new Ajv2020({ strict: true, allErrors: false });
const schemaAccepts = ajv.compile(contractJsonSchema());
const deckAccepts = (event: unknown) => validateEvent(event).kind === 'accepted';

const examples = Object.values(VALID_EXAMPLES) as Record<string, unknown>[];

/** A value at the edges of what a field may hold. */
const edgeValue = fc.oneof(
  fc.constantFrom(
    null,
    true,
    '',
    'x',
    'armed',
    'lstm',
    0,
    -0,
    1,
    -1,
    0.5,
    1.5,
    -0.0001,
    2 ** 31,
    1e300,
    -1e300,
    [],
    {},
    [0],
    [0.5, 1],
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Every path to a leaf or container inside an event (excluding the root). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((key) => {
    const path = [...prefix, key];
    return [path, ...paths((value as Record<string | number, unknown>)[key], path)];
  });
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function setAt(root: unknown, path: readonly (string | number)[], value: unknown, remove: boolean): unknown {
  const out = clone(root) as Record<string | number, unknown>;
  let cur = out;
  for (const key of path.slice(0, -1)) cur = cur[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove) {
    if (Array.isArray(cur)) cur.splice(last as number, 1);
    else delete cur[last];
  } else cur[last] = value;
  return out;
}

/** Valid examples changed at one or two places: a field replaced, removed or added. */
const mutated = fc
  .constantFrom(...examples)
  .chain((example) => {
    const all = paths(example);
    const one = fc.tuple(fc.constantFrom(...all), edgeValue, fc.boolean());
    return fc.tuple(fc.constant(example), fc.array(one, { minLength: 1, maxLength: 2 }));
  })
  .map(([example, changes]) =>
    changes.reduce<unknown>((event, [path, value, remove]) => {
      try {
        return setAt(event, path, value, remove && path.at(-1) !== 'type');
      } catch {
        return event; // the path went away with an earlier change
      }
    }, example),
  );

const added = fc
  .tuple(fc.constantFrom(...examples), fc.string({ minLength: 1, maxLength: 6 }), edgeValue)
  .map(([example, key, value]) => ({ ...clone(example), [key]: value }));

/** Any event-like object: a known or unknown type with arbitrary fields. */
const anyObject = fc
  .tuple(
    fc.constantFrom(...examples.map((e) => e.type as string), 'unknown_kind', ''),
    fc.dictionary(fc.string({ maxLength: 6 }), edgeValue, { maxKeys: 4 }),
  )
  .map(([type, fields]) => ({ ...fields, type }));

describe('events.schema.json and validateEvent', () => {
  it('accept every valid example', () => {
    for (const example of examples) {
      expect(schemaAccepts(example), JSON.stringify(ajv.errors)).toBe(true);
      expect(deckAccepts(example)).toBe(true);
    }
  });

  it('accept and refuse the same generated events', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof(mutated, added, anyObject, fc.jsonValue({ maxDepth: 2 })), (event) => {
        const bySchema = schemaAccepts(event);
        const byDeck = deckAccepts(event);
        if (bySchema !== byDeck) {
          throw new Error(
            `schema ${bySchema ? 'accepts' : 'refuses'}, deck ${byDeck ? 'accepts' : 'refuses'}: ${JSON.stringify(event)}; ${JSON.stringify(validateEvent(event))}; ${JSON.stringify(ajv.errors)}`,
          );
        }
        if (byDeck) accepted++;
        else refused++;
      }),
      { numRuns: 2000 },
    );
    // Both sides of the line were exercised, not only one.
    expect(accepted).toBeGreaterThan(200);
    expect(refused).toBeGreaterThan(200);
  }, 60_000);
});

describe('acceptEvents and validateEvent', () => {
  it('accept the same events and report the same outcomes, batch by batch', () => {
    const candidate = fc.oneof(mutated, added, anyObject, fc.jsonValue({ maxDepth: 2 }));
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 12 }), (batch) => {
        const reported: Validation[] = [];
        const accepted = acceptEvents(batch, (outcome) => reported.push(outcome));
        const one = batch.map(validateEvent);
        expect(accepted).toEqual(one.flatMap((v) => (v.kind === 'accepted' ? [v.event] : [])));
        expect(reported).toEqual(one.filter((v) => v.kind !== 'accepted' || v.warnings.length > 0));
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
