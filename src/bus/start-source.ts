import type { FleetBus } from './fleet-bus.js';
import type { NatsSettings } from './nats-settings.js';
import { startReplaySource } from './replay-source.js';
import { startSimulatorSource } from './sim-source.js';
import type { SourceOptions } from './url-options.js';
import { startWebSocketSource } from './ws-source.js';

/**
 * Starts the sources `options` ask for on `bus` and returns a function that
 * stops them. The simulator runs by default, and stays off when an external
 * source (`ws`, `nats`, `replay`) is given unless `sim=1` forces it on.
 *
 * The one place that turns URL parameters or `<fleet-bus>` attributes into
 * running sources: the page, the iframe mode and `<fleet-bus>` all use it.
 */
export function startSources(bus: FleetBus, options: SourceOptions): () => void {
  const stops: (() => void)[] = [];
  const external = options.ws !== undefined || options.replay !== undefined || options.nats !== undefined;
  if (options.simulator ?? !external) stops.push(startSimulatorSource(bus, options.sim));
  // `rate` scales a replay as it scales the simulator.
  if (options.replay !== undefined)
    stops.push(startReplaySource(bus, options.replay, { rate: options.sim.rate, loop: options.loop }));
  // Last, so the badge names the socket when both run.
  if (options.ws !== undefined) stops.push(startWebSocketSource(bus, options.ws));
  if (options.nats !== undefined) stops.push(startNatsSourceLazily(bus, options.nats));
  return () => {
    for (const stop of stops) stop();
  };
}

/**
 * The NATS client is its own chunk, fetched only when `?nats=` is used, so
 * the initial JavaScript stays as it was. Stopping before the chunk arrives
 * stops it as soon as it does.
 */
function startNatsSourceLazily(bus: FleetBus, settings: NatsSettings): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  bus.source = { kind: 'nats', label: 'NATS', state: 'connecting', detail: 'loading the NATS client' };
  import('./nats-source.js').then(
    ({ startNatsSource }) => {
      if (!stopped) stop = startNatsSource(bus, settings);
    },
    (error: unknown) => {
      if (stopped) return;
      const why = error instanceof Error ? error.message.slice(0, 120) : 'unknown error';
      bus.source = {
        kind: 'nats',
        label: 'NATS',
        state: 'stopped',
        detail: `could not load the NATS client: ${why}`,
      };
    },
  );
  return () => {
    stopped = true;
    stop?.();
  };
}
