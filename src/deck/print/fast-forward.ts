import type { FleetBus } from '../../bus/fleet-bus.js';
import { warmStart } from '../../bus/warm-start.js';
import type { FleetSimulator } from '../../sim/fleet-sim.js';

/** A clock that only moves when told: the print layout's bus reads it. */
export interface ManualClock {
  now: number;
}

/**
 * The instant the print layout's simulated run ends on: fixed, so the same
 * seed gives the same pages (relative times, rolling windows and episode
 * clocks all derive from it), whenever the PDF is made.
 */
export const PRINT_EPOCH_MS = Date.UTC(2025, 0, 15, 9, 30, 0);

/** Simulated seconds before the print layout draws, when the URL gives no `run=`. */
export const DEFAULT_PRINT_RUN_S = 90;

/**
 * Runs `sim` for `seconds` of simulated time ending at `endMs` and publishes
 * it into `bus`, as the live page would have received it over real time but
 * at once: the warm start's mechanism (`warmStart`), with the clock stopped
 * at `endMs` so the same seed gives the same stores. Returns the number of
 * events accepted.
 */
export function fastForward(
  bus: FleetBus,
  sim: FleetSimulator,
  clock: ManualClock,
  seconds: number,
  endMs = PRINT_EPOCH_MS,
): number {
  clock.now = endMs;
  return warmStart(bus, sim, seconds, endMs);
}

/** Reads `run=SECONDS` (1…3600), or the default. */
export function printRunSeconds(params: URLSearchParams): number {
  const raw = params.get('run');
  const value = raw === null || raw.trim() === '' ? Number.NaN : Number(raw);
  return Number.isFinite(value) ? Math.min(3600, Math.max(1, value)) : DEFAULT_PRINT_RUN_S;
}
