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
 * Least time (ms, wall clock) between two renders of a paced scene while only
 * its stores change: text changing more often than four times a second cannot
 * be read anyway.
 */
export const PACED_RENDER_MS = 250;

/**
 * How a scene that draws every frame keeps its text to a readable pace: while
 * its stores change, it renders (text, labels, its text alternative) at most
 * once per PACED_RENDER_MS and only redraws in between. Flooded, a scene that
 * re-rendered its text on every frame paid for text nobody can read at 60
 * changes a second: Lit updates were a seventh of a flooded #/live's main
 * thread, before the style, layout and paint they caused.
 */
export interface StorePacing {
  /**
   * Redraws what follows the stores every frame (a canvas) from their current
   * state; false when the change must render now (the drawing's structure
   * changed: hosts came or went, say).
   */
  readonly redraw: () => boolean;
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
  /** When the scene last rendered (performance.now()), for pacing. */
  private renderedAt = Number.NEGATIVE_INFINITY;
  /** The render owed at the end of a paced interval, so the text ends on the latest state. */
  private owed?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: SceneHost,
    private readonly stores: readonly StoreName[],
    private readonly pacing?: StorePacing,
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
    this.renderedAt = performance.now();
    clearTimeout(this.owed);
    this.owed = undefined;
    if (!this.hydrating) return;
    this.hydrating = false;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.lifetime?.abort();
    this.lifetime = undefined;
    this.busListeners?.abort();
    this.busListeners = undefined;
    clearTimeout(this.owed);
    this.owed = undefined;
  }

  /**
   * The stores changed: render now, or (paced) redraw now and render when the
   * interval ends. A change someone flushed (tests, print) renders now.
   */
  private changed(flushed: boolean): void {
    const pacing = this.pacing;
    if (pacing && !flushed && this.host.hasUpdated && !this.hydrating) {
      const wait = this.renderedAt + PACED_RENDER_MS - performance.now();
      if (wait > 0 && pacing.redraw()) {
        this.owed ??= setTimeout(() => {
          this.owed = undefined;
          this.host.requestUpdate();
        }, wait);
        return;
      }
    }
    this.host.requestUpdate();
  }

  private listen(bus: FleetBus): void {
    const changedBus = this.busRef !== undefined && this.busRef !== bus;
    this.busListeners?.abort();
    const listeners = new AbortController();
    this.busListeners = listeners;
    this.busRef = bus;
    bus.onChange((changed, flushed) => {
      if (this.stores.some((name) => changed.has(name))) this.changed(flushed);
    }, listeners.signal);
    bus.addEventListener('source', () => this.host.requestUpdate(), { signal: listeners.signal });
    if (changedBus) this.host.requestUpdate();
  }
}
