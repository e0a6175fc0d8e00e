/**
 * Writes public/sample-recording.ndjson: 60 s (one episode, six windows) of the seeded simulator, as a
 * recording (`t` = ms since it began), small enough to ship with the site.
 * Deterministic: same seed, same ticks, same file.
 *
 *   npx tsx scripts/make-sample-recording.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FleetEvent } from '../src/contract/schemas.js';
import { FleetSimulator } from '../src/sim/fleet-sim.js';

const SEED = 7;
const HOSTS = 6;
const DURATION_MS = 60_000;
const TICK_MS = 100;
/** A fixed start, so `t_wall` fields are the same on every run. */
const START_MS = Date.UTC(2026, 4, 8, 20, 0, 0);
/** The simulator opens with 800 embeddings; a recording needs fewer to fill the knn scene. */
const KEEP_EVERY_NTH_INITIAL_EMBEDDING = 4;

const sim = new FleetSimulator({ seed: SEED, hosts: HOSTS });
const lines: string[] = [];
/** Three decimals are plenty on a 1600×900 stage, and halve the file. */
const round = (_key: string, value: unknown) =>
  typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1e3) / 1e3 : value;
const write = (t: number, event: FleetEvent) => lines.push(JSON.stringify({ t, ...event }, round));

let initialEmbedding = 0;
for (const event of sim.tick(START_MS)) {
  if (event.type === 'embedding' && initialEmbedding++ % KEEP_EVERY_NTH_INITIAL_EMBEDDING !== 0) continue;
  write(0, event);
}
for (let t = TICK_MS; t <= DURATION_MS; t += TICK_MS) {
  for (const event of sim.tick(START_MS + t)) write(t, event);
}

const out = resolve(import.meta.dirname, '../public/sample-recording.ndjson');
mkdirSync(resolve(out, '..'), { recursive: true });
const text = `${lines.join('\n')}\n`;
writeFileSync(out, text);
console.log(
  `${out}: ${lines.length} events, ${(text.length / 1024).toFixed(0)} KiB, ${DURATION_MS / 1000} s`,
);
