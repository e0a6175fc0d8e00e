import { SCENE_TEXT, STACK_TEXT, TITLE_TEXT } from '../content/deck-text.js';
import type { EventType } from '../contract/schemas.js';

/** One scene of the deck, in order. */
export interface SceneEntry {
  /** URL slug: `#/live`. */
  readonly slug: string;
  /** Title for the overview, help and announcements: the scene's own heading, from `src/content`. */
  readonly title: string;
  /** The scene's custom element tag. */
  readonly tag: `fleet-${string}-scene`;
  /** Event types the scene draws; empty for static scenes. */
  readonly waitsFor: readonly EventType[];
  /** Loads the module that defines the element (its own chunk). */
  readonly load: () => Promise<unknown>;
}

/**
 * Each scene's module, by slug. Every import is written out, so the bundler
 * gives each scene its own chunk and a library consumer's bundler can too.
 */
const LOADERS = {
  title: () => import('../scenes/title/title-scene.js'),
  stack: () => import('../scenes/stack/stack-scene.js'),
  collect: () => import('../scenes/collect/collect-scene.js'),
  hosts: () => import('../scenes/hosts/hosts-scene.js'),
  db: () => import('../scenes/db/db-scene.js'),
  baseline: () => import('../scenes/baseline/baseline-scene.js'),
  attacks: () => import('../scenes/attacks/attacks-scene.js'),
  chunking: () => import('../scenes/chunking/chunking-scene.js'),
  models: () => import('../scenes/models/models-scene.js'),
  'training-code': () => import('../scenes/training-code/training-code-scene.js'),
  knn: () => import('../scenes/knn/knn-scene.js'),
  perf: () => import('../scenes/perf/perf-scene.js'),
  live: () => import('../scenes/live/live-scene.js'),
  references: () => import('../scenes/references/references-scene.js'),
} as const;

/** One entry; the tag follows from the slug (`fleet-SLUG-scene`), as each scene's file names it. */
function scene(slug: keyof typeof LOADERS, title: string, waitsFor: readonly EventType[]): SceneEntry {
  return { slug, title, tag: `fleet-${slug}-scene`, waitsFor, load: LOADERS[slug] };
}

/** The fourteen scenes of SCENES.md, in deck order: slug, heading, the event types drawn. */
export const SCENES: readonly SceneEntry[] = [
  scene('title', TITLE_TEXT.title, ['snapshot', 'live_detection']),
  scene('stack', STACK_TEXT.heading, []),
  scene('collect', SCENE_TEXT.collect.heading, ['snapshot', 'episode']),
  scene('hosts', SCENE_TEXT.hosts.heading, ['snapshot', 'episode']),
  scene('db', SCENE_TEXT.db.heading, ['snapshot', 'episode', 'phase_mix']),
  scene('baseline', SCENE_TEXT.baseline.heading, ['phase', 'phase_mix']),
  scene('attacks', SCENE_TEXT.attacks.heading, ['attack_profile']),
  scene('chunking', SCENE_TEXT.chunking.heading, ['prediction']),
  scene('models', SCENE_TEXT.models.heading, ['model_metric']),
  scene('training-code', SCENE_TEXT['training-code'].heading, []),
  scene('knn', SCENE_TEXT.knn.heading, ['embedding']),
  scene('perf', SCENE_TEXT.perf.heading, ['model_perf']),
  scene('live', SCENE_TEXT.live.heading, ['live_detection']),
  scene('references', SCENE_TEXT.references.heading, []),
];

/**
 * The index of the scene a hash names: `#/live` or `#/13` (1-based), or
 * undefined when it names none.
 */
export function sceneIndexFromHash(hash: string): number | undefined {
  const name = decodeURIComponent(hash.replace(/^#\/?/, '')).trim();
  if (name === '') return undefined;
  if (/^\d+$/.test(name)) {
    const n = Number(name);
    return n >= 1 && n <= SCENES.length ? n - 1 : undefined;
  }
  const i = SCENES.findIndex((s) => s.slug === name);
  return i >= 0 ? i : undefined;
}
