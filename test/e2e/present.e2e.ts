import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { PDFDocument } from 'pdf-lib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeDeckPdf } from '../../scripts/pdf.js';
import { speakerNotes } from '../../src/content/deck-text.js';
import { SCENES } from '../../src/deck/scene-registry.js';
import { STAGE_HEIGHT, STAGE_WIDTH } from '../../src/deck/stage.js';
import { openSite, RESULTS_DIR, SITE_DIR, type Site, screenshot } from './support/site.js';

let site: Site;
/**
 * A fresh context per test: its pages share BroadcastChannels and storage only with each other, and
 * AxeBuilder needs pages of a context it can open more pages in.
 */
let context: BrowserContext;
beforeAll(async () => {
  site = await openSite('/fleet/');
});
afterAll(async () => {
  await site?.close();
});
beforeEach(async () => {
  // Playwright evaluates string predicates with eval, which the site's CSP refuses (embed.e2e.ts tests the policy).
  context = await site.browser.newContext({ viewport: { width: 1600, height: 900 }, bypassCSP: true });
});
afterEach(async () => {
  await context?.close();
});

const errors = new WeakMap<Page, string[]>();

/** Opens `path` of the site in a new page of the shared context, collecting page errors. */
async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  watchErrors(page);
  await page.goto(site.server.url + path);
  return page;
}

function watchErrors(page: Page): void {
  const list: string[] = [];
  errors.set(page, list);
  page.on('pageerror', (e) => list.push(e.message));
}

const pageErrors = (page: Page) => errors.get(page) ?? [];

const deckSlug = `document.querySelector('fleet-deck').shadowRoot.querySelector('.scene')?.dataset.slug`;
const presenterIndex = `document.querySelector('fleet-presenter')?.index`;

/** Serious and critical axe violations on the page, as readable lines. */
async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.at(-1)}${n.any[0]?.message ? ` (${n.any[0].message})` : ''}`)
        .join('; ');
      return `${where}: ${v.id} (${v.impact}, ${v.nodes.length} nodes) ${nodes}`;
    });
}

/**
 * Charts without a text alternative in the scene on stage: every `svg` and `canvas` must be labelled
 * (itself or an ancestor with role img/figure and an aria-label, or an svg <title>) or hidden as decoration.
 */
const unlabelledCharts = `(() => {
  const scene = document.querySelector('fleet-deck').shadowRoot.querySelector('.scene');
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      if (el.localName !== 'svg' && el.localName !== 'canvas') continue;
      if (el.localName === 'svg' && el.querySelector(':scope > title')?.textContent.trim()) continue;
      let node = el;
      let ok = false;
      while (node && node !== scene) {
        if (node.getAttribute?.('aria-hidden') === 'true') { ok = true; break; }
        const role = node.getAttribute?.('role');
        const label = (node.getAttribute?.('aria-label') ?? '').trim() || (node.getAttribute?.('aria-labelledby') ?? '').trim();
        if ((role === 'img' || role === 'figure' || node === el) && label) { ok = true; break; }
        node = node.parentNode instanceof ShadowRoot ? node.parentNode.host : node.parentElement;
      }
      if (!ok) found.push(el.localName + (el.getAttribute('class') ? '.' + el.getAttribute('class').split(' ')[0] : ''));
    }
  };
  if (scene.shadowRoot) walk(scene.shadowRoot);
  return [...new Set(found)];
})()`;

/**
 * Controls in the deck (scene on stage and any open overlay) that show no focus indicator when
 * focused from the keyboard: no outline and no box-shadow.
 */
const controlsWithoutFocusRing = `(() => {
  const deck = document.querySelector('fleet-deck');
  const found = [];
  const selector = 'button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])';
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      if (!el.matches(selector) || el.disabled || el.closest('[inert]')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      el.focus({ focusVisible: true });
      const cs = getComputedStyle(el);
      const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
      if (!ring) found.push(el.localName + (el.getAttribute('class') ? '.' + el.getAttribute('class').split(' ')[0] : '') + (el.textContent.trim() ? ' "' + el.textContent.trim().slice(0, 20) + '"' : ''));
    }
  };
  walk(deck.shadowRoot);
  deck.focus();
  return [...new Set(found)];
})()`;

describe('accessibility (axe-core)', () => {
  it.each(['dark', 'light'] as const)(
    'has no serious or critical violation on any scene in the %s theme',
    async (theme) => {
      const page = await open(`?seed=1&theme=${theme}#/${SCENES[0]!.slug}`);
      // Colours are judged at rest: with the simulator live, axe could sample a list item halfway
      // through its 0.5 s arrival fade (seen on CI: db, contrast 4.46 for a muted line that is 7+).
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.waitForFunction(`${deckSlug} === '${SCENES[0]!.slug}'`);
      expect(await page.evaluate(`document.querySelector('fleet-deck').getAttribute('theme')`)).toBe(theme);
      // No role=application anywhere: screen-reader users keep their reading keys.
      expect(await page.evaluate(`document.querySelectorAll('[role=application]').length`)).toBe(0);
      const problems: string[] = [];
      for (const scene of SCENES) {
        await page.evaluate(`location.hash = '#/${scene.slug}'`);
        await page.waitForFunction(`${deckSlug} === '${scene.slug}'`);
        // Let the scene fill with simulator data (and its chunk load) before judging it.
        await page.waitForTimeout(1200);
        problems.push(...(await seriousViolations(page, `${theme} #/${scene.slug}`)));
        const charts = (await page.evaluate(unlabelledCharts)) as string[];
        if (charts.length > 0)
          problems.push(`${theme} #/${scene.slug}: chart without a text alternative: ${charts}`);
        const unringed = (await page.evaluate(controlsWithoutFocusRing)) as string[];
        if (unringed.length > 0)
          problems.push(`${theme} #/${scene.slug}: no visible focus on ${unringed.join(', ')}`);
        if (theme === 'light') await screenshot(page, `present-light-${scene.slug}`);
      }
      // The deck's own overlays and panels, over the last scene.
      for (const [key, name] of [
        ['o', 'overview'],
        ['?', 'help'],
        ['s', 'simulator controls'],
        ['d', 'diagnostics'],
      ] as const) {
        await page.keyboard.press(key);
        await page.waitForTimeout(300);
        problems.push(...(await seriousViolations(page, `${theme} ${name}`)));
        const unringed = (await page.evaluate(controlsWithoutFocusRing)) as string[];
        if (unringed.length > 0)
          problems.push(`${theme} ${name}: no visible focus on ${unringed.join(', ')}`);
        await page.keyboard.press(key === 'o' || key === '?' ? 'Escape' : key);
        await page.waitForTimeout(100);
      }
      expect(pageErrors(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    },
    300_000,
  );

  it('announces scene changes politely and shows focus on the overview', async () => {
    const page = await open('?seed=1#/title');
    await page.waitForFunction(`${deckSlug} === 'title'`);
    await page.keyboard.press('ArrowRight');
    const live = `document.querySelector('fleet-deck').shadowRoot.querySelector('[aria-live=polite]')`;
    await page.waitForFunction(`${live}.textContent.includes('Scene 2 of ${SCENES.length}')`);
    expect(await page.evaluate(`${live}.textContent.trim()`)).toBe(
      `Scene 2 of ${SCENES.length}: ${SCENES[1]!.title}`,
    );
    await page.keyboard.press('o');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(`(() => {
      const el = document.querySelector('fleet-deck').shadowRoot.activeElement;
      const style = getComputedStyle(el);
      return { tag: el.tagName, style: style.outlineStyle, width: style.outlineWidth };
    })()`);
    expect(outline).toEqual({ tag: 'BUTTON', style: 'solid', width: '3px' });
    await page.close();
  });

  it('prefers-reduced-motion stops auto-rotation and every transition', async () => {
    const page = await open('?seed=1#/title');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const moving = `(() => {
      const scene = document.querySelector('fleet-deck').shadowRoot.querySelector('.scene');
      const found = [];
      const long = (list) => list.split(',').some((t) => parseFloat(t) > 0);
      const walk = (root) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.shadowRoot) walk(el.shadowRoot);
          const cs = getComputedStyle(el);
          if (long(cs.transitionDuration)) found.push(el.localName + '.' + (el.getAttribute('class') ?? '') + ' transition');
          if (cs.animationName !== 'none' && long(cs.animationDuration)) found.push(el.localName + ' animation');
        }
      };
      if (scene.shadowRoot) walk(scene.shadowRoot);
      return [...new Set(found)].slice(0, 5);
    })()`;
    const problems: string[] = [];
    for (const scene of SCENES) {
      await page.evaluate(`location.hash = '#/${scene.slug}'`);
      await page.waitForFunction(`${deckSlug} === '${scene.slug}'`);
      await page.waitForTimeout(300);
      const found = (await page.evaluate(moving)) as string[];
      if (found.length > 0) problems.push(`#/${scene.slug}: ${found.join(', ')}`);
    }
    expect(problems).toEqual([]);

    // The 3-D scatter does not auto-rotate under reduced motion, and does when motion is allowed.
    await page.evaluate(`location.hash = '#/knn'`);
    const knn = `document.querySelector('fleet-deck').shadowRoot.querySelector('fleet-knn-scene')`;
    await page.waitForFunction(`${knn}?.view !== undefined`, undefined, { timeout: 10_000 });
    expect(await page.evaluate(`${knn}.view.autoRotating`)).toBe(false);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.waitForFunction(`${knn}.view.autoRotating === true`);
    await page.close();
  });

  it('t switches the theme and ?theme= survives a reload', async () => {
    const page = await open('?seed=1#/live');
    await page.waitForFunction(`${deckSlug} === 'live'`);
    const bg = `getComputedStyle(document.querySelector('fleet-deck').shadowRoot.querySelector('.stage')).backgroundColor`;
    expect(await page.evaluate(bg)).toBe('rgb(17, 20, 24)');
    await page.keyboard.press('t');
    await page.waitForFunction(`${bg} === 'rgb(246, 247, 249)'`);
    expect(new URL(page.url()).searchParams.get('theme')).toBe('light');
    await page.reload();
    await page.waitForFunction(`${deckSlug} === 'live'`);
    expect(await page.evaluate(bg)).toBe('rgb(246, 247, 249)');
    await page.keyboard.press('t');
    await page.waitForFunction(`${bg} === 'rgb(17, 20, 24)'`);
    await page.close();
  });
});

describe('presenter view', () => {
  it('opens on p, and navigating in either window moves the other, across reloads', async () => {
    const deck = await open('?seed=1#/hosts');
    await deck.waitForFunction(`${deckSlug} === 'hosts'`);
    const [presenter] = await Promise.all([context.waitForEvent('page'), deck.keyboard.press('p')]);
    watchErrors(presenter);
    await presenter.setViewportSize({ width: 1280, height: 800 });
    expect(new URL(presenter.url()).searchParams.has('presenter')).toBe(true);
    await presenter.waitForFunction(`${presenterIndex} === 3`);

    // The presenter shows the current scene live (its bus mirrors the deck's), the next scene and the notes.
    const frameScene = (n: number) =>
      `document.querySelector('fleet-presenter').shadowRoot.querySelectorAll('fleet-scene-frame')[${n}].shadowRoot.querySelector('.scene')`;
    await presenter.waitForFunction(`${frameScene(0)}?.localName === 'fleet-hosts-scene'`);
    expect(await presenter.evaluate(`${frameScene(1)}?.dataset.slug`)).toBe('db');
    // Events the deck accepts reach the presenter's scenes (a mirror, not a second simulator).
    await deck.evaluate(
      `document.querySelector('fleet-deck').bus.publish({ type: 'live_detection', host_id: 'mirror-probe', predicted: 'armed' })`,
    );
    await presenter.waitForFunction(
      `document.querySelector('fleet-presenter').bus.state.live.slots.has('mirror-probe')`,
    );
    const notes = `document.querySelector('fleet-presenter').shadowRoot.querySelector('.note-text').textContent`;
    expect(await presenter.evaluate(notes)).toBe(speakerNotes('hosts'));
    const elapsed = `document.querySelector('fleet-presenter').shadowRoot.querySelector('.elapsed').textContent`;
    // The timer runs: elapsed m:ss moves on, the countdown starts from the default 20 minutes.
    const seconds = `((t) => Number(t.split(':')[0]) * 60 + Number(t.split(':')[1]))(${elapsed})`;
    const startedAt = (await presenter.evaluate(seconds)) as number;
    expect(startedAt).toBeLessThan(60);
    await presenter.waitForFunction(`${seconds} >= ${startedAt + 2}`, undefined, { timeout: 6000 });
    expect(
      await presenter.evaluate(
        `document.querySelector('fleet-presenter').shadowRoot.querySelector('.remaining').textContent`,
      ),
    ).toMatch(/^19:[0-5]\d$/);
    await screenshot(presenter, 'presenter-dark');

    // Deck → presenter.
    await deck.bringToFront();
    await deck.keyboard.press('ArrowRight');
    await presenter.waitForFunction(`${presenterIndex} === 4`);
    expect(await presenter.evaluate(notes)).toBe(speakerNotes('db'));

    // Presenter → deck, by key and by button.
    await presenter.bringToFront();
    await presenter.keyboard.press('ArrowRight');
    await deck.waitForFunction(`${deckSlug} === 'baseline'`);
    expect(new URL(deck.url()).hash).toBe('#/baseline');
    await presenter.click('fleet-presenter >> button.next-button');
    await deck.waitForFunction(`${deckSlug} === 'attacks'`);

    // The presenter reloads: it finds the deck again and takes its scene.
    await deck.bringToFront();
    await deck.keyboard.press('End');
    await presenter.reload();
    await presenter.waitForFunction(`${presenterIndex} === ${SCENES.length - 1}`);
    await presenter.waitForFunction(
      `document.querySelector('fleet-presenter').shadowRoot.querySelector('.link').textContent.includes('connected')`,
    );
    await presenter.bringToFront();
    await presenter.keyboard.press('Home');
    await deck.waitForFunction(`${deckSlug} === 'title'`);

    // The deck reloads (on its hash): the presenter follows it, and both directions still work.
    await deck.bringToFront();
    await deck.evaluate(`location.hash = '#/models'`);
    await presenter.waitForFunction(`${presenterIndex} === 8`);
    await deck.reload();
    await deck.waitForFunction(`${deckSlug} === 'models'`);
    await deck.keyboard.press('ArrowLeft');
    await presenter.waitForFunction(`${presenterIndex} === 7`);
    await presenter.bringToFront();
    await presenter.keyboard.press('2');
    await presenter.keyboard.press('Enter');
    await deck.waitForFunction(`${deckSlug} === 'stack'`);

    expect(pageErrors(deck)).toEqual([]);
    expect(pageErrors(presenter)).toEqual([]);
    await deck.close();
    await presenter.close();
  });

  it('offers a link when the browser blocks the presenter window', async () => {
    const page = await open('?seed=1#/live');
    await page.waitForFunction(`${deckSlug} === 'live'`);
    await page.evaluate(`window.open = () => null`);
    await page.keyboard.press('p');
    const link = `document.querySelector('fleet-deck').shadowRoot.querySelector('.presenter-link a')`;
    await page.waitForFunction(`${link} !== null`);
    const href = new URL((await page.evaluate(`${link}.href`)) as string);
    expect(href.searchParams.has('presenter')).toBe(true);
    expect(href.hash).toBe('#/live');
    expect(
      await page.evaluate(`document.querySelector('fleet-deck').shadowRoot.activeElement === ${link}`),
    ).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForFunction(`${link} === null`);
    await page.close();
  });

  it.each(['dark', 'light'] as const)('has no serious or critical axe violation (%s)', async (theme) => {
    const page = await open(`?presenter&theme=${theme}#/live`);
    await page.waitForFunction(`${presenterIndex} === 12`);
    await page.waitForTimeout(800);
    expect(await seriousViolations(page, `presenter ${theme}`)).toEqual([]);
    if (theme === 'light') await screenshot(page, 'presenter-light');
    await page.close();
  });
});

describe('print and PDF', () => {
  it('lays out every scene one per page and fires print-ready', async () => {
    const page = await open('?print&seed=1&run=30');
    // The print layout is its own chunk: the element exists once main.ts has loaded it.
    await page.waitForFunction(`document.querySelector('fleet-print') !== null`);
    const detail = await page.evaluate(
      `new Promise((ok) => document.querySelector('fleet-print').ready.then(ok))`,
    );
    expect(detail).toEqual({ pages: SCENES.length, unsettled: [] });
    expect(await page.evaluate(`document.documentElement.dataset.printReady`)).toBe('true');
    const boxes =
      (await page.evaluate(`[...document.querySelector('fleet-print').shadowRoot.querySelectorAll('.page')]
      .map((p) => { const r = p.getBoundingClientRect(); return [r.width, r.height, p.querySelector('.scene').dataset.slug]; })`)) as [
        number,
        number,
        string,
      ][];
    expect(boxes.map((b) => b[2])).toEqual(SCENES.map((s) => s.slug));
    for (const [w, h] of boxes) expect([w, h]).toEqual([STAGE_WIDTH, STAGE_HEIGHT]);
    // The live scene holds the data of the seeded run, not an empty state.
    const lanes = await page.evaluate(
      `document.querySelector('fleet-print').shadowRoot.querySelector('fleet-live-scene').shadowRoot.querySelectorAll('.host').length`,
    );
    expect(lanes).toBe(5);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('npm run pdf writes a 14-page PDF at stage size, the same every time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-pdf-'));
    try {
      const first = await makeDeckPdf({
        siteDir: SITE_DIR,
        build: false,
        out: join(dir, 'a.pdf'),
        seed: 1,
        run: 60,
      });
      expect(first.unsettled).toEqual([]);
      expect(first.pageErrors).toEqual([]);
      const doc = await PDFDocument.load(readFileSync(first.path));
      expect(doc.getPageCount()).toBe(SCENES.length);
      for (const page of doc.getPages()) {
        // 1600 × 900 CSS px at 96 px and 72 pt to the inch.
        expect(page.getSize()).toEqual({ width: (STAGE_WIDTH * 72) / 96, height: (STAGE_HEIGHT * 72) / 96 });
        expect(page.getCropBox().height).toBe((STAGE_HEIGHT * 72) / 96);
      }

      const pdftoppm = spawnSync('pdftoppm', ['-v']).error === undefined;
      expect(pdftoppm, 'pdftoppm (poppler-utils) renders the pages for review').toBe(true);
      const second = await makeDeckPdf({
        siteDir: SITE_DIR,
        build: false,
        out: join(dir, 'b.pdf'),
        seed: 1,
        run: 60,
      });
      const render = (pdf: string, prefix: string) => {
        execFileSync('pdftoppm', ['-r', '48', '-png', pdf, join(dir, prefix)]);
        return SCENES.map((_, i) => join(dir, `${prefix}-${String(i + 1).padStart(2, '0')}.png`));
      };
      const a = render(first.path, 'a');
      const b = render(second.path, 'b');
      mkdirSync(RESULTS_DIR, { recursive: true });
      execFileSync('pdftoppm', ['-r', '96', '-png', first.path, resolve(RESULTS_DIR, 'pdf-page')]);
      for (let i = 0; i < SCENES.length; i++) {
        // A blank page compresses to almost nothing; a drawn scene does not.
        expect(statSync(a[i]!).size, `page ${i + 1} has content`).toBeGreaterThan(3000);
        expect(
          readFileSync(a[i]!).equals(readFileSync(b[i]!)),
          `page ${i + 1} (${SCENES[i]!.slug}) is reproducible`,
        ).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
