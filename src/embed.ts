/**
 * The library entry for other pages (`dist/lib/fleet-deck.js`): importing it
 * defines every public element — `<fleet-deck>`, `<fleet-bus>` and each
 * `<fleet-SLUG-scene>` of the scene registry — and exports the bus API.
 *
 * ```html
 * <script type="module" src="fleet-deck.js"></script>
 * <fleet-bus sim><fleet-live-scene></fleet-live-scene></fleet-bus>
 * ```
 *
 * Scene modules are the deck's own lazily loaded chunks; they are all
 * requested at once here (an embedding page may write any tag), and heavy
 * code inside them (three.js for the knn scene) still loads on demand.
 */
import './bus/fleet-bus-element.js';
import './deck/fleet-deck.js';
import { SCENES } from './deck/scene-registry.js';

export { defaultBus } from './bus/bus-request.js';
export type { BusDiagnostics } from './bus/diagnostics.js';
export {
  type AcceptedEvent,
  FleetBus,
  type FleetBusOptions,
  type StoreChangeEvent,
} from './bus/fleet-bus.js';
export { FleetBusElement } from './bus/fleet-bus-element.js';
export type { SourceInfo } from './bus/source-info.js';
export { modelColor, phaseColor, phaseGlyph } from './contract/palette.js';
export { EVENT_TYPES, type EventOf, type EventType, type FleetEvent } from './contract/schemas.js';
export { MODELS, PHASES, phaseLabel } from './contract/vocabulary.js';
export { ZOD_JIT } from './contract/zod-mode.js';
export { FleetDeck } from './deck/fleet-deck.js';
export { SCENES, type SceneEntry } from './deck/scene-registry.js';
// The scene classes, as types only: their modules stay lazily loaded chunks, and the
// declarations carry each one's HTMLElementTagNameMap entry.
export type { FleetAttacksScene } from './scenes/attacks/attacks-scene.js';
export type { FleetBaselineScene } from './scenes/baseline/baseline-scene.js';
export type { FleetChunkingScene } from './scenes/chunking/chunking-scene.js';
export type { FleetCollectScene } from './scenes/collect/collect-scene.js';
export type { FleetDbScene } from './scenes/db/db-scene.js';
export type { FleetHostsScene } from './scenes/hosts/hosts-scene.js';
export type { FleetKnnScene } from './scenes/knn/knn-scene.js';
export type { FleetLiveScene } from './scenes/live/live-scene.js';
export type { FleetModelsScene } from './scenes/models/models-scene.js';
export type { FleetPerfScene } from './scenes/perf/perf-scene.js';
export type { FleetReferencesScene } from './scenes/references/references-scene.js';
export type { FleetStackScene } from './scenes/stack/stack-scene.js';
export type { FleetTitleScene } from './scenes/title/title-scene.js';
export type { FleetTrainingCodeScene } from './scenes/training-code/training-code-scene.js';
export type { StoreName, StoreState } from './store/stores.js';

/** The tags of every scene element, in deck order. */
export const SCENE_TAGS: readonly string[] = SCENES.map((s) => s.tag);

/**
 * Resolves once every scene element of the registry is defined (their chunks
 * loaded). Elements upgrade by themselves as they are defined; await this only
 * to use a scene's properties right after creating it.
 */
export const scenesDefined: Promise<void> = Promise.all(SCENES.map((scene) => scene.load())).then(
  () => undefined,
);
