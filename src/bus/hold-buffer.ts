import type { FleetEvent } from '../contract/schemas.js';

/** Events held by default while paused; past it the oldest go. */
export const HOLD_CAPACITY = 100_000;

/**
 * A bounded first-in first-out hold for batches of validated events that
 * arrive while the deck is paused. Past `capacity` events the oldest are
 * dropped (whole batches first, then the front of the oldest batch) and
 * counted, so a long pause under a fast stream keeps memory flat.
 */
export class HoldBuffer {
  readonly capacity: number;
  private batches: (readonly FleetEvent[])[] = [];
  private size = 0;
  private droppedCount = 0;

  constructor(capacity = HOLD_CAPACITY) {
    this.capacity = Math.max(0, Math.trunc(capacity));
  }

  /** Events held now. */
  get held(): number {
    return this.size;
  }

  /** Events dropped for want of room since the buffer was made. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Holds `events` (the caller must not change the array afterwards); returns how many older ones went. */
  push(events: readonly FleetEvent[]): number {
    if (events.length === 0) return 0;
    this.batches.push(events);
    this.size += events.length;
    let dropped = 0;
    while (this.size > this.capacity) {
      const first = this.batches[0]!;
      const over = this.size - this.capacity;
      if (first.length <= over) {
        this.batches.shift();
        this.size -= first.length;
        dropped += first.length;
      } else {
        this.batches[0] = first.slice(over);
        this.size -= over;
        dropped += over;
      }
    }
    this.droppedCount += dropped;
    return dropped;
  }

  /** Everything held, oldest batch first; the buffer is empty afterwards. */
  drain(): (readonly FleetEvent[])[] {
    const batches = this.batches;
    this.batches = [];
    this.size = 0;
    return batches;
  }
}
