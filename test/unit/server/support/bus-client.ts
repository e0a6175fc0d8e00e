import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import type { BusServer } from '../../../../server/bus-server.js';

export interface Control {
  bus: string;
  run: string;
  seq: number;
  reason?: string;
}

/** A viewer of the project's bus: the events it got (each numbered one once), its controls and heartbeats. */
export interface TestViewer {
  ws: WebSocket;
  events: { type: string; [key: string]: unknown }[];
  controls: Control[];
  heartbeats: number;
  run?: string;
  last?: number;
}

export async function viewer(url: string, headers: Record<string, string> = {}): Promise<TestViewer> {
  const ws = new WebSocket(url, { headers });
  const state: TestViewer = { ws, events: [], controls: [], heartbeats: 0 };
  ws.on('message', (data) => {
    const parsed = JSON.parse(String(data));
    if (Array.isArray(parsed) && parsed.length === 0) state.heartbeats++;
    else if (parsed.bus === 'events') {
      const skip = state.last === undefined ? 0 : Math.max(0, state.last - parsed.seq + 1);
      state.events.push(...parsed.events.slice(skip));
      state.last = parsed.seq + parsed.events.length - 1;
    } else if (parsed.bus) {
      state.controls.push(parsed);
      if (parsed.bus === 'rebuild') state.events = [];
      state.run = parsed.run;
      state.last = Math.max(state.last ?? 0, parsed.seq);
      if (parsed.bus === 'rebuild') state.last = parsed.seq;
    } else state.events.push(...(Array.isArray(parsed) ? parsed : [parsed]));
  });
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok());
    ws.once('error', fail);
  });
  return state;
}

export const closed = (ws: WebSocket) =>
  new Promise<{ code: number; reason: string }>((ok) =>
    ws.once('close', (code, reason) => ok({ code, reason: String(reason) })),
  );

export function post(
  server: { url: string },
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/publish`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function healthz(server: { url: string }): Promise<number> {
  const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5000) });
  await res.arrayBuffer();
  return res.status;
}

/** Writes `raw` on a fresh TCP socket and collects what comes back until the bus closes it (or `ms`). */
export function rawExchange(server: BusServer, raw: string | Buffer, ms = 1000): Promise<string> {
  return new Promise((resolve) => {
    const socket: Socket = connect(server.port, '127.0.0.1');
    let text = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(text);
    };
    const timer = setTimeout(done, ms);
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('close', done);
    socket.on('error', done);
    socket.write(raw);
  });
}

export const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((ok) => setTimeout(ok, 10));
  }
};

export const detection = (host: string, window_idx = 0) => ({
  type: 'live_detection',
  host_id: host,
  predicted: 'armed',
  window_idx,
});
