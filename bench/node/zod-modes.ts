/**
 * Child process of the zod scenario: validates a batch of contract events
 * with zod's JIT on or off (`--jitless`) and prints one JSON line of figures.
 * A process per mode, because zod decides when a schema is built, so the
 * mode must be set before `src/contract/schemas.ts` loads.
 *
 * `zod` is the schemas' own `safeParse`; `validate` is `validateEvent`, the
 * deck's path (the fast path compiled from the schemas, zod for the rest).
 * Also times the other stages of the pipeline on the same events (decode,
 * reduce), so the bench can tell which stage bounds ingest.
 */
import { performance } from 'node:perf_hooks';
import { z } from 'zod';

const jitless = process.argv.includes('--jitless');
if (jitless) z.config({ jitless: true });

/** Best of `rounds` runs (the least disturbed by the rest of the machine), in events/s. */
function bestRate(rounds: number, work: () => number): number {
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const n = work();
    const dt = performance.now() - t0;
    best = Math.max(best, (n * 1000) / dt);
  }
  return best;
}

async function main(): Promise<void> {
  // Loaded after the mode is set (zod-mode.ts would leave an explicit jitless config alone).
  const { framePool } = await import('../lib/stream.js');
  const { decodeFrame } = await import('../../src/contract/wire.js');
  const { validateEvent } = await import('../../src/contract/validate.js');
  const { ZOD_JIT } = await import('../../src/contract/zod-mode.js');
  const { SCHEMAS_BY_TYPE } = await import('../../src/contract/schemas.js');
  const { initialStores, reduceStores } = await import('../../src/store/stores.js');
  type FleetEvent = import('../../src/contract/schemas.js').FleetEvent;

  const frames = framePool(500, 50_000);
  const candidates = frames.map((frame) => decodeFrame(frame.data).candidates);
  const events = candidates.reduce((n, list) => n + list.length, 0);
  const accepted: FleetEvent[][] = [];
  const rounds = 7;

  const parse = bestRate(rounds, () => {
    for (const frame of frames) JSON.parse(frame.data);
    return events;
  });
  const decode = bestRate(rounds, () => {
    for (const frame of frames) decodeFrame(frame.data);
    return events;
  });
  const zod = bestRate(rounds, () => {
    for (const list of candidates) {
      for (const candidate of list) {
        const type = (candidate as { type: keyof typeof SCHEMAS_BY_TYPE }).type;
        if (!SCHEMAS_BY_TYPE[type].safeParse(candidate).success) throw new Error(`zod rejected a ${type}`);
      }
    }
    return events;
  });
  const validate = bestRate(rounds, () => {
    accepted.length = 0;
    for (const list of candidates) {
      const out: FleetEvent[] = [];
      for (const candidate of list) {
        const result = validateEvent(candidate);
        if (result.kind === 'accepted') out.push(result.event);
      }
      accepted.push(out);
    }
    return events;
  });
  const acceptedCount = accepted.reduce((n, list) => n + list.length, 0);
  if (acceptedCount !== events) throw new Error(`only ${acceptedCount} of ${events} events validated`);
  const reduce = bestRate(rounds, () => {
    let state = initialStores();
    let now = 0;
    for (const list of accepted) {
      now += 5;
      state = reduceStores(state, list, now).state;
    }
    return events;
  });
  const mode = jitless ? 'jitless' : 'jit';
  process.stdout.write(
    `${JSON.stringify({ mode, zodJitDetected: ZOD_JIT, events, parse, decode, zod, validate, reduce })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
