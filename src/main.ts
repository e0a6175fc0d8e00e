import { FleetBus } from './bus/fleet-bus.js';
import { startSources } from './bus/start-source.js';
import { readSourceOptions } from './bus/url-options.js';
import { isEmbedFrame, mountEmbedFrame } from './deck/embed-frame.js';
import './deck/fleet-deck.js';

/**
 * The deck as a page: reads the URL, builds the bus and its source, mounts
 * `<fleet-deck>` filling the window — or, with `?embed&scene=SLUG`, that one
 * scene alone for an iframe.
 */
function boot(): void {
  const params = new URLSearchParams(location.search);
  if (isEmbedFrame(params)) {
    mountEmbedFrame(params, document.body);
    return;
  }
  const options = readSourceOptions(params);
  const bus = new FleetBus();
  startSources(bus, options);
  const deck = document.createElement('fleet-deck');
  deck.bus = bus;
  deck.globalKeys = true;
  document.body.append(deck);
  deck.focus();
}

boot();
