import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  type BusServer,
  type BusServerOptions,
  createBusServer,
  packFrames,
} from '../../../server/bus-server.js';
import type { EventOf } from '../../../src/contract/schemas.js';
import { DEFAULT_MAX_FRAME_BYTES } from '../../../src/contract/wire.js';

const servers: BusServer[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const server of servers.splice(0)) await server.close();
});

async function start(options: BusServerOptions = {}): Promise<BusServer> {
  const server = await createBusServer({ port: 0, ...options });
  servers.push(server);
  expect(server.host).toBe('127.0.0.1');
  return server;
}

interface Reply {
  status: number;
  body: { delivered?: number; errors?: { index?: number; field: string; expected: string; got: string }[] };
}

function post(
  server: BusServer,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  path = '/publish',
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Control {
  bus: string;
  run: string;
  seq: number;
  reason?: string;
}

/** A viewer that collects every event it receives (numbered or plain) and the bus's control frames. */
async function viewer(url: string): Promise<{
  ws: WebSocket;
  events: { type: string }[];
  frames: number;
  controls: Control[];
  heartbeats: number;
  last?: number;
  /** Bytes of the largest frame received. */
  largest: number;
}> {
  const ws = new WebSocket(url);
  sockets.push(ws);
  const state = {
    ws,
    events: [] as { type: string }[],
    frames: 0,
    controls: [] as Control[],
    heartbeats: 0,
    last: undefined as number | undefined,
    largest: 0,
  };
  ws.on('message', (data) => {
    state.largest = Math.max(state.largest, (data as Buffer).byteLength);
    const parsed = JSON.parse(String(data));
    if (Array.isArray(parsed) && parsed.length === 0) {
      state.heartbeats++;
      return;
    }
    if (parsed.bus === 'events') {
      state.frames++;
      const skip = state.last === undefined ? 0 : Math.max(0, state.last - parsed.seq + 1);
      state.events.push(...parsed.events.slice(skip));
      state.last = parsed.seq + parsed.events.length - 1;
    } else if (parsed.bus) {
      state.controls.push(parsed);
      state.last = parsed.seq;
    } else {
      state.frames++;
      state.events.push(...(Array.isArray(parsed) ? parsed : [parsed]));
    }
  });
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok());
    ws.once('error', fail);
  });
  return state;
}

/** Waits for a viewer socket to close; resolves with the code and reason. */
const closed = (ws: WebSocket) =>
  new Promise<{ code: number; reason: string }>((ok) =>
    ws.once('close', (code, reason) => ok({ code, reason: String(reason) })),
  );

const until = async (check: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((ok) => setTimeout(ok, 10));
  }
};

const detection = (host: string, extra: object = {}) => ({
  type: 'live_detection',
  host_id: host,
  predicted: 'armed',
  ...extra,
});

describe('bus server: /publish validation', () => {
  it('reads a Python body with NaN and answers {"delivered": N}', async () => {
    const server = await start();
    const a = await viewer(server.wsUrl);
    const reply = await post(
      server,
      '{"type": "live_detection", "host_id": "host-01", "predicted": "armed", "confidence": NaN, "actual": null}',
    );
    expect(reply).toEqual({ status: 200, body: { delivered: 1 } });
    await until(() => a.events.length === 1);
    // The non-finite value arrives absent, not as null.
    expect(a.events[0]).toEqual({ type: 'live_detection', host_id: 'host-01', predicted: 'armed' });
  });

  it('refuses an invalid body whole with a list of what is wrong, and sends nothing', async () => {
    const server = await start();
    const a = await viewer(server.wsUrl);
    const reply = await post(
      server,
      JSON.stringify([
        detection('h1'),
        { type: 'live_detection', predicted: 'armed' },
        { type: 'model_metric', model: 'gru', accuracy: 1.5 },
      ]),
    );
    expect(reply.status).toBe(400);
    expect(reply.body.delivered).toBe(0);
    expect(reply.body.errors).toEqual([
      { index: 1, type: 'live_detection', field: 'host_id', expected: 'string', got: 'absent' },
      {
        index: 2,
        type: 'model_metric',
        field: 'accuracy',
        expected: 'a fraction 0–1; did you mean 0.015?',
        got: '1.5',
      },
    ]);
    await new Promise((ok) => setTimeout(ok, 100));
    expect(a.frames).toBe(0);
    expect(server.published).toBe(0);
  });

  it('describes a body that is not JSON', async () => {
    const server = await start();
    const garbage = await post(server, '{"type": "phase", oops');
    expect(garbage.status).toBe(400);
    expect(garbage.body.errors![0]!.field).toBe('(body)');
    const partly = await post(server, '{"type":"phase","phase":"clean"}\nnot json');
    expect(partly.status).toBe(400);
    const empty = await post(server, '');
    expect(empty.body.errors![0]!.got).toBe('an empty body');
  });

  it('takes NDJSON and arrays, forwards unknown types, and counts viewers', async () => {
    const server = await start();
    const a = await viewer(server.wsUrl);
    const b = await viewer(server.wsUrl);
    const ndjson = `${JSON.stringify(detection('h1'))}\n${JSON.stringify({ type: 'phase', phase: 'armed' })}\n`;
    expect((await post(server, ndjson, { 'content-type': 'application/x-ndjson' })).body).toEqual({
      delivered: 2,
    });
    expect((await post(server, JSON.stringify([{ type: 'future_thing', n: 1 }]))).body).toEqual({
      delivered: 2,
    });
    await until(() => a.events.length === 3 && b.events.length === 3);
    expect(a.events.map((e) => e.type)).toEqual(['live_detection', 'phase', 'future_thing']);
    expect(b.events).toEqual(a.events);
    expect(server.published).toBe(2);
  });

  it('caps the body, insists on a JSON content type, and knows its routes', async () => {
    const server = await start({ maxBodyBytes: 1000 });
    const big = JSON.stringify({ type: 'attack_profile', name: 'x', curve: Array(1000).fill(1) });
    expect((await post(server, big)).status).toBe(413);
    expect(
      (await post(server, JSON.stringify(detection('h')), { 'content-type': 'text/plain' })).status,
    ).toBe(415);
    expect((await post(server, '{}', { 'content-type': 'application/json' }, '/nope')).status).toBe(404);
    const get = await fetch(`${server.url}/publish`);
    expect(get.status).toBe(405);
    const status = await (await fetch(`${server.url}/healthz`)).json();
    expect(status).toMatchObject({ ok: true, viewers: 0, published: 0 });
  });

  it('answers only to loopback host names when bound to loopback (DNS rebinding)', async () => {
    const server = await start();
    const reply = await post(server, JSON.stringify(detection('h')), {
      'content-type': 'application/json',
      host: 'evil.example:8787',
    });
    expect(reply.status).toBe(421);
    expect(server.published).toBe(0);
  });
});

describe('bus server: tokens', () => {
  it('refuses to bind beyond loopback without a token', async () => {
    await expect(createBusServer({ host: '0.0.0.0', port: 0 })).rejects.toThrow(/BUS_TOKEN/);
  });

  it('checks the token on /publish and /ws when one is set', async () => {
    const server = await start({ token: 's3cret-token' });
    const body = JSON.stringify(detection('h'));
    expect((await post(server, body)).status).toBe(401);
    const wrong = { 'content-type': 'application/json', authorization: 'Bearer nope' };
    expect((await post(server, body, wrong)).status).toBe(401);
    // Refused after the upgrade, with 1008 and why: a browser would see only 1006 for an HTTP 401.
    const refused = await viewer(server.wsUrl);
    expect(await closed(refused.ws)).toEqual({ code: 1008, reason: 'missing or wrong token (?token=…)' });
    const a = await viewer(`${server.wsUrl}?token=s3cret-token`);
    const right = { 'content-type': 'application/json', authorization: 'Bearer s3cret-token' };
    expect((await post(server, body, right)).body).toEqual({ delivered: 1 });
    await until(() => a.events.length === 1);
  });
});

describe('bus server: fan-out and the sticky cache', () => {
  it('gives a late viewer the present at once', async () => {
    const server = await start();
    const early = await viewer(server.wsUrl);
    const snapshot = (episodes: number) => ({
      type: 'snapshot',
      hosts: [{ host_id: 'h1', online: true }],
      totals: { episodes, windows: 0, samples: 0 },
    });
    await post(server, JSON.stringify([snapshot(1), detection('h1'), snapshot(2)]));
    await post(
      server,
      JSON.stringify([
        { type: 'model_metric', model: 'gru', accuracy: 0.8 },
        { type: 'embedding', x: 0.1, y: 0.2 },
        { type: 'unknown_kind' },
      ]),
    );
    await until(() => early.events.length === 6);
    const late = await viewer(server.wsUrl);
    await until(() => late.events.length === 4);
    expect(late.events).toEqual([
      snapshot(2),
      { type: 'model_metric', model: 'gru', accuracy: 0.8 },
      { type: 'embedding', x: 0.1, y: 0.2 },
      detection('h1'),
    ]);
    // Live events follow the cache, each once.
    await post(server, JSON.stringify(detection('h2')));
    await until(() => late.events.length === 5 && early.events.length === 7);
    await new Promise((ok) => setTimeout(ok, 50));
    expect(late.events).toHaveLength(5);
  });

  it('batches a burst into few frames per viewer, each under the frame size', async () => {
    const server = await start({ maxFrameBytes: 4096 });
    const a = await viewer(server.wsUrl);
    const sizes: number[] = [];
    a.ws.on('message', (data) => sizes.push(String(data).length));
    const posts = Array.from({ length: 200 }, (_, i) => post(server, JSON.stringify(detection(`h${i % 5}`))));
    await Promise.all(posts);
    await until(() => a.events.length === 200);
    expect(a.frames).toBeLessThan(200);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4096);
  });

  it('runs the simulator itself with --sim, one fleet for every viewer', async () => {
    const server = await start({ sim: { seed: 4, hosts: 3 } });
    const a = await viewer(server.wsUrl);
    await until(() => a.events.some((e) => e.type === 'snapshot'));
    const types = new Set(a.events.map((e) => e.type));
    expect([...types]).toEqual(
      expect.arrayContaining(['snapshot', 'attack_profile', 'embedding', 'model_perf']),
    );
    expect(server.cache.sizes().snapshot).toBe(1);
  });

  it('gets a 10,000-host fleet to a viewer: its snapshot fits a frame, its ticks are split under the body cap', async () => {
    const server = await start({ sim: { seed: 4, hosts: 10_000 } });
    const a = await viewer(server.wsUrl);
    // The first detections of a 10,000-host fleet come within a few seconds of its start.
    await until(() => a.events.some((e) => e.type === 'live_detection'), 20_000);
    const snapshot = a.events.find((e) => e.type === 'snapshot') as EventOf<'snapshot'>;
    expect(snapshot.hosts).toHaveLength(10_000);
    expect(Buffer.byteLength(JSON.stringify(snapshot))).toBeLessThan(DEFAULT_MAX_FRAME_BYTES);
    // Every frame the viewer got is one the deck accepts.
    expect(a.largest).toBeLessThanOrEqual(DEFAULT_MAX_FRAME_BYTES);
  }, 30_000);
});

describe('bus server: shutdown', () => {
  it('closes with viewers connected, telling them it is going away', async () => {
    const server = await createBusServer({ port: 0 });
    const a = await viewer(server.wsUrl);
    const closed = new Promise<number>((ok) => a.ws.once('close', (code) => ok(code)));
    await server.close();
    expect(await closed).toBe(1001);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});

describe('packFrames', () => {
  it('keeps every item, in order, in frames under the limit', () => {
    const items = Array.from({ length: 100 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(i) }));
    const frames = packFrames(items, 500);
    const back = frames.flatMap((f) => {
      const v = JSON.parse(f);
      return Array.isArray(v) ? v : [v];
    });
    expect(back.map((v: { i: number }) => v.i)).toEqual(items.map((_, i) => i));
    for (const f of frames) expect(f.length <= 500 || !f.startsWith('[')).toBe(true);
    expect(packFrames(['{"a":1}'], 500)).toEqual(['{"a":1}']);
    expect(packFrames([], 500)).toEqual([]);
  });
});
