import { FleetBus } from './bus/fleet-bus.js';
import { startSimulatorSource } from './bus/sim-source.js';
import { readSourceOptions } from './bus/url-options.js';
import './deck/fleet-deck.js';

/**
 * The deck as a page: reads the URL, builds the bus and its source, mounts
 * `<fleet-deck>` filling the window.
 */
function boot(): void {
  const options = readSourceOptions(new URLSearchParams(location.search));
  const bus = new FleetBus();
  const external = options.ws !== undefined || options.replay !== undefined;
  if (options.simulator ?? !external) startSimulatorSource(bus, options.sim);
  const deck = document.createElement('fleet-deck');
  deck.bus = bus;
  deck.globalKeys = true;
  document.body.append(deck);
  deck.focus();
}

boot();
