import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { requestBus } from '../../bus/bus-request.js';
import type { FleetBus } from '../../bus/fleet-bus.js';
import { initialStores, type StoreName, type StoreState } from '../../store/stores.js';

/** A scene host: a Lit element. */
export type SceneHost = ReactiveControllerHost & HTMLElement & { readonly hasUpdated: boolean };

let emptyForServer: StoreState | undefined;
/** The stores a server renders with: empty (made once, never written). */
function serverState(): StoreState {
  emptyForServer ??= initialStores({ embeddingCapacity: 1 });
  return emptyForServer;
}

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
  /**
   * True from connect until the first update of a scene rendered on the
   * server: hydration must render what the server rendered (the empty
   * stores), so the stores' present (a warm start's history, say) shows on
   * the update that follows, never in the hydrating one.
   */
  private hydrating = false;

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
    return this.hydrating ? serverState() : this.bus.state;
  }

  /** The bus clock, for relative times and rolling windows. */
  now(): number {
    return this.bus.clock();
  }

  hostConnected(): void {
    // Content in the shadow root before the first update: a declarative one, rendered on the server
    // (a root the client attaches is empty until Lit renders into it).
    this.hydrating = !this.host.hasUpdated && (this.host.shadowRoot?.childNodes.length ?? 0) > 0;
    this.lifetime = new AbortController();
    // Follow the provider: a deck given another bus (`deck.bus = other`) moves its scenes with it.
    const bus = requestBus(this.host, {
      onChange: (next) => this.listen(next),
      signal: this.lifetime.signal,
    });
    this.listen(bus);
  }

  hostUpdated(): void {
    if (!this.hydrating) return;
    this.hydrating = false;
    this.host.requestUpdate();
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
