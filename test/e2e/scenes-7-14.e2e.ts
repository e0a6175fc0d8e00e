import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCES } from '../../src/content/references.js';
import { TRAINING_CODE } from '../../src/content/training-code.js';
import { openSite, pageErrors, SITE_DIR, type Site, screenshot } from './support/site.js';

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
const count = (tag: string, selector: string) =>
  `(${sceneRoot(tag)}?.querySelectorAll('${selector}').length ?? 0)`;

/**
 * Per scene: its number in the deck, a predicate (browser-side expression)
 * that holds once the scene shows data, and a value read back to check it is
 * real. The simulator sends six attack profiles and five models.
 */
const SCENES = [
  {
    n: 7,
    slug: 'attacks',
    ready: `${count('fleet-attacks-scene', '[part=profile] path.line')} === 6`,
    read: `[...${sceneRoot('fleet-attacks-scene')}.querySelectorAll('[part=profile] .name')].map((n) => n.textContent).join(',')`,
    expected: 'bursty-c2,cryptominer,dormant-beacon,ransom-burst,slow-exfil,worm-scan',
  },
  {
    n: 8,
    slug: 'chunking',
    ready: `${count('fleet-chunking-scene', '[part=cell][data-phase]')} > 0`,
    read: `${sceneRoot('fleet-chunking-scene')}.querySelector('.episode-id').textContent`,
    expected: /^ep-1-\d{5}$/,
  },
  {
    n: 9,
    slug: 'models',
    ready: `${count('fleet-models-scene', '[part=bar] .bar')} === 5`,
    read: `[...${sceneRoot('fleet-models-scene')}.querySelectorAll('[part=bar]')].map((n) => n.dataset.model).join(',')`,
    expected: 'rnn,gru,lstm,bert,knn',
  },
  {
    n: 10,
    slug: 'training-code',
    ready: `${count('fleet-training-code-scene', 'li.line.key')} === ${TRAINING_CODE.keyLines.length}
      && ${count('fleet-training-code-scene', '.hljs-keyword')} > 10`,
    read: `${count('fleet-training-code-scene', 'li.line')}`,
    expected: TRAINING_CODE.code.trimEnd().split('\n').length,
  },
  {
    n: 12,
    slug: 'perf',
    ready: `${count('fleet-perf-scene', '.point circle')} === 5 && !!${sceneRoot('fleet-perf-scene')}?.querySelector('path.frontier')`,
    read: `document.querySelector('fleet-deck').shadowRoot.querySelector('fleet-perf-scene').layout.frontier.map((p) => p.model).join(',')`,
    // At the simulator's latencies the frontier runs rnn → gru → lstm → bert; knn is dominated.
    expected: 'rnn,gru,lstm,bert',
  },
  {
    n: 14,
    slug: 'references',
    ready: `${count('fleet-references-scene', '[part=list] > li')} === ${REFERENCES.length}`,
    read: `${sceneRoot('fleet-references-scene')}.querySelector('[part=list] > li .title').textContent`,
    expected: `${REFERENCES[0]!.title}.`,
  },
] as const;

describe('scenes 7–10, 12 and 14 with the simulator', () => {
  SCENES.forEach(({ n, slug, ready, read, expected }) => {
    it(`#/${slug} shows data within five seconds`, async () => {
      const page = await site.open(`#/${slug}`);
      await page.waitForFunction(ready, undefined, { timeout: 5000 });
      const value = await page.evaluate(read);
      if (expected instanceof RegExp) expect(String(value)).toMatch(expected);
      else expect(value).toBe(expected);
      // Let bar transitions and fitting settle before the review screenshot.
      await page.waitForTimeout(900);
      await screenshot(page, `scene-${String(n).padStart(2, '0')}-${slug}`);
      expect(pageErrors(page)).toEqual([]);
      await page.close();
    });
  });
});

describe('the training-code highlighter', () => {
  it('is in the training-code chunk and not in the main chunk', () => {
    const html = readFileSync(resolve(SITE_DIR, 'index.html'), 'utf8');
    const main = /src="\.\/(assets\/main-[^"]+\.js)"/.exec(html)?.[1];
    expect(main, 'main chunk in index.html').toBeDefined();
    expect(readFileSync(resolve(SITE_DIR, main!), 'utf8')).not.toContain('registerLanguage');
    const assets = readdirSync(resolve(SITE_DIR, 'assets'));
    const withHighlighter = assets.filter(
      (f) =>
        f.endsWith('.js') &&
        readFileSync(resolve(SITE_DIR, 'assets', f), 'utf8').includes('registerLanguage'),
    );
    expect(withHighlighter).toHaveLength(1);
    expect(withHighlighter[0]).toMatch(/^training-code-scene-/);
  });
});
