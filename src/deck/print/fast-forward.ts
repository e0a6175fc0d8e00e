import type { FleetBus } from '../../bus/fleet-bus.js';
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
 * Runs `sim` for `seconds` of simulated time in `stepMs` steps, publishing
 * each step's events into `bus` at that step's time, as the live page would
 * over real time, but at once and with no timer jitter: the same seed gives
 * the same stores. The run ends at `endMs` and the clock stays there.
 * Returns the number of events accepted.
 */
export function fastForward(
  bus: FleetBus,
  sim: FleetSimulator,
  clock: ManualClock,
  seconds: number,
  endMs = PRINT_EPOCH_MS,
  stepMs = 100,
): number {
  const steps = Math.max(0, Math.round((seconds * 1000) / stepMs));
  let accepted = 0;
  for (let i = 0; i <= steps; i++) {
    clock.now = endMs - (steps - i) * stepMs;
    const events = sim.tick(clock.now);
    if (events.length > 0) accepted += bus.publish(events);
  }
  clock.now = endMs;
  bus.flush();
  return accepted;
}

/** Reads `run=SECONDS` (1…3600), or the default. */
export function printRunSeconds(params: URLSearchParams): number {
  const raw = params.get('run');
  const value = raw === null || raw.trim() === '' ? Number.NaN : Number(raw);
  return Number.isFinite(value) ? Math.min(3600, Math.max(1, value)) : DEFAULT_PRINT_RUN_S;
}
