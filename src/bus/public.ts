/**
 * The bus alone (`fleet-deck/bus`): defines `<fleet-bus>` and exports the bus
 * API, without the deck or any scene. A page that shows one scene imports
 * this and that scene's module (`fleet-deck/scenes/live`), nothing else.
 */
import './fleet-bus-element.js';

export { defaultBus } from './bus-request.js';
export type { BusDiagnostics } from './diagnostics.js';
export {
  type AcceptedEvent,
  FleetBus,
  type FleetBusOptions,
  type StoreChangeEvent,
} from './fleet-bus.js';
export { FleetBusElement } from './fleet-bus-element.js';
export type { SourceInfo } from './source-info.js';
