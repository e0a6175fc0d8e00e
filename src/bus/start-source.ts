import type { FleetBus } from './fleet-bus.js';
import { startReplaySource } from './replay-source.js';
import { startSimulatorSource } from './sim-source.js';
import type { SourceOptions } from './url-options.js';
import { startWebSocketSource } from './ws-source.js';

/**
 * Starts the sources `options` ask for on `bus` and returns a function that
 * stops them. The simulator runs by default, and stays off when an external
 * source (`ws`, `replay`) is given unless `sim=1` forces it on.
 *
 * The one place that turns URL parameters or `<fleet-bus>` attributes into
 * running sources: the page, the iframe mode and `<fleet-bus>` all use it.
 */
export function startSources(bus: FleetBus, options: SourceOptions): () => void {
  const stops: (() => void)[] = [];
  const external = options.ws !== undefined || options.replay !== undefined;
  if (options.simulator ?? !external) stops.push(startSimulatorSource(bus, options.sim));
  // `rate` scales a replay as it scales the simulator.
  if (options.replay !== undefined)
    stops.push(startReplaySource(bus, options.replay, { rate: options.sim.rate, loop: options.loop }));
  // Last, so the badge names the socket when both run.
  if (options.ws !== undefined) stops.push(startWebSocketSource(bus, options.ws));
  return () => {
    for (const stop of stops) stop();
  };
}
