/**
 * `fanout`: one producer, 200 viewers (Node clients), the same event mix and
 * rate, first through the local bus (`npm run bus`), then through a
 * three-node NATS cluster (`npm run bus -- --nats` as the bridge, viewers
 * reading JetStream the way the deck does: an ordered consumer per stream).
 * Per path: events delivered per second per viewer, p99 producer-to-viewer
 * latency (stamped in `t_wall` as the producer posts), and the servers'
 * resident memory at its highest.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import WebSocket from 'ws';
import { type NatsCluster, startNatsCluster } from '../../server/nats-cluster.js';
import { ensureStreams, STREAM_LIMITS } from '../../server/nats-streams.js';
import { joinPolicy } from '../../src/bus/nats-source.js';
import { STREAM_TYPES, streamName, subjectFor } from '../../src/bus/nats-subjects.js';
import type { FleetEvent } from '../../src/contract/schemas.js';
import { FleetSimulator } from '../../src/sim/fleet-sim.js';
import type { RunnerContext } from '../lib/context.js';
import { median, percentile } from '../lib/stats.js';
import { emptyTally, missingByType, type Tally, tallyText, wallNow } from '../lib/viewer-tally.js';
import type { BenchRow } from '../types.js';

const VIEWERS = 200;
/** Events per second the producer posts, in 10 posts a second. */
const RATE = 250;
const SECONDS = 10;
const POSTS_PER_SECOND = 10;

/** The simulator's mix (detections, follow-up truth, embeddings, episodes, snapshots…) for 50 hosts. */
function eventMix(count: number): FleetEvent[] {
  const sim = new FleetSimulator({ seed: 3, hosts: 50, rate: 50 });
  const out: FleetEvent[] = [];
  for (let t = 0; out.length < count; t += 100) out.push(...sim.tick(1_700_000_000_000 + t));
  return out.slice(0, count);
}

function rssOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Number(kb[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** `npm run bus [-- --nats …]` as its own process; resolves with its HTTP URL once it answers healthy. */
async function spawnBus(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/bus.ts', '--quiet', ...args], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`bus did not start: ${out}`)), 30_000);
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
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while ((await fetch(`${url}/healthz`)).status !== 200) {
    if (Date.now() > deadline) throw new Error('bus never became ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, child };
}

/**
 * One POST; a retry after a dropped keep-alive socket sends the same Idempotency-Key, so the
 * NATS bridge stores nothing twice.
 */
function postOnce(url: string, agent: Agent, text: string, key: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/publish`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'idempotency-key': key } },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`publish: ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

/** Posts the mix at RATE for SECONDS, `t_wall` of each detection stamped as it goes; samples `rss` each second. */
async function produce(
  url: string,
  mix: readonly FleetEvent[],
  rss: () => number,
): Promise<{ peakRss: number; failedPosts: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const perPost = RATE / POSTS_PER_SECOND;
  let peakRss = rss();
  const failedPosts = 0;
  const started = performance.now();
  const posts: Promise<void>[] = [];
  for (let i = 0; i < SECONDS * POSTS_PER_SECOND; i++) {
    const due = started + (i * 1000) / POSTS_PER_SECOND;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const stamp = wallNow();
    const batch = mix
      .slice(i * perPost, (i + 1) * perPost)
      .map((e) => (e.type === 'live_detection' ? { ...e, t_wall: stamp } : e));
    const text = JSON.stringify(batch);
    posts.push(
      postOnce(url, agent, text, `fanout-${i}`).catch(() => postOnce(url, agent, text, `fanout-${i}`)),
    );
    if (i % POSTS_PER_SECOND === 0) peakRss = Math.max(peakRss, rss());
  }
  await Promise.all(posts);
  peakRss = Math.max(peakRss, rss());
  agent.destroy();
  return { peakRss, failedPosts };
}

/** Waits until every viewer holds `expected` events or the totals stop moving for 3 s. */
async function drained(tallies: readonly Tally[], expected: number, rss: () => number): Promise<number> {
  let last = -1;
  let still = performance.now();
  let peak = rss();
  for (;;) {
    const total = tallies.reduce((s, t) => s + t.events, 0);
    peak = Math.max(peak, rss());
    if (total >= expected * tallies.length) return peak;
    if (total !== last) {
      last = total;
      still = performance.now();
    } else if (performance.now() - still > 3_000) return peak;
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface PathFigures {
  failedPosts: number;
  perViewer: number;
  minPerViewer: number;
  p99: number;
  peakRss: number;
  missing: number;
  /** The missing deliveries by event type. */
  missingByType: Record<string, number>;
}

function figures(
  tallies: readonly Tally[],
  seconds: number,
  sent: readonly FleetEvent[],
  peakRss: number,
  failedPosts: number,
): PathFigures {
  const counts = tallies.map((t) => t.events);
  const latencies = tallies.flatMap((t) => t.latencies);
  return {
    perViewer: median(counts) / seconds,
    minPerViewer: Math.min(...counts) / seconds,
    p99: percentile(latencies, 99),
    peakRss,
    failedPosts,
    missing: counts.reduce((s, c) => s + Math.max(0, sent.length - c), 0),
    missingByType: missingByType(tallies, sent),
  };
}

async function localPath(mix: readonly FleetEvent[], log: (m: string) => void): Promise<PathFigures> {
  const bus = await spawnBus([]);
  const wsUrl = `${bus.url.replace('http:', 'ws:')}/ws`;
  const sockets: WebSocket[] = [];
  const tallies: Tally[] = [];
  try {
    for (let i = 0; i < VIEWERS; i++) {
      const tally = emptyTally();
      const ws = new WebSocket(wsUrl);
      ws.on('message', (data) => tallyText(tally, String(data)));
      await new Promise<void>((ok, fail) => {
        ws.once('open', () => ok());
        ws.once('error', fail);
      });
      sockets.push(ws);
      tallies.push(tally);
    }
    log(`fanout: ${VIEWERS} viewers on the local bus; producing ${RATE}/s for ${SECONDS} s`);
    const rss = () => rssOf(bus.child.pid);
    const t0 = performance.now();
    const { peakRss, failedPosts } = await produce(bus.url, mix, rss);
    const peak = await drained(tallies, mix.length, rss);
    return figures(tallies, (performance.now() - t0) / 1000, mix, Math.max(peakRss, peak), failedPosts);
  } finally {
    for (const ws of sockets) ws.terminate();
    bus.child.kill('SIGTERM');
  }
}

/** One viewer the way the deck reads: an ordered consumer per stream. */
async function natsViewer(servers: string[], cluster: NatsCluster, tally: Tally): Promise<NatsConnection> {
  const nc = await connect({ servers, ...cluster.users.viewer, noRandomize: true });
  const js = jetstream(nc);
  for (const type of STREAM_TYPES) {
    const consumer = await js.consumers.get(streamName('fleet', type), { deliver_policy: DeliverPolicy.New });
    const messages = await consumer.consume({ max_messages: 1_000, expires: 5_000 });
    void (async () => {
      for await (const m of messages) tallyText(tally, m.string());
    })();
  }
  return nc;
}

async function natsPath(mix: readonly FleetEvent[], log: (m: string) => void): Promise<PathFigures> {
  const cluster = await startNatsCluster({ nodes: 3 });
  const conns: NatsConnection[] = [];
  let bridge: { url: string; child: ChildProcess } | undefined;
  try {
    bridge = await spawnBus(['--nats', cluster.clientUrls], {
      NATS_USER: cluster.users.bridge.user,
      NATS_PASS: cluster.users.bridge.pass,
    });
    const tallies: Tally[] = [];
    for (let i = 0; i < VIEWERS; i++) {
      const tally = emptyTally();
      // Viewers spread over the nodes, as browsers behind a load balancer would be.
      const first = cluster.nodes[i % cluster.nodes.length]!.clientUrl;
      conns.push(await natsViewer([first], cluster, tally));
      tallies.push(tally);
    }
    log(
      `fanout: ${VIEWERS} viewers (${VIEWERS * STREAM_TYPES.length} ordered consumers) on NATS ×3; producing`,
    );
    const child = bridge.child;
    const rss = () => cluster.rssBytes() + rssOf(child.pid);
    const t0 = performance.now();
    const { peakRss, failedPosts } = await produce(bridge.url, mix, rss);
    const peak = await drained(tallies, mix.length, rss);
    return figures(tallies, (performance.now() - t0) / 1000, mix, Math.max(peakRss, peak), failedPosts);
  } finally {
    await Promise.all(conns.map((c) => c.close().catch(() => undefined)));
    bridge?.child.kill('SIGTERM');
    await cluster.stop();
  }
}

const JOIN_HOSTS = 10_000;
/** Windows per host in the join fleet (each with its follow-up truth): enough to pass the full-lanes budget. */
const JOIN_WINDOWS = 6;
const JOIN_BUDGET = 16 * 1024 * 1024;
const PHASES = ['clean', 'armed', 'infecting', 'infected_running', 'dormant'];

/** A 10,000-host fleet's present, shaped like the simulator's events, every other stream filled to its cap. */
function* joinFleet(): Generator<FleetEvent> {
  const t = 1_700_000_000_000;
  for (let w = 0; w < JOIN_WINDOWS; w++)
    for (let h = 0; h < JOIN_HOSTS; h++) {
      const base = {
        type: 'live_detection' as const,
        host_id: `host-${String(h).padStart(5, '0')}`,
        predicted: PHASES[(h + w) % 5]!,
        confidence: 0.91,
        model: 'gru',
        profile: 'slow-exfil',
        episode_id: `ep-${h}-0`,
        window_idx: w,
        latency_ms: 1.2,
        t_wall: t + w * 2_000,
      };
      yield base;
      yield { ...base, actual: PHASES[(h + w + (w % 3 === 0 ? 1 : 0)) % 5]! };
    }
  for (let i = 0; i < STREAM_LIMITS.embedding.msgs; i++)
    yield {
      type: 'embedding',
      x: (i % 97) / 97,
      y: (i % 89) / 89,
      z: (i % 83) / 83,
      phase: PHASES[i % 5]!,
      predicted: PHASES[(i + 1) % 5]!,
      cluster: i % 10,
    };
  for (let i = 0; i < STREAM_LIMITS.episode.msgs; i++)
    yield {
      type: 'episode',
      episode_id: `ep-${i}-0`,
      host_id: `host-${String(i).padStart(5, '0')}`,
      profile: 'slow-exfil',
      status: 'complete',
      started: t,
      duration_s: 60,
      windows: 6,
      samples: 600,
      phases: PHASES.map((phase, k) => ({ phase, start_s: k * 12, end_s: k * 12 + 12 })),
    };
  for (let i = 0; i < 64; i++)
    yield {
      type: 'attack_profile',
      name: `profile-${i}`,
      curve: Array.from({ length: 60 }, (_, k) => Math.sin(k / 6)),
    };
  yield {
    type: 'snapshot',
    hosts: Array.from({ length: 4096 }, (_, h) => ({
      host_id: `host-${String(h).padStart(5, '0')}`,
      online: true,
      phase: PHASES[h % 5]!,
    })),
    totals: { episodes: 512, windows: JOIN_HOSTS * JOIN_WINDOWS, samples: 6_000_000 },
  };
  for (let i = 0; i < STREAM_LIMITS.phase.msgs; i++) yield { type: 'phase', phase: PHASES[i % 5]! };
  for (let i = 0; i < 6; i++) yield { type: 'model_metric', model: `m${i}`, accuracy: 0.9 };
  for (let i = 0; i < 6; i++)
    yield { type: 'model_perf', model: `m${i}`, latency_us: 1000 + i, accuracy: 0.9 };
  for (let i = 0; i < 6; i++)
    yield { type: 'prediction', episode_id: 'ep-0-0', window_idx: i, predicted: 'armed', actual: 'armed' };
  yield {
    type: 'phase_mix',
    mix: { clean: 0.4, armed: 0.2, infecting: 0.1, infected_running: 0.2, dormant: 0.1 },
  };
}

/**
 * What a browser joining a 10,000-host fleet reads: the streams filled as a
 * big fleet fills them, then read with the deck's own join policy.
 */
async function joinBytes(
  log: (m: string) => void,
): Promise<{ read: number; liveStream: number; messages: number }> {
  const cluster = await startNatsCluster({ nodes: 1 });
  const nc = await connect({ servers: cluster.clientUrls, ...cluster.users.bridge });
  try {
    await ensureStreams(nc, 'fleet', 1);
    let n = 0;
    for (const event of joinFleet()) {
      nc.publish(subjectFor('fleet', event)!, JSON.stringify(event));
      if (++n % 5_000 === 0) await nc.flush();
    }
    await nc.flush();
    log(`fanout: join fleet of ${JOIN_HOSTS} hosts published (${n} events); reading as a joining deck`);
    const js = jetstream(nc);
    let read = 0;
    let messages = 0;
    let liveStream = 0;
    for (const type of STREAM_TYPES) {
      const info = await (await js.streams.get(streamName('fleet', type))).info();
      if (type === 'live_detection') liveStream = info.state.bytes;
      const policy = joinPolicy(type, info.state.bytes, 0);
      const consumer = await js.consumers.get(streamName('fleet', type), policy);
      const pending = (await consumer.info()).num_pending;
      if (pending === 0) continue;
      const iter = await consumer.consume({ max_messages: 1_000, expires: 5_000 });
      let got = 0;
      for await (const m of iter) {
        read += m.data.length;
        messages++;
        if (++got >= pending) break;
      }
    }
    return { read, liveStream, messages };
  } finally {
    await nc.close();
    await cluster.stop();
  }
}

export async function run(context: RunnerContext): Promise<BenchRow[]> {
  const join = await joinBytes(context.log);
  const mix = eventMix(RATE * SECONDS);
  const local = await localPath(mix, context.log);
  const nats = await natsPath(mix, context.log);
  const load = loadavg()[0]!.toFixed(1);
  context.record('fanout', { viewers: VIEWERS, rate: RATE, seconds: SECONDS, local, nats, join, load });
  const MiB = 1024 * 1024;
  const byType = (f: PathFigures) =>
    Object.entries(f.missingByType)
      .map(([type, n]) => `${type} ${n}`)
      .join(', ');
  const note = (f: PathFigures) =>
    `slowest viewer ${f.minPerViewer.toFixed(0)}/s; ${f.missing} deliveries missing` +
    (f.missing > 0 ? ` (${byType(f)})` : '');
  return [
    {
      scenario: 'fanout',
      metric: `events/s per viewer, local bus (${VIEWERS} viewers, ${RATE}/s sent)`,
      unit: 'ev/s',
      value: local.perViewer,
      note: note(local),
    },
    {
      scenario: 'fanout',
      metric: `events/s per viewer, NATS ×3 (${VIEWERS} viewers, ${RATE}/s sent)`,
      unit: 'ev/s',
      value: nats.perViewer,
      note: note(nats),
    },
    { scenario: 'fanout', metric: 'p99 producer → viewer, local bus', unit: 'ms', value: local.p99 },
    { scenario: 'fanout', metric: 'p99 producer → viewer, NATS ×3', unit: 'ms', value: nats.p99 },
    { scenario: 'fanout', metric: 'server RSS, local bus (peak)', unit: 'MiB', value: local.peakRss / MiB },
    {
      scenario: 'fanout',
      metric: 'server RSS, NATS ×3 + bridge (peak)',
      unit: 'MiB',
      value: nats.peakRss / MiB,
      note: `viewers and producer share one Node process; load average ${load} on ${cpus().length} cores during the run`,
    },
    {
      scenario: 'fanout',
      metric: `join read, ${JOIN_HOSTS.toLocaleString('en')}-host fleet`,
      unit: 'MiB',
      value: join.read / MiB,
      target: `≤ ${JOIN_BUDGET / MiB} MiB`,
      met: join.read <= JOIN_BUDGET,
      note: `${join.messages} messages; the live stream alone holds ${(join.liveStream / MiB).toFixed(1)} MiB (newest window per host read)`,
    },
  ];
}
