import { existsSync, readFileSync } from 'node:fs';
// The analyzer ships no types; its cli() returns the manifest when asked not to write it.
// @ts-expect-error untyped module
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCENES } from '../../src/deck/scene-registry.js';

interface Attribute {
  name: string;
  description?: string;
}
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  description?: string;
  attributes?: Attribute[];
  events?: { name: string; description?: string }[];
  cssProperties?: { name: string; description?: string }[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[]; exports?: { kind: string; name: string }[] }[];
}

/** Every element SCENES.md "Public names" promises. */
const PUBLIC_TAGS = ['fleet-deck', 'fleet-bus', ...SCENES.map((s) => s.tag)];

/** Attributes users write in markup (README, SCENES.md); the manifest must list at least these. */
const REQUIRED_ATTRIBUTES: Record<string, string[]> = {
  'fleet-deck': ['global-keys', 'no-hash', 'index'],
  'fleet-bus': ['sim', 'seed', 'hosts', 'accuracy', 'rate', 'ws', 'replay'],
};

/**
 * The attributes a Lit element's source declares with `@property(...)`: the
 * lower-cased property name, or `attribute: 'name'`; `attribute: false` has none.
 * Read from the source, independently of the analyzer, so a manifest that drops
 * an attribute fails here.
 */
function declaredAttributes(source: string): string[] {
  const out: string[] = [];
  const property = /@property\((\{[^)]*\})?\)\s*(?:(?:override|readonly|declare|public)\s+)*(\w+)/g;
  for (const [, options = '', name] of source.matchAll(property)) {
    if (/attribute:\s*false/.test(options)) continue;
    const explicit = /attribute:\s*'([^']+)'/.exec(options);
    out.push(explicit ? explicit[1]! : name!.toLowerCase());
  }
  return out;
}

let manifest: Manifest;
/** A package module's source: `dist/esm/x.js` → `src/x.ts`. */
const sourceOf = (path: string) => path.replace(/^dist\/esm\//, 'src/').replace(/\.js$/, '.ts');
const elements = new Map<string, { path: string; declaration: Declaration; exported: boolean }>();

beforeAll(async () => {
  // Exactly what `npm run build` runs (same config file), without writing dist/.
  manifest = await cli({
    argv: ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'],
    noWrite: true,
  });
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.customElement || !declaration.tagName) continue;
      const exported = (module.exports ?? []).some(
        (e) => e.kind === 'custom-element-definition' && e.name === declaration.tagName,
      );
      elements.set(declaration.tagName, { path: sourceOf(module.path), declaration, exported });
    }
  }
}, 60_000);

describe('custom-elements.json', () => {
  it('names the modules the package ships (dist/esm/…), each compiled by the library build', () => {
    const references = JSON.stringify(manifest).match(/"(path|module)":"[^"]*"/g) ?? [];
    expect(references.length).toBeGreaterThan(SCENES.length);
    for (const reference of references) {
      const path = reference.replace(/^"(path|module)":"|"$/g, '');
      expect(path, reference).toMatch(/^dist\/esm\/.*\.js$/);
      expect(existsSync(sourceOf(path)), `${path}: its source`).toBe(true);
    }
  });

  it('lists the 16 public elements', () => {
    expect(PUBLIC_TAGS).toHaveLength(16);
    const missing = PUBLIC_TAGS.filter((tag) => !elements.has(tag));
    expect(missing, 'public elements missing from the manifest').toEqual([]);
  });

  it.each(PUBLIC_TAGS)('%s: defined, described, and its module defines the tag', (tag) => {
    const element = elements.get(tag);
    expect(element, `${tag} in the manifest`).toBeDefined();
    expect(element!.exported, `${tag} custom-element-definition export`).toBe(true);
    expect(element!.declaration.description?.trim().length ?? 0, `${tag} class JSDoc`).toBeGreaterThan(20);
  });

  it.each(PUBLIC_TAGS)('%s: lists every attribute its source declares, each described', (tag) => {
    const element = elements.get(tag);
    expect(element, `${tag} in the manifest`).toBeDefined();
    const listed = (element!.declaration.attributes ?? []).map((a) => a.name);
    const source = readFileSync(element!.path, 'utf8');
    const expected = new Set([...declaredAttributes(source), ...(REQUIRED_ATTRIBUTES[tag] ?? [])]);
    for (const name of expected) expect(listed, `${tag} attribute ${name}`).toContain(name);
    const undocumented = (element!.declaration.attributes ?? []).filter((a) => !a.description?.trim());
    expect(
      undocumented.map((a) => a.name),
      `${tag} attributes without a description`,
    ).toEqual([]);
  });

  it.each(SCENES.map((s) => s.tag))(
    '%s: lists the custom properties an embedding page sizes it with',
    (tag) => {
      const properties = (elements.get(tag)?.declaration.cssProperties ?? []).map((p) => p.name);
      expect(properties).toEqual(
        expect.arrayContaining(['--fleet-font-size', '--fleet-scene-padding', '--fleet-bg']),
      );
    },
  );

  it('documents the events the deck fires', () => {
    const events = elements.get('fleet-deck')?.declaration.events ?? [];
    expect(events.map((e) => e.name)).toContain('fleet-scene-change');
  });
});

describe('declaredAttributes (the independent reading of the source)', () => {
  it('follows Lit: lower-cased name, explicit attribute, none for attribute: false', () => {
    const source = `
      @property({ type: Number }) index = 0;
      @property({ type: Boolean, attribute: 'global-keys' }) globalKeys = false;
      @property({ attribute: false }) bus = new FleetBus();
      @property() colorBy = 'truth';
    `;
    expect(declaredAttributes(source)).toEqual(['index', 'global-keys', 'colorby']);
  });
});
