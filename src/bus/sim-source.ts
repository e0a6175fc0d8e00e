import { type FleetSimOptions, FleetSimulator } from '../sim/fleet-sim.js';
import type { FleetBus } from './fleet-bus.js';

/** How often the simulator is ticked (ms of real time). */
const TICK_MS = 100;

/**
 * Feeds `bus` from the built-in simulator until the returned function is
 * called. The simulator is ticked with the bus clock, so a test that injects a
 * clock controls it too.
 */
export function startSimulatorSource(bus: FleetBus, options: FleetSimOptions = {}): () => void {
  const sim = new FleetSimulator(options);
  const detail = sim.rate === 1 ? undefined : `×${sim.rate}`;
  bus.source = { kind: 'sim', label: `simulator · seed ${sim.seed}`, state: 'live', detail };
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
