import type { FleetEvent } from '../contract/schemas.js';
import type { PointBuffer } from '../store/point-columns.js';
import type { StoreState } from '../store/stores.js';

/**
 * What the bus asks of time control, at the one point where validated events
 * are reduced into the stores. Kept to an interface so the bus does not
 * depend on how pausing and rewinding work.
 */
export interface TimeHook {
  /**
   * A batch of validated events (and embeddings in columns) arrived: true
   * lets the stores take it now, false means it was held. The columns are
   * the bus's and are reused: what is held is copied out of them.
   */
  admit(events: readonly FleetEvent[], points?: PointBuffer): boolean;
  /** The stores are about to take a batch, writing their lanes in place: a copy of them still owed is made now. */
  beforeReduce(): void;
  /** The stores took `events` and `points` at `now` and are `state` after them (time control records history here). */
  reduced(events: readonly FleetEvent[], state: StoreState, now: number, points?: PointBuffer): void;
  /** The stores took a computed past at once (a warm start) and are `state` at `now`: history starts there. */
  restart(state: StoreState, now: number): void;
  /** The bus clock given the wall clock: stopped while paused, moved back with a rewind. */
  clock(wallNow: number): number;
}
