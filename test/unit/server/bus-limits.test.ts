import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { post } from './support/bus-client.js';

/**
 * These run `npm run bus` as its own process: the limits are about the
 * process (its file descriptors, its resident memory), which a bus inside
 * the test runner would share with everything else.
 */
const children: ChildProcess[] = [];
const sockets: Socket[] = [];

afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

async function startBus(shellPrefix = ''): Promise<{ child: ChildProcess; url: string; port: number }> {
  const child = spawn('bash', ['-c', `${shellPrefix}exec node --import tsx server/bus.ts --port 0 --quiet`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /listening on (http:\/\/[\d.]+:(\d+))/.exec(out);
      if (m) ok(m[1]!);
    });
    child.once('exit', (code) => fail(new Error(`bus exited (${code}): ${out}`)));
  });
  return { child, url, port: Number(new URL(url).port) };
}

function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]) * 1024;
}

const idleSocket = (port: number) =>
  new Promise<Socket>((ok) => {
    const s = connect(port, '127.0.0.1', () => ok(s));
    s.on('error', () => ok(s));
    sockets.push(s);
  });

describe('npm run bus as a process', () => {
  it('answers /healthz with 1,100 idle sockets open at a 1,024 file-descriptor limit', async () => {
    const bus = await startBus('ulimit -n 1024; ');
    for (let i = 0; i < 1100; i += 100)
      await Promise.all(Array.from({ length: 100 }, () => idleSocket(bus.port)));
    const res = await fetch(`${bus.url}/healthz`, { signal: AbortSignal.timeout(5000) });
    expect(res.status).toBe(200);
    expect((await res.json()).ok).toBe(true);
  }, 60_000);

  it('grows by at most 64 MB for 20 late joiners that never read, with the cache full', async () => {
    const bus = await startBus();
    // Fill the cache to its byte bound (16 MiB): 2,000 hosts, 70 windows each, realistic cells.
    for (let round = 0; round < 70; round += 2) {
      const events = [];
      for (let h = 0; h < 2000; h++)
        for (const w of [round, round + 1])
          events.push({
            type: 'live_detection',
            host_id: `host-${String(h).padStart(5, '0')}`,
            predicted: 'beaconing',
            actual: 'beaconing',
            confidence: 0.8731,
            model: 'gru',
            profile: 'apt-slow-burn',
            episode_id: `ep-${h}-0001`,
            window_idx: w,
            latency_ms: 3.25,
            t_wall: 1_760_000_000_000 + w * 10_000,
          });
      for (let i = 0; i < events.length; i += 2000) {
        const reply = await post({ url: bus.url }, JSON.stringify(events.slice(i, i + 2000)));
        expect(reply.status).toBe(200);
      }
    }
    const before = await (await fetch(`${bus.url}/healthz`)).json();
    // At its bound: lanes trimmed to fit (to 90 % of the budget, so it does not trim on every add).
    expect(before.cached.cellsPerHost).toBeLessThan(60);
    expect(before.cached.bytes).toBeGreaterThan(0.85 * 16 * 1024 * 1024);
    expect(before.cached.hosts).toBe(2000);
    await new Promise((ok) => setTimeout(ok, 500));
    const rss0 = rssBytes(bus.child.pid!);
    // Twenty viewers complete the handshake and never read a byte.
    for (let i = 0; i < 20; i++) {
      const s = await idleSocket(bus.port);
      s.pause();
      s.write(
        'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
    }
    await new Promise((ok) => setTimeout(ok, 2000));
    const after = await (await fetch(`${bus.url}/healthz`)).json();
    // All of them still connected: none was cut to make the figure.
    expect(after.viewers).toBe(20);
    const growth = rssBytes(bus.child.pid!) - rss0;
    console.log(
      `bus RSS growth for 20 late joiners: ${(growth / 1e6).toFixed(1)} MB (cache ${before.cached.bytes} bytes)`,
    );
    expect(growth).toBeLessThanOrEqual(64 * 1024 * 1024);
  }, 120_000);
});
