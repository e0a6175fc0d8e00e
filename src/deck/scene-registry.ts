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

/** The fourteen scenes of SCENES.md, in deck order. */
export const SCENES: readonly SceneEntry[] = [
  {
    slug: 'title',
    title: TITLE_TEXT.title,
    tag: 'fleet-title-scene',
    waitsFor: ['snapshot', 'live_detection'],
    load: () => import('../scenes/title/title-scene.js'),
  },
  {
    slug: 'stack',
    title: STACK_TEXT.heading,
    tag: 'fleet-stack-scene',
    waitsFor: [],
    load: () => import('../scenes/stack/stack-scene.js'),
  },
  {
    slug: 'collect',
    title: SCENE_TEXT.collect.heading,
    tag: 'fleet-collect-scene',
    waitsFor: ['snapshot', 'episode'],
    load: () => import('../scenes/collect/collect-scene.js'),
  },
  {
    slug: 'hosts',
    title: SCENE_TEXT.hosts.heading,
    tag: 'fleet-hosts-scene',
    waitsFor: ['snapshot', 'episode'],
    load: () => import('../scenes/hosts/hosts-scene.js'),
  },
  {
    slug: 'db',
    title: SCENE_TEXT.db.heading,
    tag: 'fleet-db-scene',
    waitsFor: ['snapshot', 'episode', 'phase_mix'],
    load: () => import('../scenes/db/db-scene.js'),
  },
  {
    slug: 'baseline',
    title: SCENE_TEXT.baseline.heading,
    tag: 'fleet-baseline-scene',
    waitsFor: ['phase', 'phase_mix'],
    load: () => import('../scenes/baseline/baseline-scene.js'),
  },
  {
    slug: 'attacks',
    title: SCENE_TEXT.attacks.heading,
    tag: 'fleet-attacks-scene',
    waitsFor: ['attack_profile'],
    load: () => import('../scenes/attacks/attacks-scene.js'),
  },
  {
    slug: 'chunking',
    title: SCENE_TEXT.chunking.heading,
    tag: 'fleet-chunking-scene',
    waitsFor: ['prediction'],
    load: () => import('../scenes/chunking/chunking-scene.js'),
  },
  {
    slug: 'models',
    title: SCENE_TEXT.models.heading,
    tag: 'fleet-models-scene',
    waitsFor: ['model_metric'],
    load: () => import('../scenes/models/models-scene.js'),
  },
  {
    slug: 'training-code',
    title: SCENE_TEXT['training-code'].heading,
    tag: 'fleet-training-code-scene',
    waitsFor: [],
    load: () => import('../scenes/training-code/training-code-scene.js'),
  },
  {
    slug: 'knn',
    title: SCENE_TEXT.knn.heading,
    tag: 'fleet-knn-scene',
    waitsFor: ['embedding'],
    load: () => import('../scenes/knn/knn-scene.js'),
  },
  {
    slug: 'perf',
    title: SCENE_TEXT.perf.heading,
    tag: 'fleet-perf-scene',
    waitsFor: ['model_perf'],
    load: () => import('../scenes/perf/perf-scene.js'),
  },
  {
    slug: 'live',
    title: SCENE_TEXT.live.heading,
    tag: 'fleet-live-scene',
    waitsFor: ['live_detection'],
    load: () => import('../scenes/live/live-scene.js'),
  },
  {
    slug: 'references',
    title: SCENE_TEXT.references.heading,
    tag: 'fleet-references-scene',
    waitsFor: [],
    load: () => import('../scenes/references/references-scene.js'),
  },
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
