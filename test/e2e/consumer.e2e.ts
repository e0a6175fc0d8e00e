import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.js';
import { RESULTS_DIR } from './support/site.js';
import { type StaticServer, serveStatic } from './support/static-server.js';

/**
 * The package as a user gets it: `npm pack` (of the built dist/), installed
 * from the tarball into a throwaway app in a temporary folder, whose server
 * step renders `<fleet-bus sim><fleet-live-scene>` with @lit-labs/ssr, built
 * by Vite and opened in Chromium, where the scene hydrates and shows the
 * simulator's data. The install reads npm's cache first (`--prefer-offline`):
 * every package it needs is one this repository installs too.
 */

const run = promisify(execFile);
const ROOT = resolve('.');
const rootPackage = JSON.parse(readFileSync('package.json', 'utf8')) as {
  name: string;
  devDependencies: Record<string, string>;
};

/** The environment without `npm run`'s npm_* variables, which would point a nested npm at this repository. */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));

/** The exact version this repository locks for `name` (so the app installs what the cache holds). */
function lockedVersion(name: string): string {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
    packages: Record<string, { version: string }>;
  };
  const entry = lock.packages[`node_modules/${name}`];
  if (!entry) throw new Error(`${name} is not in package-lock.json`);
  return entry.version;
}

const INDEX_TEMPLATE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>fleet-deck consumer</title>
    <link rel="icon" href="data:," />
    <script type="module" src="./main.js"></script>
  </head>
  <body>
    <div style="width: 960px; height: 540px"><!--ssr--></div>
  </body>
</html>
`;

/** The browser side: hydration support before Lit, then only the bus and the one scene. */
const MAIN = `import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { FleetBus } from 'fleet-deck/bus';
import 'fleet-deck/scenes/live';

window.consumer = { busIsClass: typeof FleetBus === 'function' };
`;

/** The server side: plain Node, the package's main entry and one scene, rendered with @lit-labs/ssr. */
const PRERENDER = `import { readFileSync, writeFileSync } from 'node:fs';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { SCENE_TAGS } from 'fleet-deck';
import 'fleet-deck/scenes/live';

if (SCENE_TAGS.length !== 14) throw new Error('SCENE_TAGS: ' + SCENE_TAGS.length);
const markup = await collectResult(
  render(html\`<fleet-bus sim seed="3" hosts="6"><fleet-live-scene></fleet-live-scene></fleet-bus>\`),
);
writeFileSync('index.html', readFileSync('index.template.html', 'utf8').replace('<!--ssr-->', markup));
`;

/** A TypeScript user of the package: each entry resolves to its declarations, and they type what it uses. */
const TYPED = `import { SCENE_TAGS, type StoreName } from 'fleet-deck';
import { FleetBus, FleetBusElement } from 'fleet-deck/bus';
import type { FleetLiveScene } from 'fleet-deck/scenes/live';
import type { FleetKnnScene } from 'fleet-deck/scenes/knn';

const bus: FleetBus = new FleetBus();
const accepted: number = bus.publish({ type: 'live_detection', host_id: 'web-1', predicted: 'armed' });
const live: FleetLiveScene = document.createElement('fleet-live-scene');
const knn: FleetKnnScene | null = document.querySelector('fleet-knn-scene');
const provider: FleetBusElement = document.createElement('fleet-bus');
const store: StoreName | undefined = undefined;
export const used = [SCENE_TAGS.length, accepted, live, knn, provider.bus, store];
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'bundler',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    strict: true,
    noEmit: true,
    // Declarations are checked as they are used; checking every .d.ts (Lit's, the DOM's) takes a minute here.
    skipLibCheck: true,
    types: [],
  },
  files: ['typed.ts'],
};

let work: string;
let typeErrors: string;
let app: string;
let packed: { filename: string; files: { path: string }[] };
let server: StaticServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  if (!existsSync('dist/esm/embed.js') || !existsSync('dist/lib/fleet-deck.js'))
    throw new Error('dist/esm or dist/lib is missing: run `npm run build` first');
  work = mkdtempSync(join(tmpdir(), 'fleet-consumer-'));
  // --ignore-scripts: prepack would build again; `npm test` has just built dist/.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
    cwd: ROOT,
    env: cleanEnv,
  });
  [packed] = JSON.parse(stdout) as (typeof packed)[];

  app = join(work, 'app');
  mkdirSync(app);
  const appPackage = {
    name: 'fleet-deck-consumer',
    private: true,
    type: 'module',
    dependencies: {
      [rootPackage.name]: `file:../${packed.filename}`,
      '@lit-labs/ssr': rootPackage.devDependencies['@lit-labs/ssr'],
      '@lit-labs/ssr-client': lockedVersion('@lit-labs/ssr-client'),
    },
  };
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(appPackage, null, 2)}\n`);
  writeFileSync(join(app, 'index.template.html'), INDEX_TEMPLATE);
  writeFileSync(join(app, 'main.js'), MAIN);
  writeFileSync(join(app, 'prerender.mjs'), PRERENDER);
  writeFileSync(join(app, 'typed.ts'), TYPED);
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(TSCONFIG));

  const npmOptions = { cwd: app, env: cleanEnv, maxBuffer: 16 * 1024 * 1024 };
  await run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'],
    npmOptions,
  );
  // The type check runs beside the server render and the build.
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const typecheck = run(process.execPath, [tsc, '-p', 'tsconfig.json'], npmOptions).then(
    () => '',
    (error: { stdout?: string }) => error.stdout || String(error),
  );
  await run(process.execPath, ['prerender.mjs'], npmOptions);
  // This repository's Vite, run on the app's folder: the app resolves fleet-deck and Lit from its own node_modules.
  await run(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    npmOptions,
  );

  typeErrors = await typecheck;
  server = await serveStatic(join(app, 'dist'), '/');
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed package in a Vite app', () => {
  it('packs the ES modules, their types, the bundle and the licence, not the site or the sources', () => {
    const files = packed.files.map((f) => f.path);
    for (const file of [
      'package.json',
      'LICENSE',
      'README.md',
      'dist/esm/embed.js',
      'dist/esm/embed.d.ts',
      'dist/esm/bus/public.js',
      'dist/esm/scenes/live/live-scene.js',
      'dist/esm/scenes/live/live-scene.d.ts',
      'dist/lib/fleet-deck.js',
      'dist/lib/custom-elements.json',
    ])
      expect(files, file).toContain(file);
    // The manifest's modules are the package's own (tools resolve them in node_modules/fleet-deck).
    const manifest = readFileSync('dist/lib/custom-elements.json', 'utf8');
    const modules = new Set([...manifest.matchAll(/"(?:path|module)": "([^"]+)"/g)].map((m) => m[1]!));
    expect(modules.size).toBeGreaterThan(16);
    for (const module of modules) expect(files, `custom-elements.json names ${module}`).toContain(module);
    expect(
      files.filter((f) => f.startsWith('src/') || f.startsWith('dist/assets/') || f === 'dist/index.html'),
    ).toEqual([]);
  });

  it('types every import a TypeScript app writes', () => {
    expect(typeErrors).toBe('');
  });

  it('renders the scene on the server as declarative shadow DOM', () => {
    const html = readFileSync(join(app, 'dist/index.html'), 'utf8');
    expect(html).toMatch(
      /<fleet-live-scene defer-hydration><template shadowroot="open" shadowrootmode="open">/,
    );
    expect(html.replace(/<!--.*?-->/gs, '')).toContain('Waiting for <code>live_detection</code> events.');
  });

  it('bundles no three.js for a page without the knn scene', () => {
    const assets = join(app, 'dist/assets');
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    for (const file of js)
      expect(readFileSync(join(assets, file), 'utf8'), file).not.toContain('WebGLRenderer');
  });

  it('hydrates the server-rendered scene inside <fleet-bus sim>, which then shows data', async () => {
    const page: Page = await browser!.newPage({ viewport: { width: 1000, height: 600 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${server!.url}index.html`);
    await page.waitForFunction(
      () => {
        const root = document.querySelector('fleet-live-scene')?.shadowRoot;
        return root !== null && root !== undefined && root.querySelector('[part~="empty"]') === null;
      },
      undefined,
      { timeout: 30_000 },
    );
    const state = await page.evaluate(() => {
      const scene = document.querySelector('fleet-live-scene')!;
      const root = scene.shadowRoot!;
      const comments: string[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
      while (walker.nextNode()) comments.push(walker.currentNode.textContent ?? '');
      return {
        deferred: scene.hasAttribute('defer-hydration'),
        callout: root.querySelector('[part~="callout"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
        // Hydration keeps the server's part markers; a fresh client render would have replaced them.
        serverMarkers: comments.some((c) => c.startsWith('lit-part')),
        litCopies: (window as unknown as { litElementVersions?: string[] }).litElementVersions?.length,
        busIsClass: (window as unknown as { consumer?: { busIsClass: boolean } }).consumer?.busIsClass,
      };
    });
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: resolve(RESULTS_DIR, 'consumer-live.png') });
    expect(state.deferred).toBe(false);
    expect(state.callout).toMatch(/host-\d+/);
    expect(state.serverMarkers).toBe(true);
    expect(state.litCopies, 'one copy of Lit in the app').toBe(1);
    expect(state.busIsClass).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
