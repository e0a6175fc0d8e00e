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
    await page.keyboard.press('1');
    await page.keyboard.press('3');
    await page.keyboard.press('Enter');
    await page.waitForFunction(`${currentSlug} === 'live'`);
    await page.reload();
    await page.waitForFunction(`${currentSlug} === 'live'`);
    await page.close();
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
