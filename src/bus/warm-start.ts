import type { FleetSimulator } from '../sim/fleet-sim.js';
import type { HistoryBudget } from '../sim/history-budget.js';
import { MAX_EPISODES } from '../store/fleet.js';
import { LANE_CAPACITY } from '../store/live-lanes.js';
import type { FleetBus } from './fleet-bus.js';

/** Simulated seconds of history the simulator computes before the first paint, unless `warm=` says otherwise. */
export const DEFAULT_WARM_S = 300;
/** Longest history asked for (an hour). */
export const MAX_WARM_S = 3600;
/**
 * Lane cells a warm start emits over the whole fleet. Up to 500 hosts every
 * lane is filled (60 cells); a 10,000-host fleet gets its last 3 detections
 * per host (its last 30 s), so the first view costs about the same whatever
 * the fleet's size, and live detections fill the lanes from there.
 */
export const WARM_CELL_BUDGET = 30_000;
/** Embedding points a warm start emits at most (the scatter's ring keeps 100,000). */
export const WARM_EMBEDDING_BUDGET = 20_000;

/** What `bus`'s stores keep, as a warm start's budget: it never emits more than they hold. */
export function storeBudget(bus: FleetBus): HistoryBudget {
  return {
    cellsPerHost: LANE_CAPACITY,
    cells: WARM_CELL_BUDGET,
    embeddings: Math.min(bus.state.embeddings.capacity, WARM_EMBEDDING_BUDGET),
    episodes: MAX_EPISODES,
  };
}

/**
 * Runs `sim` through `seconds` of seeded history ending at `endMs` and
 * publishes each step into `bus` stamped with its own time, so rolling
 * windows, lanes and episode lists hold what `seconds` of a running fleet
 * would have left — at once, before the first paint. The live deck's warm
 * start (`warm=`) and the print layout's `run=` both come through here.
 * Returns the number of events accepted.
 */
export function warmStart(bus: FleetBus, sim: FleetSimulator, seconds: number, endMs: number): number {
  let accepted = 0;
  bus.fillPast(() => {
    sim.history(endMs, seconds, storeBudget(bus), (events, atMs) => {
      // Built to the contract by our own simulator (its tests validate every kind it emits), so
      // not validated again: at 10,000 hosts that is 90,000 events, a tenth of the warm start.
      bus.reduceValidated(events, atMs);
      accepted += events.length;
    });
  });
  bus.flush();
  return accepted;
}
