import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { type BusServer, type BusServerOptions, createBusServer } from '../../../server/bus-server.js';
import { detection, post, type TestViewer, until, viewer } from './support/bus-client.js';

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

async function open(url: string): Promise<TestViewer> {
  const v = await viewer(url);
  sockets.push(v.ws);
  return v;
}

const windows = (v: TestViewer) => v.events.map((e) => e.window_idx);

describe('bus server: numbered broadcasts and resume', () => {
  it('numbers what it sends; a viewer that states what it saw gets only what it missed', async () => {
    const server = await start();
    const a = await open(server.wsUrl);
    await until(() => a.controls.length === 1);
    expect(a.controls[0]).toEqual({ bus: 'rebuild', run: server.run, seq: 0, reason: 'join' });
    await post(server, JSON.stringify([detection('h1', 0), detection('h1', 1)]));
    await until(() => a.events.length === 2);
    expect(a.last).toBe(2);
    a.ws.terminate();
    await until(() => server.viewers === 0);
    await post(server, JSON.stringify([detection('h1', 2)]));
    await post(server, JSON.stringify([detection('h1', 3)]));
    const b = await open(`${server.wsUrl}?run=${server.run}&seq=2`);
    await until(() => b.events.length === 2);
    expect(b.controls).toEqual([{ bus: 'resume', run: server.run, seq: 2 }]);
    expect(windows(b)).toEqual([2, 3]);
    await post(server, JSON.stringify([detection('h1', 4)]));
    await until(() => b.events.length === 3);
    expect(b.last).toBe(5);
  });

  it('says rebuild and sends its present when the viewer is from another run, or older than its ring', async () => {
    const server = await start({ resume: { events: 3 } });
    await post(server, JSON.stringify([detection('h1', 0)]));
    const restarted = await open(`${server.wsUrl}?run=someOtherRun&seq=40`);
    await until(() => restarted.events.length === 1);
    expect(restarted.controls).toEqual([{ bus: 'rebuild', run: server.run, seq: 1, reason: 'restarted' }]);
    for (let i = 1; i < 10; i++) await post(server, JSON.stringify([detection('h1', i)]));
    const old = await open(`${server.wsUrl}?run=${server.run}&seq=1`);
    await until(() => old.controls.length === 1);
    expect(old.controls[0]).toMatchObject({ bus: 'rebuild', reason: 'gap', seq: 10 });
    // The present: the lane as the cache holds it, not the history.
    await until(() => old.events.length === 10);
    const ahead = await open(`${server.wsUrl}?run=${server.run}&seq=99`);
    await until(() => ahead.controls.length === 1);
    expect(ahead.controls[0]!.reason).toBe('gap');
    const fresh = await open(server.wsUrl);
    await until(() => fresh.controls.length === 1);
    expect(fresh.controls[0]!.reason).toBe('join');
  });

  it('bounds its ring in bytes as well as events', async () => {
    const server = await start({ resume: { bytes: 4096 } });
    for (let i = 0; i < 200; i++) await post(server, JSON.stringify([detection('h1', i)]));
    const health = await (await fetch(`${server.url}/healthz`)).json();
    expect(health.resume_ring.bytes).toBeLessThanOrEqual(4096 + 1024);
    expect(health.resume_ring.events).toBeLessThan(200);
    expect(health).toMatchObject({ run: server.run, seq: 200 });
  });
});
