/**
 * The example page's own code: loads the library (the built `lib/fleet-deck.js`
 * beside the site, or the source when served by Vite in development), then
 * publishes events of its own on the page bus and hands the simulator bus to
 * the deck in a box. Everything else on the page is plain markup.
 */
import type { FleetBusElement, FleetDeck, PHASES } from '../src/embed.js';

type Library = typeof import('../src/embed.js');
type KnownPhase = (typeof PHASES)[number];

/** The library build, relative to this script's bundle (dist/assets/ → dist/lib/). */
const LIBRARY_PATH = '../lib/fleet-deck.js';
/** How often the page's timer publishes a detection (ms). */
const TIMER_MS = 1000;

function loadLibrary(): Promise<Library> {
  if (import.meta.env.DEV) return import('../src/embed.js');
  // The library build sits beside the site: dist/lib/fleet-deck.js. Resolved from this
  // script's URL, so the page works from any sub-path.
  const url = new URL(LIBRARY_PATH, import.meta.url).href;
  return import(/* @vite-ignore */ url) as Promise<Library>;
}

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
}

async function main(): Promise<void> {
  const lib = await loadLibrary();
  const pageBus = byId<FleetBusElement>('page-bus').bus;
  const simBus = byId<FleetBusElement>('sim-bus').bus;

  // The deck in a box shows the same simulator as section 1.
  byId<FleetDeck>('deck').bus = simBus;

  const select = byId<HTMLSelectElement>('phase');
  for (const phase of lib.PHASES) select.append(new Option(lib.phaseLabel(phase), phase));
  select.value = 'infecting';

  const status = byId<HTMLElement>('published');
  let sent = 0;
  let accepted = 0;
  const publish = (host: string, predicted: KnownPhase, actual?: KnownPhase) => {
    sent++;
    accepted += pageBus.publish({
      type: 'live_detection',
      host_id: host,
      predicted,
      actual,
      confidence: 0.6 + Math.random() * 0.4,
      model: 'gru',
      profile: 'this page',
      latency_ms: 1,
    });
    status.textContent = `${accepted} of ${sent} published events accepted`;
  };

  byId<HTMLFormElement>('publish-form').addEventListener('submit', (event) => {
    event.preventDefault();
    publish('page-button', select.value as KnownPhase);
  });

  // The timer walks through the phases and knows the truth; every fourth guess is wrong.
  let tick = 0;
  const publishTick = () => {
    const phases = lib.PHASES;
    const actual = phases[Math.floor(tick / 3) % phases.length]!;
    const predicted = tick % 4 === 3 ? phases[(phases.indexOf(actual) + 1) % phases.length]! : actual;
    publish('page-timer', predicted, actual);
    tick++;
  };
  const timer = setInterval(publishTick, TIMER_MS);
  publishTick();
  addEventListener('pagehide', () => clearInterval(timer), { once: true });
}

void main();
