import { readFileSync } from 'node:fs';
import { posix } from 'node:path';

/**
 * @custom-elements-manifest/analyzer: the manifest of the public elements,
 * generated from their classes and JSDoc (`@attr`, `@fires`, `@csspart`,
 * `@cssprop`) into the library build, `dist/lib/custom-elements.json`.
 */

/**
 * Custom properties every scene takes from `sceneStyles`
 * (src/scenes/shared/scene-styles.ts), documented once here rather than in
 * fourteen class comments. An embedding page sets these to fit a scene into a
 * smaller box.
 */
const SCENE_STYLE_PROPERTIES = [
  ['--fleet-bg', 'background colour (dark default #111418)'],
  ['--fleet-fg', 'text colour'],
  ['--fleet-muted', 'secondary text: labels, units, captions'],
  ['--fleet-font', 'font family'],
  ['--fleet-font-size', 'base font size (22px, sized for the 1600×900 stage; smaller for a small box)'],
  ['--fleet-scene-padding', 'padding around the scene (48px 64px)'],
];

/**
 * Adds the shared scene properties to each element class of a module whose
 * source uses `sceneStyles`, directly or through its `NAME-scene.styles.ts`.
 */
function sharedSceneStyles() {
  return {
    name: 'fleet-shared-scene-styles',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        if (!/\bsceneStyles\b|\w+SceneStyles\b/.test(readFileSync(module.path, 'utf8'))) continue;
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement) continue;
          declaration.cssProperties ??= [];
          for (const [name, description] of SCENE_STYLE_PROPERTIES) {
            if (!declaration.cssProperties.some((p) => p.name === name))
              declaration.cssProperties.push({ name, description });
          }
        }
      }
    },
  };
}

/** A source path as the package ships it: `src/x.ts` → `dist/esm/x.js` (tsc's output, tsconfig.lib.json). */
export function packagePath(sourcePath) {
  return sourcePath.replace(/^\/?src\//, 'dist/esm/').replace(/\.ts$/, '.js');
}

/**
 * Rewrites every module path of the manifest from the sources (which the
 * package does not ship) to the package's modules, and makes references
 * written relative to a module (`./bus/fleet-bus.js`) package-relative, as
 * the schema asks. Runs last: the plugins before it read the sources.
 */
function packagePaths() {
  const rewrite = (value, dir) => {
    if (Array.isArray(value)) for (const item of value) rewrite(item, dir);
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'module' && typeof inner === 'string')
          value.module = packagePath(
            inner.startsWith('.') ? posix.join(dir, inner).replace(/\.js$/, '.ts') : inner,
          );
        else rewrite(inner, dir);
      }
  };
  return {
    name: 'fleet-package-paths',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        rewrite(module, posix.dirname(module.path));
        module.path = packagePath(module.path);
      }
    },
  };
}

export default {
  globs: [
    'src/embed.ts',
    'src/bus/fleet-bus-element.ts',
    'src/deck/fleet-deck.ts',
    'src/scenes/*/*-scene.ts',
  ],
  outdir: 'dist/lib',
  litelement: true,
  // package.json names the manifest already; never rewrite it from a build.
  packagejson: false,
  // No third-party manifests (this is what needs rs-module-lexer's native binary).
  dependencies: false,
  plugins: [sharedSceneStyles(), packagePaths()],
};
