import { FleetBus } from './fleet-bus.js';

/** Name of the DOM event a scene fires to find the bus that holds it. */
export const BUS_REQUEST = 'fleet-bus-request';

/** Detail of a bus request: the provider fills in `bus`. */
export interface BusRequestDetail {
  bus?: FleetBus;
  /** Set by a requester that wants to hear when the provider's bus is replaced, until `signal` aborts. */
  follow?: BusFollower;
}

/** A requester that follows its provider's bus. */
export interface BusFollower {
  readonly onChange: (bus: FleetBus) => void;
  readonly signal: AbortSignal;
}

/** What `provideBus` returns: the provider calls `changed()` after replacing its bus. */
export interface BusProvider {
  changed(): void;
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
export function requestBus(element: Element, follow?: BusFollower): FleetBus {
  return findProvidedBus(element, follow) ?? defaultBus();
}

/**
 * The bus of the nearest provider above `element`, or undefined when there is
 * none. With `follow`, the provider calls it with each bus that replaces this one.
 */
export function findProvidedBus(element: Element, follow?: BusFollower): FleetBus | undefined {
  const detail: BusRequestDetail = { follow };
  element.dispatchEvent(new CustomEvent(BUS_REQUEST, { bubbles: true, composed: true, detail }));
  return detail.bus;
}

/**
 * Makes `element` answer bus requests from below it with `bus()`. Call
 * `changed()` on the result after `bus()` starts returning another bus: the
 * requesters that follow (scenes) move to it.
 */
export function provideBus(element: Element, bus: () => FleetBus, signal: AbortSignal): BusProvider {
  const followers = new Set<BusFollower>();
  element.addEventListener(
    BUS_REQUEST,
    (event) => {
      event.stopPropagation();
      const detail = (event as CustomEvent<BusRequestDetail>).detail;
      detail.bus = bus();
      const follow = detail.follow;
      if (!follow || follow.signal.aborted) return;
      followers.add(follow);
      follow.signal.addEventListener('abort', () => followers.delete(follow), { once: true });
    },
    { signal },
  );
  signal.addEventListener('abort', () => followers.clear(), { once: true });
  return {
    changed: () => {
      const next = bus();
      for (const follow of [...followers]) if (!follow.signal.aborted) follow.onChange(next);
    },
  };
}
