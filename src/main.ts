import { FleetBus } from './bus/fleet-bus.js';
import { startSources } from './bus/start-source.js';
import { readSourceOptions } from './bus/url-options.js';
import './deck/fleet-deck.js';

/**
 * The deck as a page: reads the URL, builds the bus and its source, mounts
 * `<fleet-deck>` filling the window.
 */
function boot(): void {
  const options = readSourceOptions(new URLSearchParams(location.search));
  const bus = new FleetBus();
  startSources(bus, options);
  const deck = document.createElement('fleet-deck');
  deck.bus = bus;
  deck.globalKeys = true;
  document.body.append(deck);
  deck.focus();
}

boot();
