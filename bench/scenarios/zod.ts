import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { RunnerContext } from '../lib/context.js';
import { deckCounts, openPage, sleep } from '../lib/pages.js';
import type { BenchRow } from '../types.js';

const run$ = promisify(execFile);

/** What bench/node/zod-modes.ts prints. */
interface ModeFigures {
  readonly mode: 'jit' | 'jitless';
  readonly events: number;
  readonly parse: number;
  readonly decode: number;
  /** The schemas' own safeParse. */
  readonly zod: number;
  /** validateEvent: the compiled fast path, zod for the rest. */
  readonly validate: number;
  readonly reduce: number;
}

async function measureMode(jitless: boolean): Promise<ModeFigures> {
  const args = ['--import', 'tsx', resolve('bench/node/zod-modes.ts'), ...(jitless ? ['--jitless'] : [])];
  const { stdout } = await run$(process.execPath, args, { timeout: 120_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ModeFigures;
}

/** Whether the built deck validates with zod's JIT, as its bus diagnostics say. */
async function siteZodJit(context: RunnerContext): Promise<boolean> {
  const opened = await openPage(context.browser, `${context.siteUrl}#/live`);
  try {
    for (let i = 0; i < 100; i++) {
      const counts = await deckCounts(opened.page);
      if (counts) return counts.zodJit;
      await sleep(100);
    }
    throw new Error('no <fleet-deck> bus on the page');
  } finally {
    await opened.close();
  }
}

/**
 * Zod with and without its JIT: the simulator's event mix validated in Node,
 * a process per mode (best of seven passes over 50,000 events), and which mode
 * the built site runs in, read from the deck's diagnostics.
 */
export async function run(context: RunnerContext): Promise<BenchRow[]> {
  // Alternate and keep each mode's best, so a burst of load elsewhere does not favour one.
  const jit: ModeFigures[] = [];
  const jitless: ModeFigures[] = [];
  for (let i = 0; i < 2; i++) {
    jit.push(await measureMode(false));
    jitless.push(await measureMode(true));
  }
  const best = (list: ModeFigures[], key: 'zod' | 'validate' | 'decode' | 'reduce' | 'parse') =>
    Math.max(...list.map((f) => f[key]));
  // Decoding and reducing do not depend on zod's mode: the best of every run.
  const all = [...jit, ...jitless];
  const siteJit = await siteZodJit(context);
  const siteMode = siteJit ? 'JIT' : 'jitless';
  context.record('zod', { jit, jitless, siteZodJit: siteJit });
  context.log(
    `zod: safeParse JIT ${Math.round(best(jit, 'zod'))}/s, jitless ${Math.round(best(jitless, 'zod'))}/s; validateEvent (fast path) ${Math.round(best(jitless, 'validate'))}/s; site runs ${siteMode}`,
  );
  const inForce = siteJit ? best(jit, 'validate') : best(jitless, 'validate');
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  return [
    {
      scenario: 'zod',
      metric: 'zod safeParse, jitless (floor: with JIT)',
      unit: 'events/s',
      value: best(jitless, 'zod'),
      floor: best(jit, 'zod'),
      note: `in force in the built site: ${siteMode} (its CSP has no 'unsafe-eval'; read from the deck's bus diagnostics). Node ${process.version}, the simulator's mix, best of 7 passes over ${jit[0]!.events.toLocaleString('en-US')} events, a process per mode`,
    },
    {
      scenario: 'zod',
      metric: `validateEvent as the site runs it (floor: zod with JIT)`,
      unit: 'events/s',
      value: inForce,
      floor: best(jit, 'zod'),
      note: 'validateEvent takes the fast path compiled from the schemas (src/contract/fast-validate.ts, no eval) and leaves zod what it cannot vouch for; every event here is valid',
    },
    {
      scenario: 'zod',
      metric: `pipeline stages in Node, site mode (${siteMode})`,
      unit: 'events/s',
      value: 1 / (1 / best(all, 'decode') + 1 / inForce + 1 / best(all, 'reduce')),
      floor: best(all, 'parse'),
      note: `decode ${n(best(all, 'decode'))}/s, validate ${n(inForce)}/s, reduce ${n(best(all, 'reduce'))}/s one after another; floor: JSON.parse alone`,
    },
  ];
}
