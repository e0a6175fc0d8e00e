import { type FleetSimOptions, FleetSimulator } from '../sim/fleet-sim.js';
import type { FleetBus } from './fleet-bus.js';
import { DEFAULT_WARM_S, warmStart } from './warm-start.js';

/** How often the simulator is ticked (ms of real time). */
const TICK_MS = 100;

/** Simulator settings and the warm start's length. */
export interface SimulatorSourceOptions extends FleetSimOptions {
  /** Seconds of seeded history computed before the first paint (default 300; 0 = cold start). */
  readonly warm?: number;
}

/**
 * Feeds `bus` from the built-in simulator until the returned function is
 * called. The simulator is ticked with the bus clock, so a test that injects a
 * clock controls it too. An empty bus first gets `warm` seconds of history
 * (a bus that already holds data — a restarted source — does not, so
 * nothing is counted twice).
 */
export function startSimulatorSource(bus: FleetBus, options: SimulatorSourceOptions = {}): () => void {
  const sim = new FleetSimulator(options);
  const detail = sim.rate === 1 ? undefined : `×${sim.rate}`;
  bus.source = { kind: 'sim', label: `simulator · seed ${sim.seed}`, state: 'live', detail };
  const warm = options.warm ?? DEFAULT_WARM_S;
  const empty = bus.state.live.total === 0 && bus.state.fleet.snapshot === undefined;
  if (warm > 0 && empty) warmStart(bus, sim, warm, bus.clock());
  const tick = () => {
    const events = sim.tick(bus.clock());
    if (events.length > 0) bus.publish(events);
  };
  tick();
  const timer = setInterval(tick, TICK_MS);
  return () => {
    clearInterval(timer);
    bus.source = { kind: 'sim', label: `simulator · seed ${sim.seed}`, state: 'stopped', detail: 'stopped' };
  };
}
