/**
 * A timer wheel for the simulator: items sleep in buckets of `grainMs` and
 * are visited when their bucket's time has come. Adding and visiting cost
 * one bucket operation each, so a step costs what wakes in it, however many
 * items sleep.
 */
export class WakeQueue<T> {
  private readonly buckets = new Map<number, T[]>();
  /** The last bucket visited; items due at or before it go in the next one. */
  private cursor = Number.NEGATIVE_INFINITY;
  private lowest = Number.POSITIVE_INFINITY;

  constructor(private readonly grainMs: number) {}

  /** Items sleeping. */
  get size(): number {
    let n = 0;
    for (const bucket of this.buckets.values()) n += bucket.length;
    return n;
  }

  /** Wakes `item` at `atMs` (rounded up to the grain; never in a bucket already visited). */
  add(item: T, atMs: number): void {
    let key = Math.ceil(atMs / this.grainMs);
    if (key <= this.cursor) key = this.cursor + 1;
    if (key < this.lowest) this.lowest = key;
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push(item);
    else this.buckets.set(key, [item]);
  }

  /** Visits every item due by `nowMs`, in bucket order, then insertion order. Visits may add items. */
  due(nowMs: number, visit: (item: T) => void): void {
    const last = Math.floor(nowMs / this.grainMs);
    let key = Math.max(this.cursor + 1, this.lowest);
    for (; key <= last; key++) {
      this.cursor = key;
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      this.buckets.delete(key);
      for (const item of bucket) visit(item);
    }
    if (last > this.cursor) this.cursor = last;
    this.lowest = Math.max(this.lowest, this.cursor + 1);
  }
}
