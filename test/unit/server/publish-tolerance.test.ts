import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type BusServer, createBusServer } from '../../../server/bus-server.js';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import { laneCells } from '../../../src/store/live-lanes.js';

/**
 * The contract's tolerance rules as a producer meets them: through POST
 * /publish of the local bus, which validates with the deck's own code.
 */

const servers: BusServer[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const server of servers.splice(0)) await server.close();
});

async function start(): Promise<BusServer> {
  const server = await createBusServer({ port: 0 });
  servers.push(server);
  return server;
}

interface Reply {
  status: number;
  body: { delivered?: number; errors?: { field: string; expected: string; got: string }[] };
}

function post(server: BusServer, body: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}/publish`,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
      },
    );
    req.on('error', reject);
    req.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
}

/** A viewer feeding a deck bus with what it receives, as the deck's WebSocket source does (numbered frames included). */
async function deckViewer(server: BusServer): Promise<{ bus: FleetBus; received: () => number }> {
  const bus = new FleetBus({ schedule: () => {} });
  const ws = new WebSocket(server.wsUrl);
  sockets.push(ws);
  ws.on('message', (data) => bus.ingestFrame(String(data)));
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok());
    ws.once('error', fail);
  });
  return { bus, received: () => bus.diagnostics.accepted };
}

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((ok) => setTimeout(ok, 10));
  }
};

describe('POST /publish and the tolerance rules', () => {
  it('accepts a coordinate a hair outside 0–1 and sends it clamped', async () => {
    const server = await start();
    const viewer = await deckViewer(server);
    const reply = await post(server, { type: 'embedding', x: 1.0000000000000002, y: 0.5, cluster: -1 });
    expect(reply).toEqual({ status: 200, body: { delivered: 1 } });
    await until(() => viewer.received() === 1);
    expect(viewer.bus.state.embeddings.positions[0]).toBe(1);
    expect(viewer.bus.state.embeddings.cluster[0]).toBe(-1);
    expect(viewer.bus.diagnostics.rejected).toBe(0);
  });

  it('refuses a percentage with the fraction meant, and sends nothing', async () => {
    const server = await start();
    const reply = await post(server, [
      { type: 'model_metric', model: 'lstm', accuracy: 0.93 },
      { type: 'model_metric', model: 'gru', accuracy: 92.8 },
    ]);
    expect(reply.status).toBe(400);
    expect(reply.body.delivered).toBe(0);
    expect(reply.body.errors).toEqual([
      {
        index: 1,
        type: 'model_metric',
        field: 'accuracy',
        expected: 'a fraction 0–1; did you mean 0.928?',
        got: '92.8',
      },
    ]);
  });

  it('delivers a follow-up without episode or window, which fills the waiting cell in the deck', async () => {
    const server = await start();
    const viewer = await deckViewer(server);
    const first = { type: 'live_detection', host_id: 'db-7', predicted: 'infecting', confidence: 0.8 };
    expect((await post(server, first)).body.delivered).toBe(1);
    expect((await post(server, { ...first, actual: 'infecting' })).body.delivered).toBe(1);
    await until(() => viewer.received() === 2);
    expect(laneCells(viewer.bus.state.live, 'db-7').map((c) => c.actual)).toEqual(['infecting']);
    expect(viewer.bus.state.live.judged).toBe(1);
  });
});
