import { FleetBus } from '../../bus/fleet-bus.js';
import { startSources } from '../../bus/start-source.js';
import { readSourceOptions } from '../../bus/url-options.js';
import { FleetSimulator } from '../../sim/fleet-sim.js';
import { STAGE_HEIGHT, STAGE_WIDTH } from '../stage.js';
import { themeFromParams } from '../theme.js';
import { fastForward, type ManualClock, printRunSeconds } from './fast-forward.js';
import './fleet-print.js';
import type { FleetPrint } from './fleet-print.js';

/** The document rules a print needs: pages exactly the stage size, no margins, so no blank pages. */
export const PRINT_PAGE_CSS = `
@page { size: ${STAGE_WIDTH}px ${STAGE_HEIGHT}px; margin: 0; }
html, body { margin: 0; padding: 0; }
@media print { html, body { background: none !important; } fleet-print { padding: 0 !important; } }
`;

/**
 * The print layout as a page. With the simulator as the source (the
 * default), the seeded simulator runs `run=` seconds (default 90) of
 * simulated time at once and the clock stops there, so the same URL always
 * prints the same pages. With `ws=` or `replay=` the sources run live and the
 * pages hold whatever has arrived when printed.
 */
export function mountPrint(params: URLSearchParams, root: HTMLElement): FleetPrint {
  // A constructed sheet: the page's Content-Security-Policy refuses inline <style> elements.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(PRINT_PAGE_CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

  const options = readSourceOptions(params);
  const external = options.ws !== undefined || options.replay !== undefined;
  const print = document.createElement('fleet-print');
  print.theme = themeFromParams(params);
  if (!external && options.simulator !== false) {
    const clock: ManualClock = { now: 0 };
    const bus = new FleetBus({ now: () => clock.now });
    const sim = new FleetSimulator(options.sim);
    const seconds = printRunSeconds(params);
    fastForward(bus, sim, clock, seconds);
    bus.source = {
      kind: 'sim',
      label: `simulator · seed ${sim.seed}`,
      state: 'live',
      detail: `${seconds} s simulated`,
    };
    print.bus = bus;
    print.dataNote = `simulator seed ${sim.seed}, ${seconds} s simulated`;
  } else {
    const bus = new FleetBus();
    startSources(bus, options);
    print.bus = bus;
    print.dataNote = 'live data as it arrives';
  }
  document.title = 'Print — Fleet deck';
  root.append(print);
  return print;
}
