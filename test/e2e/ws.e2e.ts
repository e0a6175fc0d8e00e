import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as WsSocket } from 'ws';
import { type BusServer, createBusServer } from '../../server/bus-server.js';
import { openSite, SITE_DIR, type Site, screenshot } from './support/site.js';
import { type StaticServer, serveStatic } from './support/static-server.js';

/**
 * `?ws=` against a real local bus, with the site's own Content-Security-Policy
 * in force (pages here do not bypass it: the policy must let the deck reach a
 * loopback bus and fetch its sample recording). Everything the page is asked
 * goes through `page.evaluate`, which the policy does not govern.
 */

let site: Site;
const cleanups: (() => Promise<unknown> | unknown)[] = [];

beforeAll(async () => {
  site = await openSite('/fleet/');
});
afterAll(async () => {
  agent.destroy();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await site?.close();
});

interface PageBus {
  source: { kind: string; label: string; state: string; detail?: string };
  diagnostics: {
    accepted: number;
    frames: number;
    garbageParts: number;
    droppedFrames: Record<string, number>;
    unknownTypes: Map<string, number>;
  };
  state: {
    live: { hosts: string[] };
    fleet: { snapshot?: unknown };
    profiles: { byName: Map<string, unknown> };
    models: { accuracy: Map<string, number> };
    perf: { points: Map<string, unknown> };
    embeddings: { count: number };
    predictions: { cells: unknown[] };
  };
}
type DeckElement = HTMLElement & { bus: PageBus };

/** WebSockets a page made, and how many of them are open now. */
interface SocketTally {
  made: number;
  open: number;
}
type DeckPage = Page & { errors: string[]; sockets: SocketTally };

/**
 * Opens the deck at `path` with the CSP on (as served, or as `policy`
 * rewrites it); counts the WebSockets the page opens, its worker's included
 * (Playwright reports both), and those its main thread made itself.
 */
async function openDeck(path: string, policy?: (csp: string) => string): Promise<DeckPage> {
  const page = (await site.browser.newPage({ viewport: { width: 1600, height: 900 } })) as DeckPage;
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  const sockets: SocketTally = { made: 0, open: 0 };
  page.sockets = sockets;
  page.on('websocket', (socket) => {
    sockets.made++;
    sockets.open++;
    socket.on('close', () => sockets.open--);
  });
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    const counted = window as unknown as { __mainThreadSockets: number };
    counted.__mainThreadSockets = 0;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        counted.__mainThreadSockets++;
      }
    } as typeof WebSocket;
  });
  await page.goto((policy ? await siteWithPolicy(policy) : site.server).url + path);
  cleanups.push(() => page.close().catch(() => undefined));
  return page;
}

/**
 * A copy of the built site whose page states another policy, served apart.
 * (Rewriting the page in flight with page.route would make Chromium treat it
 * as from the public internet, and refuse its sockets to loopback.)
 */
async function siteWithPolicy(policy: (csp: string) => string): Promise<StaticServer> {
  const dir = mkdtempSync(resolve(tmpdir(), 'fleet-policy-'));
  cpSync(SITE_DIR, dir, { recursive: true });
  const index = resolve(dir, 'index.html');
  const html = readFileSync(index, 'utf8');
  const rewritten = html.replace(
    /(Content-Security-Policy"\s+content=")([^"]*)/,
    (_, head: string, csp: string) => `${head}${policy(csp)}`,
  );
  expect(rewritten, 'the page states its policy').not.toBe(html);
  writeFileSync(index, rewritten);
  const server = await serveStatic(dir, '/fleet/');
  cleanups.push(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return server;
}

const busOf = async (page: Page) => ({
  ...(await pageBus(page)),
  mainThreadSockets: (await page.evaluate('window.__mainThreadSockets')) as number,
  workers: page.workers().length,
  openSockets: (page as DeckPage).sockets?.open ?? 0,
  sockets: (page as DeckPage).sockets?.made ?? 0,
});

const pageBus = (page: Page) =>
  page.evaluate(() => {
    const deck = document.querySelector('fleet-deck') as unknown as DeckElement;
    const d = deck.bus.diagnostics;
    const s = deck.bus.state;
    return {
      source: { ...deck.bus.source },
      badge: deck.shadowRoot?.querySelector('.source')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      accepted: d.accepted,
      frames: d.frames,
      garbageParts: d.garbageParts,
      dropped: { ...d.droppedFrames },
      unknown: Object.fromEntries(d.unknownTypes),
      hosts: [...s.live.hosts],
      snapshot: s.fleet.snapshot !== undefined,
      profiles: s.profiles.byName.size,
      models: s.models.accuracy.size,
      perf: s.perf.points.size,
      embeddings: s.embeddings.count,
      predictionCells: s.predictions.cells.filter(Boolean).length,
    };
  });

type BusView = Awaited<ReturnType<typeof busOf>>;

/** Polls the page's bus until `check` holds; returns the view that satisfied it. */
async function until(page: Page, check: (bus: BusView) => boolean, timeout = 10_000): Promise<BusView> {
  const end = Date.now() + timeout;
  let last = await busOf(page);
  while (!check(last)) {
    if (Date.now() > end) throw new Error(`timed out; last seen: ${JSON.stringify(last).slice(0, 600)}`);
    await new Promise((ok) => setTimeout(ok, 50));
    last = await busOf(page);
  }
  return last;
}

/** Lane labels drawn by the live scene. */
const laneLabels = (page: Page) =>
  page.evaluate(() => {
    const scene = document.querySelector('fleet-deck')?.shadowRoot?.querySelector('fleet-live-scene');
    return [...(scene?.shadowRoot?.querySelectorAll('.host') ?? [])].map((e) => e.textContent ?? '');
  });

/** Keep-alive connections: a producer that posts every event reuses its connection (undici's fetch is ~6× slower here). */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, body: unknown): Promise<{ status: number; body: { delivered?: number } }> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/publish`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (res) => {
        let reply = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          reply += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: reply ? JSON.parse(reply) : {} }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

async function inProcessBus(): Promise<BusServer> {
  const bus = await createBusServer({ host: '127.0.0.1', port: 0 });
  cleanups.push(() => bus.close());
  return bus;
}

/** `npm run bus` as its own process (`node --import tsx`, so the pid is the server itself). */
async function spawnBus(
  port = 0,
): Promise<{ port: number; url: string; wsUrl: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/bus.ts', '--quiet'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const bound = await new Promise<number>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`bus did not start: ${out}`)), 20_000);
    const read = (chunk: Buffer) => {
      out += String(chunk);
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(Number(m[1]));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => fail(new Error(`bus exited ${code}: ${out}`)));
  });
  return { port: bound, url: `http://127.0.0.1:${bound}`, wsUrl: `ws://127.0.0.1:${bound}/ws`, child };
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) ok();
    else child.once('exit', () => ok());
  });
}

const detection = (host: string, i: number) => ({
  type: 'live_detection',
  host_id: host,
  predicted: ['clean', 'armed', 'infecting', 'infected_running', 'dormant'][i % 5],
  actual: ['clean', 'armed', 'infecting', 'infected_running', 'dormant'][(i + (i % 3 === 0 ? 1 : 0)) % 5],
  confidence: 0.9,
  model: 'gru',
  episode_id: `ep-${host}`,
  window_idx: i,
});

describe('?ws= against a real local bus', () => {
  it('shows events POSTed to /publish in the live scene, with the simulator off', async () => {
    const bus = await inProcessBus();
    const page = await openDeck(`?ws=${encodeURIComponent(bus.wsUrl)}#/live`);
    const live = await until(page, (b) => b.source.state === 'live');
    expect(live.source).toMatchObject({ kind: 'ws', label: `127.0.0.1:${bus.port}` });
    expect(live.badge).toContain(`127.0.0.1:${bus.port}`);
    expect(live.badge).toContain('live');
    await page.waitForTimeout(400);
    expect((await busOf(page)).accepted, 'the simulator stays off').toBe(0);

    const events = ['web-01', 'web-02', 'db-01'].flatMap((host) =>
      Array.from({ length: 12 }, (_, i) => detection(host, i)),
    );
    expect(await post(bus.url, events)).toEqual({ status: 200, body: { delivered: 1 } });
    await until(page, (b) => b.accepted === 36);
    await page.waitForFunction(
      () =>
        document
          .querySelector('fleet-deck')
          ?.shadowRoot?.querySelector('fleet-live-scene')
          ?.shadowRoot?.querySelectorAll('.host').length === 3,
    );
    expect(await laneLabels(page)).toEqual(['db-01', 'web-01', 'web-02']);
    await screenshot(page, 'ws-live');
    expect(page.errors).toEqual([]);
  });

  it("holds the socket in a worker, off the page's main thread, which only takes its frames", async () => {
    const bus = await inProcessBus();
    const page = await openDeck(`?ws=${encodeURIComponent(bus.wsUrl)}#/live`);
    await until(page, (b) => b.source.state === 'live');
    await post(bus.url, [detection('web-01', 0), detection('web-02', 0)]);
    const got = await until(page, (b) => b.accepted === 2);
    expect(got.sockets, 'one socket, seen by the browser').toBe(1);
    expect(got.mainThreadSockets, 'none made by the main thread').toBe(0);
    expect(got.workers).toBe(1);
    expect(page.errors).toEqual([]);
  });

  it("falls back to the page's own socket where the page's policy allows no blob: workers", async () => {
    const bus = await inProcessBus();
    const page = await openDeck(`?ws=${encodeURIComponent(bus.wsUrl)}#/live`, (csp) =>
      csp.replace(/worker-src [^;]*/, "worker-src 'self'"),
    );
    await until(page, (b) => b.source.state === 'live');
    await post(bus.url, [detection('web-01', 0), detection('web-02', 0)]);
    const got = await until(page, (b) => b.accepted === 2);
    expect(got.sockets).toBe(1);
    expect(got.mainThreadSockets).toBe(1);
    expect(got.workers).toBe(0);
    expect(page.errors).toEqual([]);
  });

  it("says why when the page's policy refuses a plain ws: to another machine", async () => {
    const page = await openDeck(`?ws=${encodeURIComponent('ws://10.255.255.1:8787/ws')}#/live`);
    const refused = await until(page, (b) => b.source.state === 'stopped');
    expect(refused.badge).toContain('10.255.255.1:8787');
    expect(refused.source.detail).toContain('Content-Security-Policy');
    expect(refused.openSockets).toBe(0);
  });

  it('retries when the bus dies and is live again when it returns, counting each event once', async () => {
    const first = await spawnBus();
    const page = await openDeck(`?ws=${encodeURIComponent(first.wsUrl)}#/live`);
    await until(page, (b) => b.source.state === 'live');
    await post(first.url, [detection('h-1', 0), detection('h-2', 0)]);
    await until(page, (b) => b.accepted === 2);

    first.child.kill('SIGKILL');
    await killed(first.child);
    const retrying = await until(page, (b) => b.source.state === 'retrying');
    expect(retrying.badge).toMatch(/retrying · in \d+ s/);
    await screenshot(page, 'ws-retrying');
    // Stay down long enough for a few failed attempts.
    await page.waitForTimeout(2500);
    const down = await busOf(page);
    expect(down.openSockets).toBe(0);
    expect(down.sockets).toBeGreaterThan(1);

    const second = await spawnBus(first.port);
    const back = await until(page, (b) => b.source.state === 'live', 20_000);
    expect(back.openSockets).toBe(1);
    await screenshot(page, 'ws-live-again');

    const before = back.accepted;
    const after = Array.from({ length: 25 }, (_, i) => detection(`h-${i % 3}`, i + 1));
    expect((await post(second.url, after)).body).toEqual({ delivered: 1 });
    await until(page, (b) => b.accepted >= before + 25);
    await page.waitForTimeout(500);
    const settled = await busOf(page);
    expect(settled.accepted, 'each event after the reconnect counted once').toBe(before + 25);
    expect(settled.openSockets).toBe(1);
    second.child.kill('SIGTERM');
    await killed(second.child);
    expect(page.errors).toEqual([]);
  });

  it('shows a viewer that joins late the cached present at once', async () => {
    const bus = await inProcessBus();
    await post(bus.url, [
      {
        type: 'snapshot',
        hosts: [
          { host_id: 'late-1', online: true, phase: 'armed' },
          { host_id: 'late-2', online: false },
        ],
        totals: { episodes: 12, windows: 72, samples: 7200 },
      },
      { type: 'attack_profile', name: 'bursty-c2', curve: [0.1, 0.9, 0.2, 0.8] },
      { type: 'model_metric', model: 'gru', accuracy: 0.91 },
      { type: 'model_perf', model: 'gru', latency_us: 1100, accuracy: 0.91 },
      ...Array.from({ length: 40 }, (_, i) => ({
        type: 'embedding',
        x: (i % 10) / 10,
        y: 0.5,
        phase: 'clean',
      })),
      ...Array.from({ length: 8 }, (_, i) => detection(`late-${(i % 2) + 1}`, i)),
    ]);
    // Nobody was watching. Now a viewer arrives, and nothing more is published.
    const page = await openDeck(`?ws=${encodeURIComponent(bus.wsUrl)}#/live`);
    const seen = await until(page, (b) => b.hosts.length === 2);
    expect(seen).toMatchObject({ snapshot: true, profiles: 1, models: 1, perf: 1, embeddings: 40 });
    expect(seen.accepted).toBe(1 + 1 + 1 + 1 + 40 + 8);
    await page.waitForFunction(
      () =>
        document
          .querySelector('fleet-deck')
          ?.shadowRoot?.querySelector('fleet-live-scene')
          ?.shadowRoot?.querySelectorAll('.host').length === 2,
    );
    expect(await laneLabels(page)).toEqual(['late-1', 'late-2']);
    await screenshot(page, 'ws-late-viewer');
  });

  it('survives garbage, NaN, 2 MiB, binary and unknown frames, and shows them in diagnostics', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => new Promise((ok) => wss.close(() => ok(undefined))));
    await new Promise<void>((ok) => wss.once('listening', () => ok()));
    const port = (wss.address() as { port: number }).port;
    wss.on('connection', (ws: WsSocket) => {
      ws.send('{"type": "live_detection", "host_id": "broken'); // garbage
      ws.send(
        '{"type":"live_detection","host_id":"nan-host","predicted":"armed","confidence":NaN,"latency_ms":Infinity}',
      );
      ws.send(
        `{"type":"live_detection","host_id":"huge","predicted":"armed","pad":"${'x'.repeat(2 * 1024 * 1024)}"}`,
      );
      ws.send(Buffer.from([0, 1, 2, 3, 255]), { binary: true });
      ws.send('{"type":"mystery_event","payload":{"a":1}}\n{"type":"mystery_event"}');
      ws.send(
        '{"type":"live_detection","host_id":"proto","predicted":"armed","__proto__":{"polluted":true}}',
      );
      ws.send(JSON.stringify(detection('ok-host', 1)));
    });
    const page = await openDeck(`?ws=${encodeURIComponent(`ws://127.0.0.1:${port}/`)}#/live`);
    const seen = await until(page, (b) => b.hosts.length === 3);
    expect(seen.hosts).toEqual(['nan-host', 'ok-host', 'proto']);
    expect(seen.accepted).toBe(3);
    expect(seen.dropped).toMatchObject({ garbage: 1, oversize: 1, binary: 1 });
    expect(seen.unknown).toEqual({ mystery_event: 2 });
    expect(seen.source.state).toBe('live');
    expect(await page.evaluate(() => ({}) as Record<string, unknown>)).toEqual({});
    expect(await page.evaluate(() => (Object.prototype as Record<string, unknown>).polluted)).toBeUndefined();
    // Still working: a frame round-trip and a keypress open the diagnostics overlay.
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok(undefined))));
    await page.keyboard.press('d');
    const overlay = await page.waitForFunction(() => {
      const o = document.querySelector('fleet-deck')?.shadowRoot?.querySelector('fleet-diagnostics-overlay');
      return o?.shadowRoot?.textContent?.includes('oversize 1') ? o.shadowRoot.textContent : undefined;
    });
    const text = String(await overlay.jsonValue()).replace(/\s+/g, ' ');
    expect(text).toContain('binary 1');
    expect(text).toContain('garbage 1');
    expect(text).toContain('mystery_event');
    await screenshot(page, 'ws-hostile-diagnostics');
    expect(page.errors).toEqual([]);
  });
});

describe('?replay= and the recorder', () => {
  it('replays the sample recording into the scenes it covers', async () => {
    const recording = readFileSync(resolve('public/sample-recording.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; name?: string; model?: string; host_id?: string });
    const lines = recording.length;
    const distinct = (type: string, key: 'name' | 'model' | 'host_id') =>
      new Set(recording.filter((e) => e.type === type).map((e) => e[key])).size;
    const page = await openDeck('?replay=sample-recording.ndjson&rate=15#/live');
    const playing = await until(page, (b) => b.source.state === 'live');
    expect(playing.source).toMatchObject({ kind: 'replay', label: 'replay · sample-recording.ndjson' });
    expect(playing.badge).toContain('×15');
    const done = await until(page, (b) => b.source.state === 'stopped', 15_000);
    expect(done.source.detail).toBe(`finished · ${lines} events`);
    expect(done).toMatchObject({
      accepted: lines,
      snapshot: true,
      profiles: distinct('attack_profile', 'name'),
      models: distinct('model_metric', 'model'),
      perf: distinct('model_perf', 'model'),
      embeddings: recording.filter((e) => e.type === 'embedding').length,
      predictionCells: 6,
    });
    expect(done.profiles).toBeGreaterThan(0);
    expect(done.hosts).toHaveLength(distinct('live_detection', 'host_id'));
    expect(done.hosts.length).toBeGreaterThan(0);
    await screenshot(page, 'replay-live');
    // The other scenes, filled by the same replay: each must show what the recording
    // holds, as text (a screenshot alone would pass a blank or waiting scene).
    const of = <T>(type: string) => recording.filter((e) => e.type === type) as unknown as T[];
    const snapshot = of<{ hosts: { host_id: string; online: boolean; episodes: number }[] }>('snapshot').at(
      -1,
    )!;
    const hostIds = snapshot.hosts.map((h) => h.host_id);
    const latestAccuracy = new Map(
      of<{ model: string; accuracy: number }>('model_metric').map((e) => [e.model, e.accuracy]),
    );
    const shows: Record<string, string[]> = {
      title: [
        'replay · sample-recording.ndjson',
        `${snapshot.hosts.filter((h) => h.online).length} / ${snapshot.hosts.length} hosts online`,
      ],
      collect: hostIds,
      hosts: [`${hostIds.length} hosts`, ...hostIds],
      db: [`${snapshot.hosts.reduce((n, h) => n + h.episodes, 0)} episodes`],
      baseline: [`${of('phase').length} phase events`],
      attacks: [
        `${distinct('attack_profile', 'name')} profiles`,
        ...of<{ name: string }>('attack_profile').map((e) => e.name),
      ],
      chunking: [`episode ${of<{ episode_id: string }>('prediction').at(-1)!.episode_id}`],
      models: [...latestAccuracy].flatMap(([model, accuracy]) => [model, `${(accuracy * 100).toFixed(1)}%`]),
      knn: [`${of('embedding').length.toLocaleString('en-US')} points`],
      perf: [...latestAccuracy.keys()],
    };
    for (const [slug, texts] of Object.entries(shows)) {
      await page.evaluate((s) => {
        location.hash = `#/${s}`;
      }, slug);
      const read = () =>
        page.evaluate((tag) => {
          const scene = document.querySelector('fleet-deck')?.shadowRoot?.querySelector(tag);
          return {
            found: !!scene,
            waiting: !!scene?.shadowRoot?.querySelector('[part=empty]'),
            text: (scene?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' '),
          };
        }, `fleet-${slug}-scene`);
      // Until the scene shows every text, or five seconds (the stage may still be changing scenes).
      let shown = await read();
      for (let end = Date.now() + 5000; Date.now() < end; shown = await read()) {
        if (shown.found && !shown.waiting && texts.every((t) => shown.text.includes(t))) break;
        await page.waitForTimeout(100);
      }
      expect(shown.found, `#/${slug} shows fleet-${slug}-scene`).toBe(true);
      expect(shown.waiting, `#/${slug} still waiting for events`).toBe(false);
      for (const text of texts) expect(shown.text, `#/${slug}`).toContain(text);
      await screenshot(page, `replay-${slug}`);
    }
    expect(page.errors).toEqual([]);
  }, 120_000);

  it('records what arrives and downloads it as NDJSON that replays', async () => {
    const page = await openDeck('?seed=5#/live');
    await until(page, (b) => b.accepted > 0);
    await page.keyboard.press('d');
    await page.locator('fleet-diagnostics-overlay button.record-toggle').click();
    await page.waitForTimeout(2500);
    await page.locator('fleet-diagnostics-overlay button.record-toggle').click();
    await screenshot(page, 'recorder-overlay');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('fleet-diagnostics-overlay button.record-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^fleet-recording-\d{8}-\d{6}\.ndjson$/);
    const text = readFileSync((await download.path())!, 'utf8');
    const events = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { t: number; type: string });
    expect(events.length).toBeGreaterThan(10);
    expect(events.every((e) => typeof e.t === 'number' && typeof e.type === 'string')).toBe(true);
    expect(events[events.length - 1]!.t).toBeGreaterThan(1500);
    expect(new Set(events.map((e) => e.type))).toContain('live_detection');
  });
});

describe('a flood', () => {
  it('delivers 50,000 POSTed events with none lost, and the page stays responsive', async () => {
    const bus = await inProcessBus();
    const page = await openDeck(`?ws=${encodeURIComponent(bus.wsUrl)}#/live`);
    await until(page, (b) => b.source.state === 'live');
    const SENT = 50_000;
    const CONCURRENCY = 32;
    let next = 0;
    let delivered = 0;
    const statuses = new Map<number, number>();
    const sender = async () => {
      while (next < SENT) {
        const i = next++;
        const reply = await post(bus.url, detection(`flood-${String(i % 40).padStart(2, '0')}`, i));
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        delivered += reply.body.delivered ?? 0;
      }
    };
    // A round-trip into the page that needs it to draw a frame: what "responsive" means here.
    const frameRoundTrip = async () => {
      const t0 = Date.now();
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok(undefined))));
      return Date.now() - t0;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    // The same page unflooded, now, probed as during the flood (the machine is shared; absolute
    // numbers vary): a trickle of detections to the same 40 hosts, so it draws the same lanes
    // every frame and only the rate differs.
    const baseline: number[] = [];
    for (let i = 0; i < 20; i++) {
      await post(bus.url, detection(`flood-${String(i % 40).padStart(2, '0')}`, SENT + i));
      baseline.push(await frameRoundTrip());
      await new Promise((ok) => setTimeout(ok, 100));
    }
    await until(page, (b) => b.accepted >= 20);
    // Main-thread tasks over 50 ms during the flood: the page's own blocking, whatever the machine does.
    await page.evaluate(() => {
      const long: number[] = [];
      (window as unknown as { __long: number[] }).__long = long;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) long.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    // While the flood runs, the page must keep answering and drawing.
    const probes: number[] = [];
    let flooding = true;
    const prober = (async () => {
      while (flooding) {
        probes.push(await frameRoundTrip());
        await new Promise((ok) => setTimeout(ok, 100));
      }
    })();
    const started = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    const postMs = Date.now() - started;
    const arrived = await until(page, (b) => b.accepted >= SENT + 20, 60_000);
    flooding = false;
    await prober;
    const settled = await busOf(page);
    const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
    console.log(
      `flood: ${SENT} POSTs in ${postMs} ms (${Math.round(SENT / (postMs / 1000))}/s); page got them in ${Date.now() - started} ms in ${settled.frames} frames; frame round-trips before: median ${median(baseline)} ms; during: ${probes.length}, median ${median(probes)} ms, max ${Math.max(...probes)} ms; long tasks: ${long.length}, longest ${Math.round(Math.max(0, ...long))} ms, total ${Math.round(long.reduce((a, b) => a + b, 0))} ms`,
    );
    expect(Object.fromEntries(statuses)).toEqual({ 200: SENT });
    expect(delivered).toBe(SENT);
    expect(arrived.accepted).toBe(SENT + 20);
    await page.waitForTimeout(300);
    expect((await busOf(page)).accepted, 'none lost, none doubled').toBe(SENT + 20);
    // Frames kept coming all through the flood, and close to the same page unflooded: the
    // typical round-trip within half a second of the unflooded one, nine in ten within 1.5 s.
    // (Additive, not a multiple: on a shared machine the 32 senders in this process take CPU
    // from the page, and an idle page answers in a few ms, so a ratio would measure the machine.)
    expect(probes.length).toBeGreaterThanOrEqual(5);
    const calm = median(baseline);
    const p90 = [...probes].sort((a, b) => a - b)[Math.floor(probes.length * 0.9)]!;
    expect(median(probes), `median round-trip flooded vs unflooded ${calm} ms`).toBeLessThanOrEqual(
      calm + 500,
    );
    expect(p90, `p90 round-trip flooded vs unflooded ${calm} ms`).toBeLessThanOrEqual(calm + 1_500);
    expect(settled.hosts).toHaveLength(40);
    await screenshot(page, 'ws-flood');
    expect(page.errors).toEqual([]);
  }, 300_000);
});
