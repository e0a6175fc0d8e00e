import { provideBus } from './bus-request.js';
import { FleetBus } from './fleet-bus.js';
import { startSources } from './start-source.js';
import { readSourceOptions } from './url-options.js';

/**
 * `HTMLElement`, or an empty class where there is none (Node, during a server
 * render): importing this module there must not throw. A server renders
 * `<fleet-bus>` as a plain tag and never constructs it; the browser upgrades it.
 */
const ElementBase: typeof HTMLElement = globalThis.HTMLElement ?? (class {} as unknown as typeof HTMLElement);

/**
 * Provides a bus to the scenes inside it. Its attributes choose the source:
 * `sim` runs the built-in simulator (with `seed`, `hosts`, `accuracy`, `rate`);
 * without a source attribute the page publishes itself via `bus.publish()`.
 *
 * @attr sim - run the simulator
 * @attr seed - simulator seed
 * @attr hosts - simulator fleet size (1–10,000)
 * @attr accuracy - simulator model accuracy (0–1)
 * @attr rate - simulator speed factor
 * @attr warm - seconds of simulated history before the first paint (default 300, 0 = cold start)
 * @attr ws - WebSocket URL of an external bus
 * @attr nats - WebSocket URLs (comma-separated) of a NATS cluster
 * @attr subject - NATS: subject prefix (default `fleet`)
 * @attr user - NATS: user name (with `pass`)
 * @attr pass - NATS: password
 * @attr token - NATS: token
 * @attr replay - URL of an NDJSON recording to replay
 * @attr loop - replay: start over after the last line
 */
export class FleetBusElement extends ElementBase {
  static readonly observedAttributes = [
    'sim',
    'seed',
    'hosts',
    'accuracy',
    'rate',
    'warm',
    'ws',
    'nats',
    'subject',
    'user',
    'pass',
    'token',
    'replay',
    'loop',
  ];
  /** The bus this element provides. */
  readonly bus = new FleetBus();
  private stopSource?: () => void;

  constructor() {
    super();
    // Provide at once, so children upgraded before this element connects find it.
    provideBus(this, () => this.bus, new AbortController().signal);
  }

  connectedCallback(): void {
    this.style.display ||= 'contents';
    this.startSource();
    // Scenes server-rendered inside a <fleet-bus> (@lit-labs/ssr) arrive marked
    // `defer-hydration`, which a Lit parent lifts when it hydrates; this element
    // is that parent. Lifted once the bus is provided, so each scene finds it.
    for (const deferred of this.querySelectorAll('[defer-hydration]'))
      deferred.removeAttribute('defer-hydration');
  }

  disconnectedCallback(): void {
    this.stopSource?.();
    this.stopSource = undefined;
  }

  attributeChangedCallback(): void {
    if (!this.isConnected) return;
    this.stopSource?.();
    this.startSource();
  }

  private startSource(): void {
    const params = new URLSearchParams();
    for (const name of FleetBusElement.observedAttributes) {
      const value = this.getAttribute(name);
      if (value !== null) params.set(name, value === '' && name === 'sim' ? '1' : value);
    }
    const options = readSourceOptions(params);
    // An element with no source attribute is fed by its page (bus.publish).
    const fed =
      options.simulator !== undefined ||
      options.ws !== undefined ||
      options.nats !== undefined ||
      options.replay !== undefined;
    this.stopSource = fed ? startSources(this.bus, options) : undefined;
  }
}

// Guarded twice: a page may load both the package and the bundle, and Node has no registry
// unless Lit's server shim installed one.
globalThis.customElements?.get('fleet-bus') ??
  globalThis.customElements?.define('fleet-bus', FleetBusElement);

declare global {
  interface HTMLElementTagNameMap {
    'fleet-bus': FleetBusElement;
  }
}
