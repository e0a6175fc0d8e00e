import { performance } from 'node:perf_hooks';
import type { RunnerContext } from '../lib/context.js';
import { assertCleanDeck, type FloodTarget, startFlood } from '../lib/flood.js';
import { sleep } from '../lib/pages.js';
import { intervals, median, percentile } from '../lib/stats.js';
import { framePool } from '../lib/stream.js';
import type { BenchRow } from '../types.js';

const FRAME_EVENTS = 500;
const WARMUP_S = 2;
const RECORD_S = 10;
/** Issue 9: p95 of the animation-frame interval under flood. */
export const MAX_P95_MS = 33;

interface FrameFigures {
  readonly median: number;
  readonly p95: number;
  readonly frames: number;
  readonly eventsPerSecond: number;
}

async function underFlood(
  context: RunnerContext,
  target: FloodTarget,
  frames: ReturnType<typeof framePool>,
): Promise<FrameFigures> {
  const flood = await startFlood(context.browser, context.siteUrl, target, frames, ['frames']);
  try {
    await sleep(WARMUP_S * 1000);
    const from = performance.now();
    await flood.opened.page.evaluate('globalThis.__benchFrames.start()');
    await sleep(RECORD_S * 1000);
    const stamps = (await flood.opened.page.evaluate('globalThis.__benchFrames.stop()')) as number[];
    const to = performance.now();
    if (target === 'deck') await assertCleanDeck(flood);
    const gaps = intervals(stamps);
    if (gaps.length < 10) throw new Error(`only ${stamps.length} animation frames in ${RECORD_S} s`);
    return {
      median: median(gaps),
      p95: percentile(gaps, 95),
      frames: stamps.length,
      eventsPerSecond: flood.rate(from, to),
    };
  } finally {
    await flood.close();
  }
}

/**
 * Scenario 2, frame time under flood: `#/live` ingesting 500-event frames as
 * fast as it takes them, the interval between animation frames (median and
 * p95), beside the floor page under the same flood.
 */
export async function run(context: RunnerContext): Promise<BenchRow[]> {
  const frames = framePool(FRAME_EVENTS, 60_000);
  const floor = await underFlood(context, 'floor', frames);
  const deck = await underFlood(context, 'deck', frames);
  context.log(
    `frame time: deck median ${deck.median.toFixed(1)} ms p95 ${deck.p95.toFixed(1)} ms at ${Math.round(deck.eventsPerSecond)}/s; floor median ${floor.median.toFixed(1)} p95 ${floor.p95.toFixed(1)}`,
  );
  const note = `${RECORD_S} s of ${FRAME_EVENTS}-event frames at the page's maximum: deck ${Math.round(deck.eventsPerSecond).toLocaleString('en-US')} events/s (${deck.frames} frames), floor ${Math.round(floor.eventsPerSecond).toLocaleString('en-US')} events/s (${floor.frames} frames)`;
  return [
    {
      scenario: 'frame time',
      metric: 'rAF interval median, #/live flooded',
      unit: 'ms',
      value: deck.median,
      floor: floor.median,
    },
    {
      scenario: 'frame time',
      metric: 'rAF interval p95, #/live flooded',
      unit: 'ms',
      value: deck.p95,
      floor: floor.p95,
      target: `≤ ${MAX_P95_MS} ms`,
      met: deck.p95 <= MAX_P95_MS,
      note,
    },
  ];
}
