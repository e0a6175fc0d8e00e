import { request } from 'node:http';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts, type NatsCluster, startNatsCluster } from '../../../server/nats-cluster.js';
import { createNatsGateway, type NatsGateway } from '../../../server/nats-gateway.js';
import { ensureStreams, joinBytesWithoutLive, STREAM_LIMITS } from '../../../server/nats-streams.js';
import { LIVE_JOIN_FULL_BYTES } from '../../../src/bus/nats-source.js';
import { streamName } from '../../../src/bus/nats-subjects.js';

/**
 * The gateway against a real three-node cluster (random loopback ports):
 * streams created idempotently with R3, the local bus's validation and
 * answers, acks counted, per-type limits in force, and 503 with a reason
 * when the cluster cannot be reached.
 */

let cluster: NatsCluster;
let gateway: NatsGateway;

beforeAll(async () => {
  cluster = await startNatsCluster({ nodes: 3 });
  gateway = await createNatsGateway({
    servers: cluster.nodes.map((n) => n.clientUrl),
    ...cluster.users.bridge,
    port: 0,
  });
  await gateway.ready;
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await cluster?.stop();
});

interface Reply {
  status: number;
  body: { delivered?: number; error?: string; errors?: { index?: number; field: string }[] };
}

function post(url: string, body: string, type = 'application/json'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/publish`, { method: 'POST', headers: { 'content-type': type } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const detection = (host: string, i: number) => ({
  type: 'live_detection',
  host_id: host,
  predicted: 'idle',
  episode_id: 'e1',
  window_idx: i,
});

// A real cluster on a shared machine: seconds, not milliseconds, per step.
describe('NATS gateway', { timeout: 30_000 }, () => {
  it('caps what a join reads from the streams other than the live one, with room for the newest lanes', () => {
    // 10.5 MiB of capped streams, plus full lanes only while they fit 4 MiB: under the 16 MiB budget.
    expect(joinBytesWithoutLive()).toBe(10.5 * 1024 * 1024);
    expect(joinBytesWithoutLive() + LIVE_JOIN_FULL_BYTES).toBeLessThanOrEqual(16 * 1024 * 1024);
  });

  it('creates every stream with R3, and running it again changes nothing', async () => {
    const nc = await connect({ servers: cluster.nodes[1]!.clientUrl, ...cluster.users.bridge });
    try {
      const jsm = await jetstreamManager(nc);
      const live = await jsm.streams.info(streamName('fleet', 'live_detection'));
      expect(live.config.num_replicas).toBe(3);
      expect(live.config.subjects).toEqual(['fleet.live_detection.*']);
      expect(live.config.max_msgs_per_subject).toBe(STREAM_LIMITS.live_detection.perSubject);
      const before = live.created;
      await ensureStreams(nc, 'fleet', 3);
      expect((await jsm.streams.info(streamName('fleet', 'live_detection'))).created).toBe(before);
    } finally {
      await nc.close();
    }
  });

  it('stores a body and answers {"delivered": N} with the count stored', async () => {
    const body = [detection('h.1 *', 0), detection('h.1 *', 1), { type: 'phase', phase: 'idle' }];
    const reply = await post(gateway.url, JSON.stringify(body));
    expect(reply).toEqual({ status: 200, body: { delivered: 3 } });
    const nc = await connect({ servers: cluster.nodes[2]!.clientUrl, ...cluster.users.bridge });
    try {
      const js = jetstream(nc);
      const msg = await js.streams
        .get(streamName('fleet', 'live_detection'))
        .then((s) => s.getMessage({ last_by_subj: 'fleet.live_detection.h~2E1~20~2A' }));
      expect(msg?.json()).toMatchObject({ host_id: 'h.1 *', window_idx: 1 });
    } finally {
      await nc.close();
    }
  });

  it('refuses an invalid body whole with the same answers as the local bus', async () => {
    const bad = await post(gateway.url, JSON.stringify([detection('a', 0), { type: 'phase', phase: 7 }]));
    expect(bad.status).toBe(400);
    expect(bad.body.delivered).toBe(0);
    expect(bad.body.errors?.[0]).toMatchObject({ index: 1, field: 'phase' });
    const garbage = await post(gateway.url, '{nope');
    expect(garbage.status).toBe(400);
    expect(garbage.body.errors?.[0]?.field).toBe('(body)');
    expect((await post(gateway.url, '{}', 'text/plain')).status).toBe(415);
  });

  it('keeps one snapshot and one event per profile: what the engine keeps is what the scenes show', async () => {
    const snap = (n: number) => ({
      type: 'snapshot',
      hosts: [],
      totals: { episodes: n, windows: 0, samples: 0 },
    });
    const profile = (name: string, v: number) => ({ type: 'attack_profile', name, curve: [v] });
    const reply = await post(
      gateway.url,
      JSON.stringify([snap(1), snap(2), profile('worm', 1), profile('worm', 2), profile('rat', 3)]),
    );
    expect(reply.body.delivered).toBe(5);
    const nc = await connect({ servers: cluster.nodes[0]!.clientUrl, ...cluster.users.bridge });
    try {
      const jsm = await jetstreamManager(nc);
      expect((await jsm.streams.info(streamName('fleet', 'snapshot'))).state.messages).toBe(1);
      expect((await jsm.streams.info(streamName('fleet', 'attack_profile'))).state.messages).toBe(2);
    } finally {
      await nc.close();
    }
  });

  it('answers 503 with a reason when the cluster cannot be reached', async () => {
    const [dead] = await freePorts(1);
    const lonely = await createNatsGateway({ servers: [`nats://127.0.0.1:${dead}`], port: 0 });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const reply = await post(lonely.url, JSON.stringify(detection('a', 0)));
      expect(reply.status).toBe(503);
      expect(reply.body.delivered).toBe(0);
      expect(reply.body.error).toMatch(/NATS unreachable at nats:\/\/127\.0\.0\.1:\d+/);
    } finally {
      await lonely.close();
    }
  });

  it('the producer user may publish but not read; the viewer may read but not publish', async () => {
    const producer = await connect({ servers: cluster.nodes[0]!.clientUrl, ...cluster.users.producer });
    const viewer = await connect({ servers: cluster.nodes[0]!.clientUrl, ...cluster.users.viewer });
    try {
      const ack = await jetstream(producer).publish(
        'fleet.phase',
        JSON.stringify({ type: 'phase', phase: 'idle' }),
      );
      expect(ack.seq).toBeGreaterThan(0);
      await expect(jetstreamManager(producer).then((m) => m.streams.delete('FLEET_PHASE'))).rejects.toThrow();
      await expect(
        jetstream(viewer, { timeout: 2_000 }).publish(
          'fleet.phase',
          JSON.stringify({ type: 'phase', phase: 'x' }),
        ),
      ).rejects.toThrow(/permission|timeout|no responders/i);
      // Reading works: an ordered consumer on the live stream.
      const consumer = await jetstream(viewer).consumers.get(streamName('fleet', 'live_detection'));
      const msg = await consumer.next({ expires: 2_000 });
      expect(msg?.json()).toMatchObject({ type: 'live_detection' });
    } finally {
      await producer.close();
      await viewer.close();
    }
  });
});
