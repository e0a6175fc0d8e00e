import { readFileSync } from 'node:fs';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { REFERENCES } from '../../../src/content/references.js';
import { TRAINING_CODE } from '../../../src/content/training-code.js';
import { SCENES } from '../../../src/deck/scene-registry.js';

/**
 * The package as a server-rendering framework meets it: every entry of
 * package.json's `exports` imported in plain Node (no DOM, only what Lit's
 * `node` export brings: @lit-labs/ssr-dom-shim's `customElements`), then each
 * scene rendered with @lit-labs/ssr to declarative shadow DOM.
 *
 * The entries are read from package.json and mapped back to their sources
 * (`./dist/esm/x.js` → `src/x.ts`), so a new entry is covered without editing
 * this test, and an entry whose source is missing fails here.
 */

interface ExportTarget {
  types: string;
  default: string;
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  exports: Record<string, ExportTarget | string>;
  sideEffects: string[];
};
const libFiles = (JSON.parse(readFileSync('tsconfig.lib.json', 'utf8')) as { files: string[] }).files;

/** The ES module entries (`.`, `./bus`, `./scenes/…`): every entry except the bundle and plain files. */
const moduleEntries = Object.entries(pkg.exports).flatMap(([name, target]) =>
  typeof target === 'object' && target.default.startsWith('./dist/esm/') ? [{ name, target }] : [],
);

/** `./dist/esm/scenes/live/live-scene.js` → `src/scenes/live/live-scene.ts`. */
function sourceOf(target: string): string {
  return target.replace(/^\.\/dist\/esm\//, 'src/').replace(/\.js$/, '.ts');
}

/** The browser globals a module might reach for at its top level; Node has none of them. */
const BROWSER_GLOBALS = ['window', 'document', 'HTMLElement', 'Element', 'Node', 'DOMParser', 'location'];

describe('package entries in plain Node', () => {
  const present = BROWSER_GLOBALS.filter((name) => name in globalThis);

  it('runs without browser globals (or this test would prove nothing)', () => {
    expect(present).toEqual([]);
  });

  it('names a module entry for the package, the bus and each scene of the registry', () => {
    const names = moduleEntries.map((e) => e.name);
    expect(names).toContain('.');
    expect(names).toContain('./bus');
    for (const scene of SCENES) expect(names, scene.slug).toContain(`./scenes/${scene.slug}`);
    const bundle = pkg.exports['./bundle'] as ExportTarget;
    expect(bundle.default).toBe('./dist/lib/fleet-deck.js');
  });

  it('builds every entry with tsc, its types beside it', () => {
    for (const { name, target } of moduleEntries) {
      expect(libFiles, `${name}: tsconfig.lib.json emits it`).toContain(sourceOf(target.default));
      expect(target.types, name).toBe(target.default.replace(/\.js$/, '.d.ts'));
    }
  });

  for (const { name, target } of moduleEntries) {
    it(`imports ${name} without throwing`, async () => {
      await expect(import(`../../../${sourceOf(target.default)}`)).resolves.toBeDefined();
    });
  }

  it('defines every public element in the server registry, and no browser global', async () => {
    const main = await import('../../../src/embed.js');
    await main.scenesDefined;
    for (const tag of ['fleet-bus', 'fleet-deck', ...SCENES.map((s) => s.tag)])
      expect(customElements.get(tag), tag).toBeDefined();
    expect(BROWSER_GLOBALS.filter((g) => g in globalThis)).toEqual([]);
  });
});

/** Renders a template to a string on the server. */
async function renderToString(template: unknown): Promise<string> {
  return collectResult(render(template));
}

/** The markup without Lit's hydration comments (`<!--lit-part …-->`), to read it as a browser shows it. */
const withoutMarkers = (markup: string) => markup.replace(/<!--.*?-->/gs, '');

describe('server rendering (@lit-labs/ssr)', () => {
  beforeAll(async () => {
    await Promise.all(SCENES.map((s) => s.load()));
  });

  for (const scene of SCENES) {
    it(`renders <${scene.tag}> to declarative shadow DOM`, async () => {
      const tag = unsafeStatic(scene.tag);
      const out = await renderToString(staticHtml`<${tag}></${tag}>`);
      expect(out).toMatch(
        new RegExp(`^(<!--[^>]*-->)*<${scene.tag}[^>]*><template shadowroot="open" shadowrootmode="open">`),
      );
      expect(out).toContain('<style>');
      expect(out).toMatch(new RegExp(`</template>.*</${scene.tag}>`, 's'));
    });
  }

  it('renders a data scene in its empty state, naming what it waits for, for the browser to take over', async () => {
    const out = await renderToString(html`<fleet-live-scene></fleet-live-scene>`);
    expect(out).toContain('part="empty"');
    expect(withoutMarkers(out)).toContain('Waiting for <code>live_detection</code> events.');
  });

  it('renders the static scenes with their content', async () => {
    // Without a DOMParser the listing is plain text, every line of it; the browser highlights it.
    const code = withoutMarkers(
      await renderToString(html`<fleet-training-code-scene></fleet-training-code-scene>`),
    );
    for (const line of ['from torch import nn', 'class PhaseClassifier(nn.Module):']) {
      expect(TRAINING_CODE.code).toContain(line);
      expect(code).toContain(line);
    }
    const references = withoutMarkers(
      await renderToString(html`<fleet-references-scene></fleet-references-scene>`),
    );
    for (const reference of REFERENCES) expect(references).toContain(reference.year.toString());
    expect(references).toContain(REFERENCES[0]!.title);
  });
});
