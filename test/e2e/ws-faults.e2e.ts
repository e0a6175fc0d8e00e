import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BusServer, createBusServer } from '../../server/bus-server.js';
import { openSite, type Site, screenshot } from './support/site.js';

/**
 * The fault test of the bus's resume protocol: the deck reaches the bus
 * through a TCP proxy this test controls. The test cuts the link five times
 * while the bus stays up, posting embeddings and judged detections while the
 * deck is away, then restarts the bus once. After the last post the deck
 * must hold exactly what was sent (nothing twice, nothing lost), and after
 * the restart exactly the new bus's present.
 */

let site: Site;
const cleanups: (() => Promise<unknown> | unknown)[] = [];

beforeAll(async () => {
  site = await openSite('/fleet/');
});
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await site?.close();
});

/** A TCP proxy to `target` that the test can cut, hold down (refusing connections) and re-point. */
class CuttableProxy {
  readonly pairs = new Set<[Socket, Socket]>();
  down = false;
  private constructor(
    private readonly server: Server,
    public target: number,
  ) {}

  static async start(target: number): Promise<CuttableProxy> {
    const server = createServer();
    const proxy = new CuttableProxy(server, target);
    server.on('connection', (client) => proxy.accept(client));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  private accept(client: Socket): void {
    if (this.down) {
      client.destroy();
      return;
    }
    const upstream = connect(this.target, '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.pairs.delete(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** Cuts every link at once, as a Wi-Fi blip would, and refuses new ones until `up()`. */
  cut(): void {
    this.down = true;
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
  }

  up(): void {
    this.down = false;
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((ok) => this.server.close(() => ok()));
  }
}

const post = async (bus: BusServer, events: unknown[]) => {
  const reply = bus.publish(JSON.stringify(events));
  expect('problems' in reply ? reply.problems : []).toEqual([]);
};

const PHASES = ['clean', 'armed', 'infecting', 'infected_running', 'dormant'];
/** A judged detection: window `w` of `host`, with its ground truth. */
const judged = (host: string, w: number) => ({
  type: 'live_detection',
  host_id: host,
  predicted: PHASES[w % 5],
  actual: PHASES[(w + (w % 3 === 0 ? 1 : 0)) % 5],
  confidence: 0.8,
  model: 'gru',
  episode_id: `ep-${host}`,
  window_idx: w,
});
const embedding = (i: number) => ({
  type: 'embedding',
  x: (i % 97) / 97,
  y: (i % 89) / 89,
  z: (i % 83) / 83,
  phase: PHASES[i % 5],
});

const view = (page: Page) =>
  page.evaluate(() => {
    const deck = document.querySelector('fleet-deck') as unknown as {
      bus: {
        source: { state: string; detail?: string };
        diagnostics: {
          resumes: number;
          rebuilds: number;
          lastRebuildReason?: string;
          duplicatesSkipped: number;
        };
        state: {
          live: {
            hosts: string[];
            cells: { length: Uint8Array };
            slots: Map<string, number>;
            judged: number;
            total: number;
          };
          embeddings: { count: number };
        };
      };
      shadowRoot: ShadowRoot;
    };
    if (!deck?.bus) return undefined;
    const { bus } = deck;
    return {
      state: bus.source.state,
      detail: bus.source.detail,
      badge: deck.shadowRoot.querySelector('.source')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      resumes: bus.diagnostics.resumes,
      rebuilds: bus.diagnostics.rebuilds,
      reason: bus.diagnostics.lastRebuildReason,
      duplicates: bus.diagnostics.duplicatesSkipped,
      points: bus.state.embeddings.count,
      judged: bus.state.live.judged,
      total: bus.state.live.total,
      cells: Object.fromEntries(
        bus.state.live.hosts.map((host) => [
          host,
          bus.state.live.cells.length[bus.state.live.slots.get(host) ?? 0] ?? 0,
        ]),
      ),
    };
  });

type View = NonNullable<Awaited<ReturnType<typeof view>>>;

async function until(page: Page, check: (v: View) => boolean, timeout = 30_000): Promise<View> {
  const end = Date.now() + timeout;
  let last = await view(page);
  while (!last || !check(last)) {
    if (Date.now() > end)
      throw new Error(`timed out; last seen: ${String(JSON.stringify(last)).slice(0, 500)}`);
    await new Promise((ok) => setTimeout(ok, 50));
    last = await view(page);
  }
  return last;
}

describe('?ws= through cuts and a restart', () => {
  it('holds exactly what was sent across five cuts, and exactly the present after a restart', async () => {
    let bus = await createBusServer({ port: 0 });
    cleanups.push(() => bus.close());
    const proxy = await CuttableProxy.start(bus.port);
    cleanups.push(() => proxy.close());
    const hosts = ['host-a', 'host-b', 'host-c'];
    const windows = new Map(hosts.map((h) => [h, 0]));
    let points = 0;
    let judgedSent = 0;
    const sendRound = async (perHost: number, embeddings: number) => {
      const events: unknown[] = [];
      for (const host of hosts)
        for (let i = 0; i < perHost; i++) {
          const w = windows.get(host)!;
          windows.set(host, w + 1);
          events.push(judged(host, w));
          judgedSent++;
        }
      for (let i = 0; i < embeddings; i++) events.push(embedding(points++));
      await post(bus, events);
    };

    await sendRound(6, 300);
    const page = await site.browser.newPage({ viewport: { width: 1600, height: 900 } });
    cleanups.push(() => page.close().catch(() => undefined));
    await page.goto(`${site.server.url}?ws=ws://127.0.0.1:${proxy.port}/ws#/knn`);
    await until(page, (v) => v.state === 'live' && v.points === 300);

    for (let cut = 1; cut <= 5; cut++) {
      proxy.cut();
      await until(page, (v) => v.state === 'retrying' || v.state === 'connecting');
      // While the deck is away: embeddings and judged detections it must not miss, nor get twice.
      await sendRound(2, 40);
      proxy.up();
      await until(page, (v) => v.resumes === cut && v.points === points && v.judged === judgedSent);
      // And some while it is back.
      await sendRound(1, 10);
      await until(page, (v) => v.points === points && v.judged === judgedSent);
    }
    const after = (await view(page))!;
    expect(after.points).toBe(points);
    expect(after.judged).toBe(judgedSent);
    expect(after.total).toBe(judgedSent);
    expect(after.cells).toEqual(Object.fromEntries(hosts.map((h) => [h, windows.get(h)])));
    expect(after.resumes).toBe(5);
    expect(after.rebuilds).toBe(0);
    expect(after.badge).toContain('resynced');
    await screenshot(page, 'ws-faults-resynced');

    // The bus restarts (a new run, its cache empty) and gets a present of its own.
    proxy.cut();
    await bus.close();
    bus = await createBusServer({ port: 0 });
    cleanups.push(() => bus.close());
    proxy.target = bus.port;
    const fresh = [judged('host-z', 0), judged('host-z', 1), embedding(0), embedding(1), embedding(2)];
    await post(bus, fresh);
    proxy.up();
    const rebuilt = await until(page, (v) => v.rebuilds === 1 && v.points === 3 && v.state === 'live');
    expect(rebuilt.reason).toBe('restarted');
    expect(rebuilt.cells).toEqual({ 'host-z': 2 });
    expect(rebuilt.judged).toBe(2);
    expect(rebuilt.total).toBe(2);
  }, 180_000);
});
