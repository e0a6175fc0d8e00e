import { FleetBus } from './fleet-bus.js';

/** Name of the DOM event a scene fires to find the bus that holds it. */
export const BUS_REQUEST = 'fleet-bus-request';

/** Detail of a bus request: the provider fills in `bus`. */
export interface BusRequestDetail {
  bus?: FleetBus;
}

let pageBus: FleetBus | undefined;

/** The page's default bus, for scenes outside any `<fleet-bus>` or deck. */
export function defaultBus(): FleetBus {
  pageBus ??= new FleetBus();
  return pageBus;
}

/**
 * Finds the bus for `element`: the nearest provider (`<fleet-bus>`,
 * `<fleet-deck>`) above it, across shadow roots, or the page's default bus.
 * Call it when the element is connected.
 */
export function requestBus(element: Element): FleetBus {
  return findProvidedBus(element) ?? defaultBus();
}

/** The bus of the nearest provider above `element`, or undefined when there is none. */
export function findProvidedBus(element: Element): FleetBus | undefined {
  const detail: BusRequestDetail = {};
  element.dispatchEvent(new CustomEvent(BUS_REQUEST, { bubbles: true, composed: true, detail }));
  return detail.bus;
}

/** Makes `element` answer bus requests from below it with `bus()`. */
export function provideBus(element: Element, bus: () => FleetBus, signal: AbortSignal): void {
  element.addEventListener(
    BUS_REQUEST,
    (event) => {
      event.stopPropagation();
      (event as CustomEvent<BusRequestDetail>).detail.bus = bus();
    },
    { signal },
  );
}
