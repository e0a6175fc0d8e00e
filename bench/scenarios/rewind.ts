import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { HISTORY_MAX_EVENTS, HISTORY_MS } from '../../src/bus/timeline.js';
import type { RunnerContext } from '../lib/context.js';
import type { BenchRow } from '../types.js';

const run$ = promisify(execFile);

/** Ten minutes of history at the soak's rate. */
const MINUTES = 10;
/** Bounded: the heap at the end within this of the heap half-way (the history full from the first minute). */
const MAX_GROWTH = 0.1;

/** What bench/node/rewind-heap.ts prints. */
interface HeapFigures {
  readonly rewind: boolean;
  readonly events: number;
  readonly rejected: number;
  readonly heapHalf: number;
  readonly heapEnd: number;
  readonly feedSeconds: number;
  readonly history?: { events: number; spanMs: number; checkpoints: number };
  readonly seekMedianMs?: number;
  readonly seekMaxMs?: number;
}

async function measure(rewind: boolean): Promise<HeapFigures> {
  const args = [
    '--expose-gc',
    '--import',
    'tsx',
    resolve('bench/node/rewind-heap.ts'),
    `--minutes=${MINUTES}`,
    ...(rewind ? ['--rewind'] : []),
  ];
  const { stdout } = await run$(process.execPath, args, { timeout: 30 * 60_000, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as HeapFigures;
}

const MB = 1024 * 1024;

/**
 * Rewind's memory: a bus fed ten minutes of the simulator's mix at 5,000
 * events/s (the soak's rate) on a virtual clock, with time control (history,
 * checkpoints) against without, each in its own Node process; the heap after
 * a forced GC at the end, and half-way, to show the history is bounded.
 */
export async function run(context: RunnerContext): Promise<BenchRow[]> {
  const off = await measure(false);
  context.log(`rewind: off ${(off.heapEnd / MB).toFixed(1)} MB`);
  const on = await measure(true);
  context.log(`rewind: on ${(on.heapEnd / MB).toFixed(1)} MB`);
  context.record('rewind', { off, on });
  if (on.rejected > 0 || off.rejected > 0) throw new Error('the bus refused part of a valid stream');
  const history = on.history!;
  const growth = on.heapEnd / on.heapHalf - 1;
  const fed = `${on.events.toLocaleString('en-US')} events (${MINUTES} min at 5,000/s, 50-event frames, virtual clock)`;
  return [
    {
      scenario: 'rewind',
      metric: `JS heap after GC, ${MINUTES} min at 5,000 events/s, rewind on (floor: off)`,
      unit: 'MB',
      value: on.heapEnd / MB,
      floor: off.heapEnd / MB,
      note: `${fed}; the history keeps ${HISTORY_MS / 60_000} min or ${HISTORY_MAX_EVENTS.toLocaleString('en-US')} events, whichever is shorter`,
    },
    {
      scenario: 'rewind',
      metric: `JS heap after GC, rewind on, minute ${MINUTES / 2} → minute ${MINUTES}`,
      unit: 'MB',
      value: on.heapEnd / MB,
      floor: on.heapHalf / MB,
      target: `bounded: ≤ ${1 + MAX_GROWTH} × minute ${MINUTES / 2}`,
      met: growth <= MAX_GROWTH,
    },
    {
      scenario: 'rewind',
      metric: 'history held at 5,000 events/s',
      unit: 's',
      value: history.spanMs / 1000,
      note: `${history.events.toLocaleString('en-US')} events, ${history.checkpoints} checkpoints`,
    },
    {
      scenario: 'rewind',
      metric: 'seek anywhere in that history (median / slowest of 21)',
      unit: 'ms',
      value: on.seekMedianMs!,
      note: `slowest ${on.seekMaxMs!.toFixed(0)} ms`,
    },
  ];
}
