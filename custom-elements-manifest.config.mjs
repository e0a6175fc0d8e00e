/**
 * @custom-elements-manifest/analyzer: the manifest of the public elements,
 * generated from their classes and JSDoc (`@attr`, `@fires`, `@csspart`,
 * `@cssprop`) into the library build, `dist/lib/custom-elements.json`.
 */
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
};
