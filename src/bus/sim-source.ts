import { type FleetSimOptions, FleetSimulator } from '../sim/fleet-sim.js';
import type { FleetBus } from './fleet-bus.js';
import { DEFAULT_WARM_S, warmStart } from './warm-start.js';

/** How often the simulator is ticked (ms of real time). */
const TICK_MS = 100;
/**
 * After a warm start, live ticks begin this much later (ms), once the first
 * view is painted: the first tick that writes the lanes pays for time
 * control's copy of the warmed ones (see Timeline.settle), 0.1–0.2 s at
 * 10,000 hosts. The first tick catches up the time passed.
 */
export const RESUME_AFTER_WARM_MS = 1000;

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
  const warmed = warm > 0 && empty;
  if (warmed) warmStart(bus, sim, warm, bus.clock());
  const tick = () => {
    const events = sim.tick(bus.clock());
    if (events.length > 0) bus.publish(events);
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  const ticking = () => {
    tick();
    timer = setInterval(tick, TICK_MS);
  };
  // Cold, the first tick starts the fleet at once.
  const resume = warmed ? setTimeout(ticking, RESUME_AFTER_WARM_MS) : undefined;
  if (!warmed) ticking();
  return () => {
    clearTimeout(resume);
    clearInterval(timer);
    bus.source = { kind: 'sim', label: `simulator · seed ${sim.seed}`, state: 'stopped', detail: 'stopped' };
  };
}
