import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { type BusServer, type BusServerOptions, createBusServer } from '../../../server/bus-server.js';
import { closed, detection, healthz, post, rawExchange, until, viewer } from './support/bus-client.js';

const servers: BusServer[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const server of servers.splice(0)) await server.close();
});

async function start(options: BusServerOptions = {}): Promise<BusServer> {
  const server = await createBusServer({ port: 0, ...options });
  servers.push(server);
  return server;
}

async function track<T extends { ws: WebSocket }>(v: Promise<T>): Promise<T> {
  const got = await v;
  sockets.push(got.ws);
  return got;
}

const statusOf = (reply: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0);

describe('bus server: no request line or header can stop it', () => {
  it('answers 400 to a URL the parser rejects, with or without Upgrade', async () => {
    const server = await start();
    const upgrade = await rawExchange(
      server,
      'GET // HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    expect(statusOf(upgrade)).toBe(400);
    const plain = await rawExchange(server, 'GET // HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(statusOf(plain)).toBe(400);
    expect(await healthz(server)).toBe(200);
  });

  it('survives a refused viewer that sends a malformed frame with its upgrade', async () => {
    const server = await start();
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      // Refused (not a loopback Host), and in the same packet a frame with RSV2 and RSV3 set:
      // the WebSocket that carries the refusal must not throw its parse error at the process.
      const upgrade = Buffer.concat([
        Buffer.from(
          'GET /ws HTTP/1.1\r\nHost: evil.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
            'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
          'latin1',
        ),
        Buffer.from([0xf1, 0x80, 0, 0, 0, 0]),
      ]);
      const reply = await rawExchange(server, upgrade, 300);
      expect(statusOf(reply)).toBe(101);
      expect(await healthz(server)).toBe(200);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('survives random request lines and headers over a real socket', async () => {
    const server = await start();
    const token = fc.stringMatching(/^[\x21-\x7e]{0,12}$/);
    const path = fc.oneof(
      fc.constantFrom(
        '/',
        '//',
        '/ws',
        '//ws',
        '/publish',
        '/healthz',
        '*',
        'http://x',
        '/%',
        '/\\\\',
        '/ws?run=&seq=-1',
      ),
      fc.string({ maxLength: 40 }).map((s) => `/${s}`),
      fc.stringMatching(/^[\x21-\x7e]{0,30}$/),
    );
    const header = fc.oneof(
      fc.constantFrom(
        'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13',
        'Host: evil.example',
        'Origin: null',
        'Origin: ://',
        'Content-Length: -1',
        'Content-Length: 99999999999999999999',
        'Transfer-Encoding: chunked',
        'Content-Type: application/json',
        'Authorization: Bearer',
      ),
      fc.tuple(token, fc.string({ maxLength: 40 })).map(([k, v]) => `${k}: ${v}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'OPTIONS', 'G\u00e9T', ''),
        path,
        fc.array(header, { maxLength: 6 }),
        fc.string({ maxLength: 60 }),
        async (method, target, headers, body) => {
          const raw = `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers.join('\r\n')}${headers.length ? '\r\n' : ''}\r\n${body}`;
          await rawExchange(server, Buffer.from(raw, 'latin1'), 150);
          expect(await healthz(server)).toBe(200);
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);

  it('answers an unknown type nested 5,000 deep with a 400 and a reason', async () => {
    const server = await start();
    const deep = `{"type":"mystery","deep":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    const reply = await post(server, deep);
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([
      { index: 0, type: 'mystery', field: '(event)', expected: 'nesting at most 64 deep', got: 'deeper' },
    ]);
    expect(await healthz(server)).toBe(200);
  });
});

describe('bus server: refusals the deck can read', () => {
  it('refuses a browser from another origin with 1008 and a reason; loopback, listed and absent origins are fine', async () => {
    const server = await start({ origins: ['https://deck.example'] });
    const evil = await track(viewer(server.wsUrl, { origin: 'https://evil.example' }));
    expect(await closed(evil.ws)).toEqual({
      code: 1008,
      reason: 'origin not allowed: https://evil.example (see BUS_ORIGINS)',
    });
    const nullOrigin = await track(viewer(server.wsUrl, { origin: 'null' }));
    expect((await closed(nullOrigin.ws)).code).toBe(1008);
    for (const origin of [
      'http://localhost:5173',
      'http://127.0.0.1:4173',
      'https://deck.example',
      undefined,
    ]) {
      const ok = await track(viewer(server.wsUrl, origin ? { origin } : {}));
      await until(() => ok.controls.length === 1);
      expect(ok.controls[0]!.bus).toBe('rebuild');
      expect(ok.ws.readyState).toBe(ok.ws.OPEN);
    }
  });

  it('refuses a foreign Host on /ws with 1008 and a reason (DNS rebinding)', async () => {
    const server = await start();
    const v = await track(viewer(server.wsUrl, { host: 'evil.example' }));
    expect(await closed(v.ws)).toEqual({
      code: 1008,
      reason: 'this bus answers only to loopback host names',
    });
  });

  it('answers 503 past MAX_VIEWERS', async () => {
    const server = await start({ maxViewers: 2 });
    await track(viewer(server.wsUrl));
    await track(viewer(server.wsUrl));
    await expect(viewer(server.wsUrl)).rejects.toThrow(/503/);
    expect(server.viewers).toBe(2);
  });
});

describe('bus server: timeouts, heartbeats, backlogs', () => {
  it('applies a 10 s header timeout and a 30 s request timeout by default, and drops a stalled header', async () => {
    const server = await start({ headersTimeoutMs: 1000 });
    const started = Date.now();
    const reply = await rawExchange(server, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n', 5000);
    expect(statusOf(reply)).toBe(408);
    expect(Date.now() - started).toBeLessThan(4000);
    const defaults = await start();
    const health = await (await fetch(`${defaults.url}/healthz`)).json();
    expect(health.ok).toBe(true);
    const { BUS_LIMITS } = await import('../../../server/bus-server.js');
    expect(BUS_LIMITS).toMatchObject({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      heartbeatMs: 10_000,
    });
  });

  it('sends every viewer an empty frame as a heartbeat', async () => {
    const server = await start({ heartbeatMs: 50 });
    const v = await track(viewer(server.wsUrl));
    await until(() => v.heartbeats >= 3);
  });

  it('terminates a viewer that does not read once its backlog passes the cap', async () => {
    const server = await start({ maxViewerBacklogBytes: 256 * 1024 });
    const v = await track(viewer(server.wsUrl));
    await until(() => v.controls.length === 1);
    // Stop reading: the kernel buffers fill, then the bus's own queue.
    (v.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const big = JSON.stringify(Array.from({ length: 4000 }, (_, i) => detection(`host-${i % 50}`, i)));
    for (let i = 0; i < 40 && server.viewers > 0; i++) {
      await post(server, big);
      await new Promise((ok) => setTimeout(ok, 20));
    }
    // Terminated, not closed politely: a socket that does not read would never finish a close handshake.
    expect(server.viewers).toBe(0);
  });

  it('cuts the viewer furthest behind when all backlogs together pass the budget', async () => {
    const server = await start({ maxTotalBacklogBytes: 512 * 1024 });
    const readers = [await track(viewer(server.wsUrl)), await track(viewer(server.wsUrl))];
    const slow = await track(viewer(server.wsUrl));
    await until(() => slow.controls.length === 1);
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const big = JSON.stringify(Array.from({ length: 4000 }, (_, i) => detection(`host-${i % 50}`, i)));
    for (let i = 0; i < 40 && server.viewers > 2; i++) {
      await post(server, big);
      await new Promise((ok) => setTimeout(ok, 20));
    }
    expect(server.viewers).toBe(2);
    for (const r of readers) expect(r.ws.readyState).toBe(r.ws.OPEN);
  });
});
