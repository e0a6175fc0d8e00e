import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { requestBus } from '../../bus/bus-request.js';
import type { FleetBus } from '../../bus/fleet-bus.js';
import type { StoreName, StoreState } from '../../store/stores.js';

/** A scene host: a Lit element. */
export type SceneHost = ReactiveControllerHost & HTMLElement;

/**
 * Connects a scene to its bus: finds the bus when the element connects,
 * requests an update when one of `stores` changed (at most once per animation
 * frame, as the bus notifies), and lets go when it disconnects. The deck
 * mounts only the scene on stage, so scenes off stage cost nothing.
 */
export class StoreController implements ReactiveController {
  private lifetime?: AbortController;
  /** Listeners on the current bus; replaced when the provider's bus changes. */
  private busListeners?: AbortController;
  private busRef?: FleetBus;

  constructor(
    private readonly host: SceneHost,
    private readonly stores: readonly StoreName[],
  ) {
    host.addController(this);
  }

  /** The bus this scene reads (resolved on connect). */
  get bus(): FleetBus {
    this.busRef ??= requestBus(this.host);
    return this.busRef;
  }

  /** The stores' current state. */
  get state(): StoreState {
    return this.bus.state;
  }

  /** The bus clock, for relative times and rolling windows. */
  now(): number {
    return this.bus.clock();
  }

  hostConnected(): void {
    this.lifetime = new AbortController();
    // Follow the provider: a deck given another bus (`deck.bus = other`) moves its scenes with it.
    const bus = requestBus(this.host, {
      onChange: (next) => this.listen(next),
      signal: this.lifetime.signal,
    });
    this.listen(bus);
  }

  hostDisconnected(): void {
    this.lifetime?.abort();
    this.lifetime = undefined;
    this.busListeners?.abort();
    this.busListeners = undefined;
  }

  private listen(bus: FleetBus): void {
    const changedBus = this.busRef !== undefined && this.busRef !== bus;
    this.busListeners?.abort();
    const listeners = new AbortController();
    this.busListeners = listeners;
    this.busRef = bus;
    bus.onChange((changed) => {
      if (!this.stores.some((name) => changed.has(name))) return;
      this.host.requestUpdate();
    }, listeners.signal);
    bus.addEventListener('source', () => this.host.requestUpdate(), { signal: listeners.signal });
    if (changedBus) this.host.requestUpdate();
  }
}
