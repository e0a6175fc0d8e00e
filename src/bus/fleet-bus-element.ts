import { provideBus } from './bus-request.js';
import { FleetBus } from './fleet-bus.js';
import { startSources } from './start-source.js';
import { readSourceOptions } from './url-options.js';

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
 * @attr replay - URL of an NDJSON recording to replay
 * @attr loop - replay: start over after the last line
 */
export class FleetBusElement extends HTMLElement {
  static readonly observedAttributes = [
    'sim',
    'seed',
    'hosts',
    'accuracy',
    'rate',
    'warm',
    'ws',
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
    const fed = options.simulator !== undefined || options.ws !== undefined || options.replay !== undefined;
    this.stopSource = fed ? startSources(this.bus, options) : undefined;
  }
}

customElements.get('fleet-bus') ?? customElements.define('fleet-bus', FleetBusElement);

declare global {
  interface HTMLElementTagNameMap {
    'fleet-bus': FleetBusElement;
  }
}
