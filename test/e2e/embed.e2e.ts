import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENES } from '../../src/deck/scene-registry.js';
import { coloredPixelsOf } from './support/knn-pixels.js';
import { openSite, pageErrors, type Site, screenshot } from './support/site.js';

/**
 * The site as GitHub Pages serves it (under /fleet/), under its own
 * Content-Security-Policy: the deck, hash routing on reload, the iframe mode,
 * the embedding example (library build, iframe, page-published events) and
 * the library's custom-elements manifest.
 */

let site: Site;
beforeAll(async () => {
  site = await openSite('/fleet/');
});
afterAll(async () => {
  await site?.close();
});

interface Watched {
  page: Page;
  /** Console messages about the Content-Security-Policy (Chromium logs each refusal). */
  cspConsole: string[];
  /** Responses with an HTTP error (404 on a reload, a missing chunk…). */
  httpErrors: string[];
}

/** `securitypolicyviolation` events seen in the page (and its frames), recorded by an init script. */
const VIOLATIONS = '(window.__violations ?? [])';

/** Opens `path` under the site with CSP listeners installed before any script runs. */
async function openWatched(path: string, viewport = { width: 1600, height: 900 }): Promise<Watched> {
  const page = await site.browser.newPage({ viewport });
  const watched: Watched = { page, cspConsole: [], httpErrors: [] };
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = list;
    document.addEventListener('securitypolicyviolation', (e) =>
      list.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
  page.on('console', (m) => {
    if (/content security policy/i.test(m.text())) watched.cspConsole.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) watched.httpErrors.push(`${r.status()} ${r.url()}`);
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(site.server.url + path);
  return watched;
}

async function expectNoViolations(watched: Watched, frame: Page | Frame = watched.page): Promise<void> {
  expect(await frame.evaluate(VIOLATIONS), 'securitypolicyviolation events').toEqual([]);
  expect(watched.cspConsole, 'CSP messages in the console').toEqual([]);
  expect(watched.httpErrors, 'HTTP errors').toEqual([]);
  expect(pageErrors(watched.page), 'page errors').toEqual([]);
}

// Predicates are functions, not strings: Playwright runs string predicates with eval, which the CSP refuses.
const deck = `document.querySelector('fleet-deck')`;
const slugIs = (slug: string) =>
  document.querySelector('fleet-deck')?.shadowRoot?.querySelector<HTMLElement>('.scene')?.dataset.slug ===
  slug;
/** A live scene in this document (iframe mode, the iframe) has drawn at least one lane. */
const liveSceneHasLanes = () =>
  (document.querySelector('fleet-live-scene')?.shadowRoot?.querySelectorAll('.host').length ?? 0) > 0;

describe('the deck from /fleet/ under its Content-Security-Policy', () => {
  it('loads, runs zod without eval, and reloads on #/live without a 404', async () => {
    const watched = await openWatched('#/live');
    const { page } = watched;
    await page.waitForFunction(
      () =>
        (document
          .querySelector('fleet-deck')
          ?.shadowRoot?.querySelector('fleet-live-scene')
          ?.shadowRoot?.querySelectorAll('.host').length ?? 0) > 0,
    );
    expect(await page.evaluate(`${deck}.bus.diagnostics.zodJit`), 'zod JIT under the CSP').toBe(false);
    expect(await page.evaluate(`${deck}.bus.diagnostics.rejected`), 'events rejected').toBe(0);
    expect(await page.evaluate(`${deck}.bus.diagnostics.accepted`)).toBeGreaterThan(0);

    const reload = await page.reload();
    expect(reload?.status(), 'status of the reloaded #/live').toBe(200);
    await page.waitForFunction(slugIs, 'live');
    expect(new URL(page.url()).pathname).toBe('/fleet/');
    await expectNoViolations(watched);
    await page.close();
  });

  it('shows every scene without a CSP violation', async () => {
    const watched = await openWatched('#/title');
    const { page } = watched;
    for (const scene of SCENES) {
      await page.evaluate((slug) => {
        location.hash = `#/${slug}`;
      }, scene.slug);
      await page.waitForFunction(slugIs, scene.slug);
      // Let the scene mount, receive a frame of events and draw.
      await page.waitForTimeout(400);
    }
    await expectNoViolations(watched);
    await page.close();
  }, 120_000);

  // The other e2e tests open pages with the policy bypassed (Playwright's string predicates
  // need eval), so every mode of the page is checked under it here, and that it rendered:
  // a blank page raises no violation either.
  const replayHosts = ['host-01', 'host-02', 'host-03', 'host-04', 'host-05', 'host-06'];
  it.each([
    ['print layout', '?print', ['14 pages at 1600 × 900', ...SCENES.map((s) => s.title)]],
    ['presenter view', '?presenter', ['1 / 14', 'elapsed', `Next · ${SCENES[1]!.title}`]],
    [
      'replay of the shipped recording',
      '?replay=sample-recording.ndjson#/live',
      ['Live detections', 'replay · sample-recording.ndjson', ...replayHosts],
    ],
    ['light theme, knn scene', '?theme=light#/knn', ['Embedding space', ' points · 100,000 kept at most']],
  ])('runs the %s without a CSP violation, and renders it', async (_name, path, texts) => {
    const watched = await openWatched(path);
    await watched.page.waitForLoadState('networkidle');
    await watched.page.waitForTimeout(1500);
    // Everything the page shows as text, through shadow roots (a string: the CSP refuses eval).
    const shown = () =>
      watched.page.evaluate(`(() => {
        const walk = (node) => {
          let text = '';
          for (const child of node.childNodes) {
            if (child.nodeType === 3) text += child.textContent + ' ';
            else if (child.nodeType === 1 && child.localName !== 'style' && child.localName !== 'script') {
              text += walk(child);
              if (child.shadowRoot) text += walk(child.shadowRoot);
            }
          }
          return text;
        };
        return walk(document.body).replace(/\\s+/g, ' ');
      })()`) as Promise<string>;
    let text = await shown();
    for (let end = Date.now() + 10_000; Date.now() < end && !texts.every((t) => text.includes(t)); ) {
      await watched.page.waitForTimeout(200);
      text = await shown();
    }
    for (const expected of texts) expect(text, path).toContain(expected);
    if (path.includes('#/knn')) {
      const coloured = await watched.page.evaluate(
        coloredPixelsOf(`document.querySelector('fleet-deck').shadowRoot.querySelector('fleet-knn-scene')`),
      );
      expect(coloured, 'coloured pixels of the knn points').toBeGreaterThan(100);
    }
    await expectNoViolations(watched);
    await watched.page.close();
  });

  it('would see a violation (the listeners work)', async () => {
    const watched = await openWatched('#/title');
    await watched.page.evaluate(() => {
      const script = document.createElement('script');
      script.src = 'https://example.invalid/not-self.js';
      document.head.append(script);
    });
    await watched.page.waitForFunction(
      () => ((window as unknown as { __violations?: string[] }).__violations?.length ?? 0) > 0,
    );
    expect(await watched.page.evaluate(`${VIOLATIONS}[0]`)).toMatch(/^script-src/);
    expect(watched.cspConsole.length).toBeGreaterThan(0);
    await watched.page.close();
  });
});

describe('iframe mode: ?embed&scene=SLUG', () => {
  it('renders one scene alone, chromeless, filling the frame, with its own simulator', async () => {
    const watched = await openWatched('?embed&scene=live&seed=3', { width: 800, height: 450 });
    const { page } = watched;
    await page.waitForFunction(liveSceneHasLanes);
    expect(await page.evaluate(`document.querySelectorAll('fleet-deck').length`), 'no deck').toBe(0);
    const box = await page.evaluate(() => {
      const r = document.querySelector('fleet-live-scene')!.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
    expect(box.x).toBeCloseTo(0, 0);
    expect(box.y).toBeCloseTo(0, 0);
    expect(box.width).toBeCloseTo(800, 0);
    expect(box.height).toBeCloseTo(450, 0);
    const source = (await page.evaluate(`document.querySelector('.embed-stage').bus.source`)) as {
      kind: string;
      label: string;
    };
    expect(source.kind).toBe('sim');
    expect(source.label).toContain('seed 3');
    await screenshot(page, 'embed-frame-live');
    await expectNoViolations(watched);
    await page.close();
  });

  it('explains a refused ws= URL in the frame, as text', async () => {
    const watched = await openWatched(`?embed&scene=live&ws=${encodeURIComponent('javascript:alert(1)')}`, {
      width: 800,
      height: 450,
    });
    const notice = watched.page.locator('.embed-source');
    await notice.waitFor({ state: 'visible' });
    expect(await notice.textContent()).toBe(
      'WebSocket · stopped · only ws: and wss: URLs are allowed, not javascript:',
    );
    expect(await notice.getAttribute('data-state')).toBe('stopped');
    // No simulator behind it: the scene waits, and says for what.
    expect(
      await watched.page.evaluate(
        `document.querySelector('fleet-live-scene').shadowRoot.querySelector('[part~="empty"]').textContent`,
      ),
    ).toContain('live_detection');
    await screenshot(watched.page, 'embed-frame-refused-ws');
    await expectNoViolations(watched);
    await watched.page.close();
  });

  it('hides the source line while the source is live', async () => {
    const watched = await openWatched('?embed&scene=live', { width: 800, height: 450 });
    await watched.page.waitForFunction(liveSceneHasLanes);
    expect(await watched.page.locator('.embed-source').isHidden()).toBe(true);
    await watched.page.close();
  });

  it('names the scenes it can show when the slug is unknown', async () => {
    const watched = await openWatched('?embed&scene=<b>nope</b>', { width: 800, height: 450 });
    const text = await watched.page.locator('.embed-error').textContent();
    expect(text).toContain('No scene "<b>nope</b>"');
    expect(text).toContain('live');
    expect(await watched.page.locator('.embed-error b').count()).toBe(0);
    await watched.page.close();
  });
});

const scene = (bus: string, tag: string) => `document.querySelector('#${bus} ${tag}')`;
const laneNames = `[...${scene('page-bus', 'fleet-live-scene')}.shadowRoot.querySelectorAll('.host')].map((h) => h.textContent)`;
/** The page-fed live scene has a lane for `host`. */
const pageLane = (host: string) =>
  [
    ...(document.querySelector('#page-bus fleet-live-scene')?.shadowRoot?.querySelectorAll('.host') ?? []),
  ].some((h) => h.textContent === host);
/** The scene is defined, rendered, and past its empty state ("Waiting for … events"). */
const sceneHasData = ([bus, tag]: readonly [string, string]) => {
  const element = document.querySelector(`#${bus} ${tag}`);
  return (
    customElements.get(tag) !== undefined &&
    (element?.shadowRoot?.childElementCount ?? 0) > 0 &&
    !element!.shadowRoot!.querySelector('[part~="empty"]')
  );
};

describe('the library alone', () => {
  it('gives a working live view to a page with one script tag and two elements', async () => {
    // A page of the embedder's own (served by the test, beside the site), exactly as SCENES.md promises.
    const page = await site.browser.newPage({ viewport: { width: 1000, height: 600 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/fleet/embedder/page.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><meta charset="utf-8"><title>embedder</title>
          <script type="module" src="../lib/fleet-deck.js"></script>
          <fleet-bus sim hosts="3"><fleet-live-scene></fleet-live-scene></fleet-bus>`,
      }),
    );
    await page.goto(`${site.server.url}embedder/page.html`);
    await page.waitForFunction(
      () =>
        (document.querySelector('fleet-live-scene')?.shadowRoot?.querySelectorAll('.host').length ?? 0) === 3,
    );
    const size = await page.evaluate(
      () => document.querySelector('fleet-live-scene')!.getBoundingClientRect().height,
    );
    expect(size, 'the scene takes at least its minimum height').toBeGreaterThanOrEqual(240);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the embedding example (examples/embed.html)', () => {
  let watched: Watched;
  let page: Page;
  beforeAll(async () => {
    watched = await openWatched('examples/embed.html', { width: 1400, height: 900 });
    page = watched.page;
  });
  afterAll(async () => {
    await page?.close();
  });

  it('shows the three inline scenes with data, from the library build', async () => {
    const inline = [
      ['sim-bus', 'fleet-hosts-scene'],
      ['sim-bus', 'fleet-models-scene'],
      ['page-bus', 'fleet-live-scene'],
    ] as const;
    for (const [bus, tag] of inline) {
      await page.waitForFunction(sceneHasData, [bus, tag] as const, { timeout: 10_000 });
    }
    // The page loaded the library build, not a bundled copy of the source.
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(scripts.some((url) => url.endsWith('/fleet/lib/fleet-deck.js'))).toBe(true);
    expect(
      await page.evaluate(`document.querySelector('#sim-bus').bus.diagnostics.accepted`),
    ).toBeGreaterThan(0);
  });

  it('shows its own published events: the timer and the button', async () => {
    await page.waitForFunction(pageLane, 'page-timer');
    expect(await page.evaluate(pageLane, 'page-button')).toBe(false);
    await page.selectOption('#phase', 'dormant');
    await page.click('#publish');
    await page.waitForFunction(pageLane, 'page-button');
    const callout = await page.evaluate(
      `${scene('page-bus', 'fleet-live-scene')}.shadowRoot.querySelector('[part~="callout"]').textContent`,
    );
    expect(callout).toMatch(/page-(button|timer)/);
    expect(await page.locator('#published').textContent()).toMatch(/^(\d+) of \1 published events accepted$/);
    // Only the page feeds that bus: every lane is one of its two hosts.
    expect(new Set((await page.evaluate(laneNames)) as string[])).toEqual(
      new Set(['page-timer', 'page-button']),
    );
  });

  it('shows the iframe scene with data', async () => {
    const frame = page.frame({ url: /embed&scene=live/ });
    expect(frame, 'the iframe').toBeTruthy();
    await frame!.waitForFunction(liveSceneHasLanes);
    expect(await frame!.evaluate(`document.querySelectorAll('fleet-deck').length`)).toBe(0);
    await expectNoViolations(watched, frame!);
  });

  it('lets keys move the embedded deck only while it has focus', async () => {
    const index = () => page.evaluate(`document.querySelector('#deck').index`);
    await page.waitForFunction(
      () => (document.querySelector('#deck') as { hasUpdated?: boolean } | null)?.hasUpdated,
    );
    expect(await index()).toBe(3);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('End');
    expect(await index(), 'keys without focus').toBe(3);

    await page.focus('#deck');
    await page.keyboard.press('ArrowRight');
    expect(await index(), 'ArrowRight with focus').toBe(4);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await index(), 'ArrowLeft twice with focus').toBe(2);

    await page.focus('#phase');
    await page.keyboard.press('End');
    expect(await index(), 'keys in another control').toBe(2);
    expect(new URL(page.url()).hash, 'no-hash deck leaves the URL alone').toBe('');
  });

  it('defines all 14 scenes, and the manifest lists every public element with its attributes', async () => {
    // A string, not a function: vitest would rewrite import() inside a function for Node.
    const result = (await page.evaluate(`(async () => {
      const lib = await import(new URL('../lib/fleet-deck.js', location.href).href);
      await lib.scenesDefined;
      const manifest = await (await fetch(new URL('../lib/custom-elements.json', location.href))).json();
      const listed = new Map();
      for (const module of manifest.modules)
        for (const d of module.declarations ?? [])
          if (d.customElement && d.tagName) listed.set(d.tagName, (d.attributes ?? []).map((a) => a.name));
      return ['fleet-deck', 'fleet-bus', ...lib.SCENE_TAGS].map((tag) => {
        const ctor = customElements.get(tag);
        return {
          tag,
          defined: ctor !== undefined,
          inManifest: listed.has(tag),
          observed: [...(ctor?.observedAttributes ?? [])],
          listed: listed.get(tag) ?? [],
        };
      });
    })()`)) as { tag: string; defined: boolean; inManifest: boolean; observed: string[]; listed: string[] }[];
    expect(result.map((r) => r.tag)).toEqual(['fleet-deck', 'fleet-bus', ...SCENES.map((s) => s.tag)]);
    for (const r of result) {
      expect(r.defined, `${r.tag} defined by the library`).toBe(true);
      expect(r.inManifest, `${r.tag} in custom-elements.json`).toBe(true);
      for (const attribute of r.observed)
        expect(r.listed, `${r.tag} documents ${attribute}`).toContain(attribute);
    }
  });

  it('raises no CSP violation', async () => {
    await screenshot(page, 'embed-example');
    await page.screenshot({ path: 'test-results/embed-example-full.png', fullPage: true });
    await expectNoViolations(watched);
  });
});
