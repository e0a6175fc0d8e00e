import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LayeredMap } from '../../../src/store/layered-map.js';

type Op =
  | { readonly kind: 'set'; readonly key: number; readonly value: number }
  | { readonly kind: 'delete'; readonly key: number };

/** The model: a Map where every set deletes the key first (recency order), the oldest dropped past `cap`. */
function applyToModel(model: Map<number, number>, ops: readonly Op[], cap: number): void {
  for (const op of ops) {
    model.delete(op.key);
    if (op.kind === 'set') {
      model.set(op.key, op.value);
      if (model.size > cap) model.delete(model.keys().next().value as number);
    }
  }
}

const op = (keys: number) =>
  fc.oneof(
    fc.record({ kind: fc.constant('set' as const), key: fc.nat(keys - 1), value: fc.integer() }),
    fc.record({ kind: fc.constant('delete' as const), key: fc.nat(keys - 1) }),
  );

describe('LayeredMap', () => {
  it('behaves as a recency-ordered Map with a cap, and old versions never change', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(op(200), { maxLength: 40, size: 'max' }), { maxLength: 60, size: 'max' }),
        // Small caps evict from the overlay; caps past the overlay's limit (64) evict from a merged base.
        fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 65, max: 150 }), fc.constant(Infinity)),
        (batches, cap) => {
          const model = new Map<number, number>();
          let map = LayeredMap.empty<number, number>(cap);
          const versions: [LayeredMap<number, number>, [number, number][]][] = [];
          for (const batch of batches) {
            const draft = map.edit();
            for (const o of batch) {
              if (o.kind === 'set') draft.set(o.key, o.value);
              else draft.delete(o.key);
            }
            map = draft.done();
            applyToModel(model, batch, cap);
            expect([...map]).toEqual([...model]);
            expect(map.size).toBe(model.size);
            for (const key of [0, 1, 150, 199]) {
              expect(map.get(key)).toBe(model.get(key));
              expect(map.has(key)).toBe(model.has(key));
            }
            versions.push([map, [...model]]);
          }
          for (const [version, entries] of versions) expect([...version]).toEqual(entries);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('copies a few entries a version, not the map, and keeps 10,000 keys in order', () => {
    const draft = LayeredMap.empty<string, number>().edit();
    for (let i = 0; i < 10_000; i++) draft.set(`h${i}`, i);
    let map = draft.done();
    const before = map;
    for (let round = 0; round < 100; round++) {
      const next = map.edit();
      for (let k = 0; k < 20; k++) next.set(`h${(round * 20 + k) % 10_000}`, -1);
      map = next.done();
    }
    expect(map.size).toBe(10_000);
    expect(before.get('h5')).toBe(5);
    expect(map.get('h5')).toBe(-1);
    // The 2,000 hosts set again are now the most recent, in the order they were set.
    const keys = [...map.keys()];
    expect(keys[0]).toBe('h2000');
    expect(keys.slice(-2)).toEqual(['h1998', 'h1999']);
    expect([...map.values()].filter((v) => v === -1)).toHaveLength(2_000);
    // A ReadonlyMap to whoever reads the stores (StoreState is public API).
    const seen: [string, number][] = [];
    map.forEach((value, key, self) => {
      expect(self).toBe(map);
      seen.push([key, value]);
    });
    expect(seen).toEqual([...map.entries()]);
    expect(new Map(map).size).toBe(10_000);
  });
});
