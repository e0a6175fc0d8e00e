import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, pageErrors, type Site, screenshot } from './support/site.js';

let site: Site;
beforeAll(async () => {
  site = await openSite('/fleet/');
});
afterAll(async () => {
  await site?.close();
});

const laneCount = `(document.querySelector('fleet-deck').shadowRoot.querySelector('fleet-live-scene')?.shadowRoot?.querySelectorAll('.host').length ?? 0)`;
const currentSlug = `document.querySelector('fleet-deck').shadowRoot.querySelector('.scene')?.dataset.slug`;

describe('the deck from a sub-path, with the simulator', () => {
  it('shows five lanes filling within three seconds at #/live', async () => {
    const page = await site.open('#/live');
    await page.waitForFunction(`${laneCount} === 5`, undefined, { timeout: 3000 });
    const cells = await page.evaluate(
      `document.querySelector('fleet-deck').shadowRoot.querySelector('fleet-live-scene').layout.boxes.length`,
    );
    expect(cells, `cells drawn`).toBeGreaterThanOrEqual(5);
    await screenshot(page, 'live');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('loads the neighbouring scenes only once the scene on stage is in, and no others', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1600, height: 900 }, bypassCSP: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // When the scene on stage became an element: its chunk was fetched, run and defined.
    await page.addInitScript(
      `customElements.whenDefined('fleet-live-scene').then(() => { globalThis.__liveDefinedAt = performance.now(); })`,
    );
    await page.goto(`${site.server.url}#/live`);
    const chunkStart = (name: string) =>
      `performance.getEntriesByType('resource').find((e) => e.name.includes('/assets/${name}-'))?.startTime`;
    // live is scene 13 of 14: its neighbours are references (next) and perf (previous).
    await page.waitForFunction(
      `${chunkStart('references-scene')} !== undefined && ${chunkStart('perf-scene')} !== undefined`,
      undefined,
      {
        timeout: 15_000,
      },
    );
    const at = (await page.evaluate(`({
      defined: globalThis.__liveDefinedAt,
      references: ${chunkStart('references-scene')},
      perf: ${chunkStart('perf-scene')},
      title: ${chunkStart('title-scene')},
    })`)) as { defined: number; references: number; perf: number; title?: number };
    // Fetched and run during the warm start and the first view, they delayed it by about 90 ms.
    expect(at.references).toBeGreaterThan(at.defined);
    expect(at.perf).toBeGreaterThan(at.defined);
    // The title scene is not a neighbour of #/live: opening there must not load it.
    expect(at.title).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('navigates with arrow keys and #/3, and back/forward', async () => {
    const page = await site.open('#/live');
    await page.waitForFunction(`${currentSlug} === 'live'`);
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(currentSlug)).toBe('references');
    expect(new URL(page.url()).hash).toBe('#/references');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(currentSlug)).toBe('perf');
    await page.goto(`${site.server.url}#/3`);
    await page.waitForFunction(`${currentSlug} === 'collect'`);
    await page.goBack();
    await page.waitForFunction(`${currentSlug} === 'perf'`);
    await page.goForward();
    await page.waitForFunction(`${currentSlug} === 'collect'`);
    expect(new URL(page.url()).hash).toBe('#/3');
    await page.keyboard.press('1');
    await page.keyboard.press('3');
    await page.keyboard.press('Enter');
    await page.waitForFunction(`${currentSlug} === 'live'`);
    await page.reload();
    await page.waitForFunction(`${currentSlug} === 'live'`);
    await page.close();
  });

  it('moves to the next scene on a left swipe and back on a right one, with real touch input', async () => {
    const context = await site.browser.newContext({
      viewport: { width: 1000, height: 700 },
      hasTouch: true,
      isMobile: true,
      bypassCSP: true,
    });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${site.server.url}#/3`);
      await page.waitForFunction(`${currentSlug} === 'collect'`);
      const cdp = await context.newCDPSession(page);
      // Touches as a finger makes them (start, moves, end), through the browser's input pipeline.
      const swipe = async (fromX: number, fromY: number, toX: number, toY: number) => {
        await cdp.send('Input.dispatchTouchEvent', {
          type: 'touchStart',
          touchPoints: [{ x: fromX, y: fromY }],
        });
        for (let step = 1; step <= 5; step++) {
          const x = fromX + ((toX - fromX) * step) / 5;
          const y = fromY + ((toY - fromY) * step) / 5;
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
        }
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        await page.waitForTimeout(300);
      };
      await swipe(700, 350, 300, 360);
      await page.waitForFunction(`${currentSlug} === 'hosts'`);
      expect(new URL(page.url()).hash).toBe('#/hosts');
      await swipe(300, 350, 700, 340);
      await page.waitForFunction(`${currentSlug} === 'collect'`);
      // A short swipe and a mostly vertical one are not navigation.
      await swipe(500, 350, 480, 350);
      await swipe(500, 150, 420, 550);
      expect(await page.evaluate(currentSlug)).toBe('collect');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows a hostile host id as text', async () => {
    const page = await site.open('?sim=0#/live');
    const hostile = '<img src=x onerror=alert(1)>';
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.waitForFunction(`${currentSlug} === 'live'`);
    const accepted = await page.evaluate(
      (host) =>
        (
          document.querySelector('fleet-deck') as unknown as { bus: { publish(e: unknown): number } }
        ).bus.publish({
          type: 'live_detection',
          host_id: host,
          predicted: 'armed',
        }),
      hostile,
    );
    expect(accepted).toBe(1);
    await page.waitForFunction(`${laneCount} === 1`);
    const label = await page.evaluate(
      `document.querySelector('fleet-deck').shadowRoot.querySelector('fleet-live-scene').shadowRoot.querySelector('.host').textContent`,
    );
    expect(label).toBe(hostile);
    const images = await page.evaluate(
      `document.querySelector('fleet-deck').shadowRoot.querySelector('fleet-live-scene').shadowRoot.querySelectorAll('img').length`,
    );
    expect(images).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
