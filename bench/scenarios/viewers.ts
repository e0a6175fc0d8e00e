import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import WebSocket from 'ws';
import type { RunnerContext } from '../lib/context.js';
import type { BenchRow } from '../types.js';

const VIEWERS = 200;
const EVENTS_PER_SECOND = 5_000;
/** One POST every this many ms, of the events due in it. */
const POST_EVERY_MS = 20;
const WARM_UP_S = 2;
const MEASURE_S = 10;

/** `npm run bus` as its own process, so its RSS is its own. */
async function spawnBus(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/bus.ts', '--quiet'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', MAX_VIEWERS: String(VIEWERS + 10) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) ok(Number(m[1]));
    });
    child.once('exit', (code) => fail(new Error(`bus exited (${code}): ${out}`)));
  });
  return { child, port };
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

const HEAD = /"window_idx":(\d+),"t_wall":(\d+)/;
const TAIL = /"window_idx":(\d+),"t_wall":\d+\}\]\}$/;

/**
 * A viewer that counts what it is sent without parsing every frame (200 of
 * them share this process with the producer). The producer numbers its
 * events in `window_idx` and stamps `t_wall`, so a frame's head and tail say
 * which events it holds, and its first (oldest) event gives its latency.
 */
class CountingViewer {
  /** Events received with an index in [from, to). */
  received = 0;
  /** Frames whose sequence did not follow the last (events lost in between). */
  gaps = 0;
  readonly latencies: number[] = [];
  from = Number.POSITIVE_INFINITY;
  to = Number.POSITIVE_INFINITY;
  private lastSeq?: number;
  readonly ws: WebSocket;

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.on('message', (data: Buffer) => this.onFrame(data));
  }

  opened(): Promise<void> {
    return new Promise((ok, fail) => {
      this.ws.once('open', () => ok());
      this.ws.once('error', fail);
    });
  }

  private onFrame(data: Buffer): void {
    const head = data.subarray(0, 512).toString('latin1');
    if (!head.startsWith('{"bus":"events"')) return;
    const seq = Number(/"seq":(\d+)/.exec(head)![1]);
    const first = HEAD.exec(head);
    const last = TAIL.exec(data.subarray(Math.max(0, data.length - 96)).toString('latin1'));
    if (!first || !last) return;
    const a = Number(first[1]);
    const b = Number(last[1]);
    if (this.lastSeq !== undefined && seq !== this.lastSeq + 1) this.gaps++;
    this.lastSeq = seq + (b - a);
    this.received += Math.max(0, Math.min(b + 1, this.to) - Math.max(a, this.from));
    if (a >= this.from && a < this.to) this.latencies.push(Date.now() - Number(first[2]));
  }
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = values.slice().sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * 200 viewers (Node `ws` clients) on the local bus while a producer posts
 * 5,000 events/s: what each viewer got of what was sent in the measured
 * seconds, the latency from the producer's stamp to a viewer's receipt (p99
 * over every frame of every viewer), and the bus process's RSS.
 */
export async function run(context: RunnerContext): Promise<BenchRow[]> {
  const { child, port } = await spawnBus();
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const viewers: CountingViewer[] = [];
  try {
    const rssIdle = rssMb(child.pid!);
    for (let i = 0; i < VIEWERS; i += 20)
      await Promise.all(
        Array.from({ length: 20 }, () => {
          const v = new CountingViewer(`ws://127.0.0.1:${port}/ws`);
          viewers.push(v);
          return v.opened();
        }),
      );
    context.log(`viewers: ${viewers.length} connected; producing ${EVENTS_PER_SECOND} events/s`);
    const postBatch = (events: unknown[]) =>
      new Promise<number>((ok, fail) => {
        const body = JSON.stringify(events);
        const req = request(
          `http://127.0.0.1:${port}/publish`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            res.on('end', () => ok(res.statusCode ?? 0));
          },
        );
        req.on('error', fail);
        req.end(body);
      });
    const totalS = WARM_UP_S + MEASURE_S;
    const started = Date.now();
    let next = 0;
    let from = Number.NaN;
    let rssPeak = rssIdle;
    /** Index ranges of posts that failed: never sent, so not counted against the viewers. */
    const failed: [number, number][] = [];
    const pending: Promise<number>[] = [];
    for (let tick = 0; ; tick++) {
      const elapsed = Date.now() - started;
      if (elapsed >= totalS * 1000) break;
      if (Number.isNaN(from) && elapsed >= WARM_UP_S * 1000) {
        from = next;
        for (const v of viewers) v.from = from;
      }
      // Catch up to the rate (timers on a busy machine are late, not the producer's fault).
      const due = Math.floor((elapsed / 1000) * EVENTS_PER_SECOND) - next;
      if (due > 0) {
        const events = Array.from({ length: due }, (_, k) => ({
          type: 'live_detection',
          host_id: `host-${(next + k) % 500}`,
          predicted: 'armed',
          window_idx: next + k,
          t_wall: Date.now(),
        }));
        next += due;
        // A keep-alive socket the bus closed as it was reused fails the post: send it again.
        const send = async (): Promise<number> => {
          for (let attempt = 0; ; attempt++) {
            try {
              return await postBatch(events);
            } catch (error) {
              if (attempt >= 3) throw error;
            }
          }
        };
        const first = next - due;
        pending.push(
          send().catch(() => {
            failed.push([first, first + due]);
            return -1;
          }),
        );
      }
      if (tick % 25 === 0) rssPeak = Math.max(rssPeak, rssMb(child.pid!));
      await sleep(POST_EVERY_MS);
    }
    const to = next;
    for (const v of viewers) v.to = to;
    const statuses = await Promise.all(pending);
    const lost = failed.reduce((n, [a, b]) => n + Math.max(0, Math.min(b, to) - Math.max(a, from)), 0);
    const sent = to - from - lost;
    // Let the last frames arrive (a loaded machine delivers late, not never).
    const end = Date.now() + 30_000;
    while (Date.now() < end && viewers.some((v) => v.received < sent)) await sleep(100);
    rssPeak = Math.max(rssPeak, rssMb(child.pid!));
    const shares = viewers.map((v) => v.received / sent);
    const worst = Math.min(...shares);
    const latencies = viewers.flatMap((v) => v.latencies);
    const refused = statuses.filter((s) => s !== 200).length;
    const cut = viewers.filter((v) => v.ws.readyState !== v.ws.OPEN).length;
    context.record('viewers', {
      sent,
      seconds: MEASURE_S,
      refusedPosts: refused,
      viewersCut: cut,
      gaps: viewers.reduce((n, v) => n + v.gaps, 0),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      rssIdle,
      rssPeak,
    });
    const rate = sent / MEASURE_S;
    return [
      {
        scenario: 'viewers',
        metric: `events delivered per viewer (worst of ${VIEWERS})`,
        unit: '%',
        value: worst * 100,
        target: '= 100 %',
        met: worst === 1,
        note: `${sent} events in ${MEASURE_S} s (${Math.round(rate)}/s) to ${VIEWERS} viewers; ${refused} posts failed; ${cut} viewers cut`,
      },
      {
        scenario: 'viewers',
        metric: 'latency, producer to viewer, p99',
        unit: 'ms',
        value: percentile(latencies, 99),
        note: `p50 ${percentile(latencies, 50)} ms over ${latencies.length} frames (oldest event in each)`,
      },
      {
        scenario: 'viewers',
        metric: 'bus RSS, peak',
        unit: 'MB',
        value: rssPeak,
        note: `${rssIdle.toFixed(0)} MB before viewers`,
      },
    ];
  } finally {
    for (const v of viewers) v.ws.terminate();
    agent.destroy();
    child.kill('SIGKILL');
  }
}
