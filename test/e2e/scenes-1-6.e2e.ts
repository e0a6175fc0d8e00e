import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, pageErrors, type Site, screenshot } from './support/site.js';

let site: Site;
beforeAll(async () => {
  site = await openSite('/fleet/');
});
afterAll(async () => {
  await site?.close();
});

/** An expression for the shadow root of the scene element `tag` on the deck's stage. */
const sceneRoot = (tag: string) =>
  `document.querySelector('fleet-deck')?.shadowRoot?.querySelector('${tag}')?.shadowRoot`;

/**
 * Per scene: a predicate (browser-side expression) that holds once the
 * scene shows simulator data, and a value read back to check it is real.
 */
const SCENES = [
  {
    slug: 'title',
    ready: `/^\\d+ \\/ \\d+$/.test((${sceneRoot('fleet-title-scene')}?.querySelector('.hosts .value')?.textContent ?? '').replace(/\\s+/g, ' ').trim())
      && !!${sceneRoot('fleet-title-scene')}?.querySelector('.detections .value')`,
    read: `${sceneRoot('fleet-title-scene')}.querySelector('.source .value').textContent`,
    expected: /simulator/,
  },
  {
    slug: 'stack',
    ready: `(${sceneRoot('fleet-stack-scene')}?.querySelectorAll('g.node').length ?? 0) === 7`,
    read: `${sceneRoot('fleet-stack-scene')}.querySelector('.source-line title').textContent`,
    expected: /simulator/,
  },
  {
    slug: 'collect',
    ready: `(${sceneRoot('fleet-collect-scene')}?.querySelectorAll('.row .seg').length ?? 0) > 0
      && /\\d/.test(${sceneRoot('fleet-collect-scene')}?.querySelector('[part=rate] .value')?.textContent ?? '')`,
    read: `${sceneRoot('fleet-collect-scene')}.querySelectorAll('.row').length`,
    expected: 5,
  },
  {
    slug: 'hosts',
    ready: `(${sceneRoot('fleet-hosts-scene')}?.querySelectorAll('[part=card]').length ?? 0) === 5`,
    read: `[...${sceneRoot('fleet-hosts-scene')}.querySelectorAll('[part=card] .id')].map((n) => n.textContent).join(',')`,
    expected: 'host-01,host-02,host-03,host-04,host-05',
  },
  {
    slug: 'db',
    ready: `/\\d/.test(${sceneRoot('fleet-db-scene')}?.querySelector('.tile.episodes .value')?.textContent ?? '')
      && (${sceneRoot('fleet-db-scene')}?.querySelectorAll('[part=per-phase] .seg').length ?? 0) === 5`,
    read: `${sceneRoot('fleet-db-scene')}.querySelector('.tile.size .value').textContent`,
    expected: /^\d+(\.\d)? (kB|MB|GB)$/,
  },
  {
    slug: 'baseline',
    ready: `(${sceneRoot('fleet-baseline-scene')}?.querySelectorAll('[part=bar] .seg').length ?? 0) > 0`,
    read: `document.querySelector('fleet-deck').shadowRoot.querySelector('fleet-baseline-scene').shares.total`,
    expected: 'positive',
  },
] as const;

describe('scenes 1–6 with the simulator', () => {
  SCENES.forEach(({ slug, ready, read, expected }, i) => {
    it(`#/${slug} shows data within five seconds`, async () => {
      const page = await site.open(`#/${slug}`);
      await page.waitForFunction(ready, undefined, { timeout: 5000 });
      const value = await page.evaluate(read);
      if (expected === 'positive') expect(value as number).toBeGreaterThan(0);
      else if (expected instanceof RegExp) expect(String(value)).toMatch(expected);
      else expect(value).toBe(expected);
      // Let entry animations finish before the review screenshot.
      await page.waitForTimeout(700);
      await screenshot(page, `scene-${String(i + 1).padStart(2, '0')}-${slug}`);
      expect(pageErrors(page)).toEqual([]);
      await page.close();
    });
  });
});
