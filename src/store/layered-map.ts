/** Marks a key of the base deleted in the overlay. */
const GONE: unique symbol = Symbol('gone');
type Slot<V> = V | typeof GONE;

/** The overlay is merged into a new base past this many keys, or an eighth of the base if more. */
const MIN_OVERLAY = 64;

/** A layered map's parts, handed between a map and its draft. */
interface Layers<K, V> {
  /** The shared base: never written once built. */
  readonly base: ReadonlyMap<K, V>;
  /** The base's keys in its order, for finding the oldest key without walking the base from its start. */
  readonly baseKeys: readonly K[];
  /** Changes since the base, least recent first; a draft writes its own copy. */
  readonly overlay: Map<K, Slot<V>>;
  readonly size: number;
  /** baseKeys before this index are all in the overlay (set again or gone). */
  readonly cursor: number;
  /** Keys kept at most: past it, the least recently set goes. */
  readonly cap: number;
}

/**
 * An immutable map for thousands of keys of which a batch changes a few:
 * a base shared by every version and a small overlay of the changes since,
 * so a new version copies the overlay, not the map. The fleet store kept
 * its per-host maps as plain Maps copied on every batch: at 10,000 hosts,
 * 4 ms a copy in Node, and three quarters of what the fleet's events cost
 * to publish. The overlay is merged into a new base once it outgrows an
 * eighth of the base, so a version costs about √(keys × batch) entries.
 *
 * Keys are ordered by recency, least recently set first (as a Map whose
 * every set deletes the key first), and past `cap` keys the least recently
 * set one goes.
 */
export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  /** @internal Use `LayeredMap.empty` and `edit`. */
  constructor(private readonly layers: Layers<K, V>) {}

  /** An empty map keeping at most `cap` keys. */
  static empty<K, V>(cap = Number.POSITIVE_INFINITY): LayeredMap<K, V> {
    return new LayeredMap({ base: new Map(), baseKeys: [], overlay: new Map(), size: 0, cursor: 0, cap });
  }

  /** A map of `entries` in their order (the last the most recent), at most `cap` of them. */
  static from<K, V>(entries: Iterable<readonly [K, V]>, cap = Number.POSITIVE_INFINITY): LayeredMap<K, V> {
    const draft = LayeredMap.empty<K, V>(cap).edit();
    for (const [key, value] of entries) draft.set(key, value);
    return draft.done();
  }

  get size(): number {
    return this.layers.size;
  }

  get(key: K): V | undefined {
    return lookup(this.layers, key);
  }

  has(key: K): boolean {
    return lookup(this.layers, key) !== undefined;
  }

  /** Entries least recently set first. */
  *entries(): MapIterator<[K, V]> {
    const { base, overlay } = this.layers;
    for (const entry of base) if (!overlay.has(entry[0])) yield entry;
    for (const [key, slot] of overlay) if (slot !== GONE) yield [key, slot];
    return undefined;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
    return undefined;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
    return undefined;
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  /** A draft of the next version: write it, then `done()` (this version stays as it is). */
  edit(): LayeredMapDraft<K, V> {
    return new LayeredMapDraft({ ...this.layers, overlay: new Map(this.layers.overlay) });
  }
}

function lookup<K, V>(layers: Layers<K, V>, key: K): V | undefined {
  const slot = layers.overlay.get(key);
  if (slot !== undefined) return slot === GONE ? undefined : slot;
  return layers.base.get(key);
}

/** The next version of a LayeredMap while it is written. */
export class LayeredMapDraft<K, V> {
  private readonly overlay: Map<K, Slot<V>>;
  private size: number;
  private cursor: number;

  /** @internal Made by `LayeredMap.edit`. */
  constructor(private readonly layers: Layers<K, V>) {
    this.overlay = layers.overlay;
    this.size = layers.size;
    this.cursor = layers.cursor;
  }

  get(key: K): V | undefined {
    // The layers' overlay is this draft's own copy (see edit), written in place.
    return lookup(this.layers, key);
  }

  /** Sets `key` as the most recent key, dropping the least recent past the cap. */
  set(key: K, value: V): void {
    if (this.get(key) === undefined) this.size++;
    this.overlay.delete(key);
    this.overlay.set(key, value);
    if (this.size > this.layers.cap) this.deleteOldest();
  }

  delete(key: K): void {
    if (this.get(key) === undefined) return;
    this.size--;
    if (this.layers.base.has(key)) this.overlay.set(key, GONE);
    else this.overlay.delete(key);
  }

  /** The new version; the draft is not to be written after. */
  done(): LayeredMap<K, V> {
    const { base, baseKeys, cap } = this.layers;
    const layers = { base, baseKeys, overlay: this.overlay, size: this.size, cursor: this.cursor, cap };
    if (this.overlay.size <= Math.max(MIN_OVERLAY, base.size / 8)) return new LayeredMap(layers);
    // Merged into a new base, in recency order.
    const merged = new Map(new LayeredMap(layers));
    return new LayeredMap({
      base: merged,
      baseKeys: [...merged.keys()],
      overlay: new Map(),
      size: merged.size,
      cursor: 0,
      cap,
    });
  }

  private deleteOldest(): void {
    const { baseKeys } = this.layers;
    // The oldest key is the base's first not in the overlay; keys in the overlay stay there until a merge.
    while (this.cursor < baseKeys.length) {
      const key = baseKeys[this.cursor++]!;
      if (!this.overlay.has(key)) {
        this.overlay.set(key, GONE);
        this.size--;
        return;
      }
    }
    for (const [key, slot] of this.overlay) {
      if (slot === GONE) continue;
      this.delete(key);
      return;
    }
  }
}
