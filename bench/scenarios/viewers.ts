import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import type { RunnerContext } from '../lib/context.js';
import type { BenchRow } from '../types.js';

const VIEWERS = 200;
const EVENTS_PER_SECOND = 5_000;
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

const STAMP = /"t_wall":(\d+)/;
const WINDOW_KEY = Buffer.from('"window_idx":');

/**
 * A viewer that counts what it is sent without parsing every frame (200 of
 * them share this process with the producer). The producer numbers its
 * events in `window_idx` and stamps `t_wall`, so a frame's head and tail say
 * which events it holds, and its first (oldest) event gives its latency.
 */
class CountingViewer {
  /** Events received, all run long. */
  received = 0;
  /** Frames whose sequence did not follow the last (events lost in between). */
  gaps = 0;
  readonly latencies: number[] = [];
  /** Latency is sampled for events stamped in [from, to) (ms). */
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
    // Count the frame's events without parsing it: each has one window_idx.
    let count = 0;
    for (let at = data.indexOf(WINDOW_KEY); at >= 0; at = data.indexOf(WINDOW_KEY, at + WINDOW_KEY.length))
      count++;
    if (this.lastSeq !== undefined && seq !== this.lastSeq + 1) this.gaps++;
    this.lastSeq = seq + count - 1;
    this.received += count;
    const stamp = Number(STAMP.exec(head)?.[1]);
    if (stamp >= this.from && stamp < this.to) this.latencies.push(Date.now() - stamp);
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
    const measureFrom = Date.now() + WARM_UP_S * 1000;
    for (const v of viewers) v.from = measureFrom;
    let rssPeak = rssIdle;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssMb(child.pid!));
    }, 500);
    const produced = await new Promise<{ sent: number; failed: number; seconds: number }>((ok, fail) => {
      const producer = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'bench/node/viewers-producer.ts',
          `--url=http://127.0.0.1:${port}`,
          `--rate=${EVENTS_PER_SECOND}`,
          `--seconds=${WARM_UP_S + MEASURE_S}`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      producer.stdout!.on('data', (d) => (out += String(d)));
      producer.once('exit', (code) => {
        try {
          ok(JSON.parse(out.trim().split('\n').pop()!));
        } catch {
          fail(new Error(`producer exited ${code}: ${out}`));
        }
      });
    });
    for (const v of viewers) v.to = Number.POSITIVE_INFINITY;
    const sent = produced.sent;
    // Let the last frames arrive (a loaded machine delivers late, not never).
    const end = Date.now() + 30_000;
    while (Date.now() < end && viewers.some((v) => v.received < sent)) await sleep(100);
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, rssMb(child.pid!));
    const shares = viewers.map((v) => v.received / sent);
    const worst = Math.min(...shares);
    const latencies = viewers.flatMap((v) => v.latencies);
    const refused = produced.failed;
    const cut = viewers.filter((v) => v.ws.readyState !== v.ws.OPEN).length;
    context.record('viewers', {
      sent,
      seconds: produced.seconds,
      failedEvents: refused,
      viewersCut: cut,
      gaps: viewers.reduce((n, v) => n + v.gaps, 0),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      rssIdle,
      rssPeak,
    });
    // The producer's own clock runs on until its last post is answered; the rate is over the posting time.
    const rate = sent / (WARM_UP_S + MEASURE_S);
    return [
      {
        scenario: 'viewers',
        metric: `events delivered per viewer (worst of ${VIEWERS})`,
        unit: '%',
        value: worst * 100,
        target: '= 100 %',
        met: worst === 1,
        note: `${sent} events in ${WARM_UP_S + MEASURE_S} s (${Math.round(rate)}/s, a producer process of its own) to ${VIEWERS} viewers; ${refused} events in failed posts; ${cut} viewers cut`,
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
    child.kill('SIGKILL');
  }
}
