import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as WsSocket } from 'ws';
import { openSite, type Site, screenshot } from './support/site.js';

let site: Site;
/** A fresh context per test: its pages share BroadcastChannels and storage only with each other. */
let context: BrowserContext;
beforeAll(async () => {
  site = await openSite('/fleet/');
});
afterAll(async () => {
  await site?.close();
});
beforeEach(async () => {
  context = await site.browser.newContext({ viewport: { width: 1600, height: 900 }, bypassCSP: true });
});
afterEach(async () => {
  await context?.close();
});

const errors = new WeakMap<Page, string[]>();
async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  const list: string[] = [];
  errors.set(page, list);
  page.on('pageerror', (e) => list.push(e.message));
  await page.goto(site.server.url + path);
  return page;
}

/** Serious and critical axe violations on the page, as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.at(-1)).join('; ')}`);
}

const deck = `document.querySelector('fleet-deck')`;
const deckRoot = `${deck}.shadowRoot`;

/** The text of the scene on stage, through every shadow root, as a reader would meet it. */
const sceneText = `(() => {
  const parts = [];
  const walk = (node) => {
    if (node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) {
      if (child.nodeType === 3) parts.push(child.textContent.trim());
      else if (child.nodeType === 1 && child.localName !== 'style') walk(child);
    }
  };
  walk(${deckRoot}.querySelector('.scene'));
  return parts.filter(Boolean).join(' ');
})()`;

/** Everything the stores hold, in a comparable form: maps as entries, the ring's points oldest first. */
const stateDigest = `(() => {
  const s = ${deck}.bus.state;
  const ring = s.embeddings;
  const points = [];
  for (let i = 0; i < ring.count; i++) {
    const slot = (ring.head - ring.count + i + ring.capacity) % ring.capacity;
    points.push([ring.positions[slot * 3], ring.positions[slot * 3 + 1], ring.labels[ring.phase[slot]]]);
  }
  const { embeddings, ...rest } = s;
  const plain = JSON.stringify(rest, (_k, v) => (v instanceof Map ? [...v] : v));
  return JSON.stringify({ plain, count: ring.count, total: ring.total, points });
})()`;

const status = `(${deck}.time?.time?.status ?? null)`;

describe('pause on the simulator', () => {
  it('`.` freezes the scene and says paused; `.` again and it moves on', async () => {
    const page = await open('?seed=4#/live');
    await page.waitForFunction(`${deck}.bus.state.live.total > 10`, undefined, {
      timeout: 15_000,
      polling: 100,
    });
    // The warm start's history is in the stores at once, but the timeline records from load:
    // let it hold more than the three seconds the slider goes back below.
    await page.waitForTimeout(4_500);
    await page.keyboard.press('.');
    await page.waitForFunction(`${deckRoot}.querySelector('.paused-words')?.textContent.includes('paused')`);
    // The scene draws what was reduced just before the key on its next frame (a loaded machine may take
    // a while): once it shows the stores' frozen count, nothing may move.
    await page.waitForFunction(
      `${deckRoot}.querySelector('fleet-live-scene').shadowRoot.querySelector('.hit-rate')?.parentElement.textContent.replace(/\\s+/g, ' ').includes('(' + ${deck}.bus.state.live.judged + ' judged)')`,
      undefined,
      { timeout: 20_000 },
    );
    await page.waitForTimeout(300);
    const frozen = (await page.evaluate(sceneText)) as string;
    const total = await page.evaluate(`${deck}.bus.state.live.total`);
    expect(frozen.length).toBeGreaterThan(20);
    await page.waitForTimeout(3_000);
    expect(await page.evaluate(sceneText)).toBe(frozen);
    expect(await page.evaluate(`${deck}.bus.state.live.total`)).toBe(total);
    // Announced, and the timeline is up with a slider that speaks in words.
    expect(await page.evaluate(`${deckRoot}.querySelector('.time-announcer').textContent`)).toContain(
      'Paused',
    );
    const slider = `${deckRoot}.querySelector('fleet-timeline').shadowRoot.querySelector('input[type=range]')`;
    expect(await page.evaluate(`${slider}.getAttribute('aria-valuetext')`)).toBe('now');
    // Back three seconds with the slider's keys: the slider says how long ago, the scene shows then.
    await page.evaluate(`${slider}.focus()`);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(`${slider}.getAttribute('aria-valuetext') === '3 s ago'`);
    await page.waitForFunction(`${deck}.bus.state.live.total < ${total}`);
    await page.waitForTimeout(300);
    await screenshot(page, 'time-paused-live');
    expect(await seriousViolations(page)).toEqual([]);
    // `[` goes ten seconds further back (or to the oldest moment held).
    const before = await page.evaluate(`${status}.position`);
    await page.evaluate(`${deck}.focus()`);
    await page.keyboard.press('[');
    await page.waitForFunction(`${status}.position < ${before}`);
    await page.keyboard.press('.');
    await page.waitForFunction(`!${deckRoot}.querySelector('.paused-words')`);
    await page.waitForFunction(`${deck}.bus.state.live.total > ${total}`, undefined, { timeout: 20_000 });
    await page.waitForFunction(`(${sceneText}) !== ${JSON.stringify(frozen)}`, undefined, {
      timeout: 20_000,
    });
    expect(await page.evaluate(`${deckRoot}.querySelector('.time-announcer').textContent`)).toContain(
      'Resumed',
    );
    expect(errors.get(page)).toEqual([]);
  });
});

describe('pause over a WebSocket', () => {
  it('holds what arrives while paused and, on resume, the stores hold every event, as a run that never paused', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    const sockets: WsSocket[] = [];
    wss.on('connection', (socket) => sockets.push(socket));
    try {
      await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
      const port = (wss.address() as AddressInfo).port;
      const path = `?ws=${encodeURIComponent(`ws://127.0.0.1:${port}/`)}#/live`;
      const paused = await open(path);
      const straight = await open(path);
      await expect.poll(() => sockets.length, { timeout: 20_000 }).toBe(2);
      let n = 0;
      const send = (count: number) => {
        const events = Array.from({ length: count }, () => {
          n++;
          return {
            type: 'live_detection',
            host_id: `host-${n % 4}`,
            predicted: n % 3 ? 'armed' : 'clean',
            episode_id: `ep-${n}`,
            window_idx: n % 6,
          };
        });
        for (const socket of sockets) socket.send(JSON.stringify(events));
      };
      const total = (page: Page) => page.evaluate(`${deck}.bus.state.live.total`) as Promise<number>;
      send(30);
      await expect.poll(() => total(paused)).toBe(30);
      await paused.keyboard.press('.');
      await paused.waitForFunction(`${status}?.paused === true`);
      for (let i = 0; i < 5; i++) send(20);
      await expect.poll(() => total(straight)).toBe(130);
      await paused.waitForFunction(`${status}?.held === 100`);
      expect(await paused.evaluate(`${deckRoot}.querySelector('.paused-words').textContent`)).toBe(
        'paused · 100 held',
      );
      expect(await total(paused)).toBe(30);
      await paused.keyboard.press('.');
      await expect.poll(() => total(paused)).toBe(130);
      // Each host's windows in lane order, read off the compact cells in the page.
      const lanes = `(() => { const l = ${deck}.bus.state.live, c = l.cells; return JSON.stringify(l.hosts.map((h) => { const slot = l.slots.get(h); return [h, Array.from({ length: c.length[slot] }, (_, i) => c.windowIdx[slot * 60 + ((c.start[slot] + i) % 60)])]; })); })()`;
      expect(await paused.evaluate(lanes)).toBe(await straight.evaluate(lanes));
      expect(await paused.evaluate(`${deck}.bus.diagnostics.heldDropped`)).toBe(0);
    } finally {
      for (const socket of sockets) socket.terminate();
      await new Promise((resolve) => wss.close(resolve));
    }
  });
});

describe('rewind a recording', () => {
  const replay = 'replay=sample-recording.ndjson';
  const openAt = async (t: number, theme = 'dark') => {
    const page = await open(`?${replay}&t=${t}&theme=${theme}#/knn`);
    await page.waitForFunction(`${status}?.mode === 'replay' && ${status}.paused`, undefined, {
      timeout: 15_000,
    });
    return page;
  };
  const heldText = `Number(${deckRoot}.querySelector('fleet-knn-scene')?.shadowRoot.querySelector('.held')?.textContent.replace(/,/g, ''))`;
  /** The points the knn scene says it shows, once it has drawn the stores' present (the page in front, so it gets frames). */
  const knnHeld = async (page: Page) => {
    await page.bringToFront();
    await page.waitForFunction(`${heldText} === ${deck}.bus.state.embeddings.count`, undefined, {
      timeout: 20_000,
    });
    return (await page.evaluate(heldText)) as number;
  };

  it('t= opens at that moment, the same state every time, and seeking gives the state t= gives', async () => {
    const at45 = await openAt(45);
    const at10 = await openAt(10, 'light');
    const points45 = await knnHeld(at45);
    const points10 = await knnHeld(at10);
    expect(points10).toBeGreaterThan(0);
    expect(points10).toBeLessThan(points45);
    await at45.bringToFront();
    await at45.waitForTimeout(300);
    await screenshot(at45, 'time-replay-t45');
    expect(await seriousViolations(at10)).toEqual([]);

    const again = await openAt(45);
    expect(await again.evaluate(stateDigest)).toBe(await at45.evaluate(stateDigest));

    // Seek the t=45 page back to 10 s with the slider's keys: Home, then ten steps of a second.
    const slider = `${deckRoot}.querySelector('fleet-timeline').shadowRoot.querySelector('input[type=range]')`;
    await at45.evaluate(`${slider}.focus()`);
    await at45.keyboard.press('Home');
    for (let i = 0; i < 10; i++) await at45.keyboard.press('ArrowRight');
    await at45.waitForFunction(
      `${slider}.getAttribute('aria-valuetext') === '10 s into the recording, of 1 min'`,
    );
    await at45.waitForFunction(`${status}.position - ${status}.start === 10000`);
    await at45.waitForTimeout(200);
    expect(await at45.evaluate(stateDigest)).toBe(await at10.evaluate(stateDigest));
    expect(await knnHeld(at45)).toBe(points10);
    // And forward again: a recording seeks both ways.
    await at45.keyboard.press('End');
    await at45.waitForFunction(`${status}.position === ${status}.end`);
    expect(await at45.evaluate(`${deck}.bus.state.embeddings.count`)).toBeGreaterThan(points45);
    for (const page of [at45, at10, again]) expect(errors.get(page)).toEqual([]);
  });
});

describe('bookmarks and the presenter view', () => {
  it('a mark made in the deck appears in the presenter, survives a reload of either, and pause is in step both ways', async () => {
    const audience = await open(`?${'replay=sample-recording.ndjson'}&t=30#/knn`);
    await audience.waitForFunction(`${status}?.paused === true`, undefined, { timeout: 15_000 });
    const session = (await audience.evaluate(`sessionStorage.getItem('fleet-deck:session')`)) as string;
    expect(session).toMatch(/^[\w-]+$/);
    const presenter = await open(`?presenter=${session}`);
    const panel = `document.querySelector('fleet-presenter')?.shadowRoot.querySelector('fleet-presenter-time')?.shadowRoot`;
    const marks = `[...(${panel}?.querySelectorAll('.marks li .what') ?? [])].map((e) => e.textContent)`;
    // The presenter shows the deck's pause state and timeline.
    await presenter.waitForFunction(
      `${panel}?.querySelector('fleet-timeline')?.shadowRoot.querySelector('.state')?.textContent === 'paused'`,
      undefined,
      { timeout: 20_000 },
    );

    await audience.keyboard.press('m');
    await presenter.waitForFunction(`${marks}.length === 1`, undefined, { timeout: 20_000 });
    expect(((await presenter.evaluate(marks)) as string[])[0]).toContain('0:30');
    const link = (await presenter.evaluate(`${panel}.querySelector('.marks a').href`)) as string;
    expect(link).toContain('replay=sample-recording.ndjson');
    expect(link).toContain('t=30');
    expect(link).toMatch(/#\/knn$/);

    await presenter.reload();
    await presenter.waitForFunction(`${marks}.length === 1`, undefined, { timeout: 20_000 });
    await audience.reload();
    await audience.waitForFunction(`${status}?.paused === true`, undefined, { timeout: 15_000 });
    expect(await presenter.evaluate(`${marks}.length`)).toBe(1);
    // Marked in the presenter after the deck's reload: the deck's store sees it as well.
    await presenter.keyboard.press('m');
    await presenter.waitForFunction(`${marks}.length === 2`, undefined, { timeout: 20_000 });

    // Resume from the presenter: the deck plays; pause from the deck: the presenter says paused.
    const presenterState = `${panel}.querySelector('fleet-timeline').shadowRoot.querySelector('.state').textContent`;
    await presenter.evaluate(
      `${panel}.querySelector('fleet-timeline').shadowRoot.querySelector('.toggle').click()`,
    );
    await audience.waitForFunction(`${status}.paused === false`, undefined, { timeout: 20_000 });
    await presenter.waitForFunction(`${presenterState} === 'playing'`);
    await audience.keyboard.press('.');
    await presenter.waitForFunction(`${presenterState} === 'paused'`);
    // Jump from the presenter: the deck goes to the mark's moment.
    await presenter.evaluate(`${panel}.querySelector('.marks li:last-child .jump').click()`);
    await audience.waitForFunction(`${status}.position - ${status}.start === 30000`, undefined, {
      timeout: 20_000,
    });
    // The presenter's scenes show the moment the deck shows (its mirror re-reads the rebuilt stores).
    const deckPoints = await audience.evaluate(`${deck}.bus.state.embeddings.count`);
    await presenter.waitForFunction(
      `document.querySelector('fleet-presenter').bus.state.embeddings.count === ${deckPoints}`,
      undefined,
      { timeout: 20_000 },
    );
    await presenter.bringToFront();
    await presenter.waitForTimeout(500);
    await screenshot(presenter, 'time-presenter');
    expect(await seriousViolations(presenter)).toEqual([]);
    for (const page of [audience, presenter]) expect(errors.get(page)).toEqual([]);
  });
});
