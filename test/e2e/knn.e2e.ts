import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coloredPixelsOf } from './support/knn-pixels.js';
import { openSite, pageErrors, SITE_DIR, type Site, screenshot } from './support/site.js';

let site: Site;
beforeAll(async () => {
  site = await openSite('/fleet/');
});
afterAll(async () => {
  await site?.close();
});

const scene = `document.querySelector('fleet-deck').shadowRoot.querySelector('fleet-knn-scene')`;

const coloredPixels = coloredPixelsOf(scene);

describe('the knn scene with the simulator', () => {
  it('shows coloured points within five seconds at #/knn', async () => {
    const page = await site.open('#/knn');
    const started = Date.now();
    await page.waitForFunction(`${scene}?.view?.drawnPoints > 0`, undefined, { timeout: 5000, polling: 100 });
    expect(Date.now() - started).toBeLessThan(5000);
    const drawn = (await page.evaluate(`${scene}.view.drawnPoints`)) as number;
    const held = (await page.evaluate(
      `document.querySelector('fleet-deck').bus.state.embeddings.count`,
    )) as number;
    expect(drawn).toBeGreaterThan(100);
    expect(drawn).toBeLessThanOrEqual(held);
    // Coloured, not grey: the simulator labels every point with a phase.
    expect((await page.evaluate(coloredPixels)) as number).toBeGreaterThan(2000);
    const legend = (await page.evaluate(
      `[...${scene}.shadowRoot.querySelectorAll('[part=legend] li')].map((li) => li.dataset.key)`,
    )) as string[];
    expect(legend).toEqual(['clean', 'armed', 'infecting', 'infected_running', 'dormant']);
    // three.js came in its own chunk, after the page's main module.
    const scripts = (await page.evaluate(
      `performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js'))`,
    )) as string[];
    expect(scripts.some((name) => /knn-view-[\w-]+\.js$/.test(name))).toBe(true);
    await page.waitForTimeout(400);
    await screenshot(page, 'knn');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('builds three.js into the knn view chunk only, none of it in what the page loads first', () => {
    const index = readFileSync(join(SITE_DIR, 'index.html'), 'utf8');
    const entry = [...index.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(entry.some((file) => /assets\/main-/.test(file))).toBe(true);
    for (const file of entry)
      expect(readFileSync(join(SITE_DIR, file), 'utf8')).not.toContain('WebGLRenderer');
    const withThree = readdirSync(join(SITE_DIR, 'assets')).filter(
      // bench-* are the bench's own pages, built beside the site by `npm run bench`.
      (file) =>
        file.endsWith('.js') &&
        !file.startsWith('bench-') &&
        readFileSync(join(SITE_DIR, 'assets', file), 'utf8').includes('WebGLRenderer'),
    );
    expect(withThree).toHaveLength(1);
    expect(withThree[0]).toMatch(/^knn-view-/);
  });

  it('does not fetch three.js on a scene far from knn', async () => {
    const page = await site.open('#/title');
    await page.waitForFunction(`document.querySelector('fleet-deck')?.shadowRoot?.querySelector('.scene')`);
    await page.waitForTimeout(500);
    const scripts = (await page.evaluate(
      `performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js'))`,
    )) as string[];
    expect(scripts.some((name) => /knn-view/.test(name))).toBe(false);
    await page.close();
  });
});
