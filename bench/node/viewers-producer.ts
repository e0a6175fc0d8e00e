/**
 * The producer of the `viewers` bench scenario, in a process of its own so
 * the 200 viewers in the runner do not slow it: POSTs `--rate` events/s to
 * the bus at `--url` for `--seconds`, each a live_detection numbered in
 * `window_idx` and stamped with `t_wall` (ms), and prints one JSON line:
 * `{"sent": N, "failed": N}` (events in posts the bus did not take).
 */
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { url: { type: 'string' }, rate: { type: 'string' }, seconds: { type: 'string' } },
});
const url = `${values.url}/publish`;
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const POST_EVERY_MS = 20;
const MAX_BATCH = 2_000;
const agent = new Agent({ keepAlive: true, maxSockets: 2 });

function post(body: string): Promise<number> {
  return new Promise((ok) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => ok(res.statusCode ?? 0));
      },
    );
    req.on('error', () => ok(0));
    req.end(body);
  });
}

const started = Date.now();
let next = 0;
let failed = 0;
const pending: Promise<void>[] = [];
while (Date.now() - started < seconds * 1000) {
  const due = Math.min(MAX_BATCH, Math.floor(((Date.now() - started) / 1000) * rate) - next);
  if (due > 0) {
    const now = Date.now();
    const events = Array.from({ length: due }, (_, k) => ({
      type: 'live_detection',
      host_id: `host-${(next + k) % 500}`,
      predicted: 'armed',
      window_idx: next + k,
      t_wall: now,
    }));
    next += due;
    const body = JSON.stringify(events);
    pending.push(
      (async () => {
        // A keep-alive socket the bus closed as it was reused fails the post: send it again.
        for (let attempt = 0; attempt < 3; attempt++) if ((await post(body)) === 200) return;
        failed += due;
      })(),
    );
  }
  await new Promise((ok) => setTimeout(ok, POST_EVERY_MS));
}
await Promise.all(pending);
agent.destroy();
process.stdout.write(
  `${JSON.stringify({ sent: next - failed, failed, seconds: (Date.now() - started) / 1000 })}\n`,
);
