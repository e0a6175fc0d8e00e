import { FleetBus } from '../../../src/bus/fleet-bus.js';
import '../../../src/deck/fleet-deck.js';
import type { FleetDeck } from '../../../src/deck/fleet-deck.js';
import { settle } from './fixture-bus.js';

/**
 * A `<fleet-deck>` with a bus of its own (no source) in a `width` × `height`
 * box on the page, the URL hash left alone; remove `box` when done.
 */
export async function mountDeck(width = 800, height = 450): Promise<{ deck: FleetDeck; box: HTMLElement }> {
  const box = document.createElement('div');
  box.style.cssText = `width:${width}px;height:${height}px;position:relative`;
  const deck = document.createElement('fleet-deck');
  deck.noHash = true;
  deck.bus = new FleetBus();
  box.append(deck);
  document.body.append(box);
  await settle(deck);
  return { deck, box };
}
