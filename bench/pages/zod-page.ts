/**
 * The zod scenario's browser half: the simulator's event mix with about 5 %
 * invalid events, validated as the site validates them (`validateEvent`: the
 * fast path compiled from the schemas, zod for the rest) and with the
 * schemas' own `safeParse`, each timed as the best of a few passes. The
 * bench serves this page twice: once with the built site's Content-Security-
 * Policy `<meta>` put in (so zod runs jitless, as on the site), once without
 * (zod compiles its parsers: the floor). Results land in `__zodBench`.
 */
import { SCHEMAS_BY_TYPE } from '../../src/contract/schemas.js';
import { validateEvent } from '../../src/contract/validate.js';
import { ZOD_JIT } from '../../src/contract/zod-mode.js';
import { SimEventStream } from '../lib/stream.js';

declare global {
  var __zodBench:
    | {
        readonly zodJit: boolean;
        readonly events: number;
        readonly invalid: number;
        /** Events per second. */
        readonly validate: number;
        readonly zod: number;
        readonly violations: number;
      }
    | { readonly error: string }
    | undefined;
}

const EVENTS = 40_000;
/** One event in this many is made invalid: 5 %. */
const INVALID_EVERY = 20;
const PASSES = 5;

let violations = 0;
document.addEventListener('securitypolicyviolation', () => violations++);

type Candidate = Record<string, unknown> & { type: keyof typeof SCHEMAS_BY_TYPE };

/** Ways to break an event, tried in turn until zod refuses the result. */
const BREAKS: readonly ((e: Candidate) => Candidate | undefined)[] = [
  (e) => {
    const key = Object.keys(e).find((k) => typeof e[k] === 'number');
    return key ? { ...e, [key]: String(e[key]) } : undefined;
  },
  (e) => {
    const key = Object.keys(e).find((k) => k !== 'type' && typeof e[k] === 'string');
    return key ? { ...e, [key]: 7 } : undefined;
  },
  (e) => {
    const key = Object.keys(e).find((k) => k !== 'type');
    return key ? { ...e, [key]: null } : undefined;
  },
];

function broken(event: Candidate, turn: number): Candidate {
  for (let i = 0; i < BREAKS.length; i++) {
    const out = BREAKS[(turn + i) % BREAKS.length]!(event);
    if (out && !SCHEMAS_BY_TYPE[out.type].safeParse(out).success) return out;
  }
  throw new Error(`no way to break a ${event.type} event`);
}

function bestRate(work: () => number): number {
  let best = 0;
  for (let r = 0; r < PASSES; r++) {
    const t0 = performance.now();
    const n = work();
    best = Math.max(best, (n * 1000) / (performance.now() - t0));
  }
  return best;
}

function main(): void {
  const stream = new SimEventStream(9);
  stream.take(2000);
  // Through JSON, as events come off the wire.
  const events = (JSON.parse(JSON.stringify(stream.take(EVENTS))) as Candidate[]).map((e, i) =>
    i % INVALID_EVERY === INVALID_EVERY - 1 ? broken(e, Math.floor(i / INVALID_EVERY)) : e,
  );
  const invalid = Math.floor(EVENTS / INVALID_EVERY);
  let refused = 0;
  const validate = bestRate(() => {
    refused = 0;
    for (const e of events) if (validateEvent(e).kind !== 'accepted') refused++;
    return events.length;
  });
  if (refused !== invalid)
    throw new Error(`validateEvent refused ${refused} events, ${invalid} were invalid`);
  const zod = bestRate(() => {
    refused = 0;
    for (const e of events) if (!SCHEMAS_BY_TYPE[e.type].safeParse(e).success) refused++;
    return events.length;
  });
  if (refused !== invalid) throw new Error(`zod refused ${refused} events, ${invalid} were invalid`);
  globalThis.__zodBench = { zodJit: ZOD_JIT, events: EVENTS, invalid, validate, zod, violations };
}

// After the load settles, so the timing shares the page with nothing.
setTimeout(() => {
  try {
    main();
  } catch (error) {
    globalThis.__zodBench = { error: error instanceof Error ? error.message : String(error) };
  }
}, 200);
