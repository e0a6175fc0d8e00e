import { provideBus } from '../../../src/bus/bus-request.js';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import '../../../src/bus/fleet-bus-element.js';
import type { FleetBusElement } from '../../../src/bus/fleet-bus-element.js';

/**
 * Mounts `tag` inside a fresh `<fleet-bus>` (no source) and returns both, so a
 * test publishes events and reads what the scene drew. Pass `bus` to give the
 * scene a bus of the test's own (an injected clock, a small embedding ring).
 */
export async function mountScene<T extends HTMLElement>(
  tag: string,
  options: { width?: number; height?: number; bus?: FleetBus } = {},
): Promise<{ element: T; bus: FleetBus; provider: FleetBusElement; cleanup: () => void }> {
  const provider = document.createElement('fleet-bus');
  const box = document.createElement('div');
  box.style.cssText = `width:${options.width ?? 1600}px;height:${options.height ?? 900}px;position:relative`;
  const lifetime = new AbortController();
  const bus = options.bus ?? provider.bus;
  if (options.bus) provideBus(box, () => bus, lifetime.signal);
  const element = document.createElement(tag) as T;
  box.append(element);
  provider.append(box);
  document.body.append(provider);
  await settle(element);
  return {
    element,
    bus,
    provider,
    cleanup: () => {
      provider.remove();
      lifetime.abort();
    },
  };
}

/** Waits for a Lit element's pending update and one animation frame (bus notification, resize). */
export async function settle(element: HTMLElement, frames = 2): Promise<void> {
  for (let i = 0; i < frames; i++) {
    await new Promise((ok) => requestAnimationFrame(() => ok(undefined)));
    await (element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  }
}

/** Publishes and waits until the scene redrew. */
export async function publishAndSettle(
  bus: FleetBus,
  element: HTMLElement,
  events: unknown,
): Promise<number> {
  const n = bus.publish(events);
  bus.flush();
  await settle(element);
  return n;
}

export { FleetBus };
