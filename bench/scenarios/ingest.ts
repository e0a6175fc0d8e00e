import type { RunnerContext } from '../lib/context.js';
import { assertCleanDeck, type FloodTarget, measureRate, startFlood } from '../lib/flood.js';
import { framePool } from '../lib/stream.js';
import type { BenchRow } from '../types.js';

/** Frame sizes the issue asks for, in events per WebSocket message. */
export const FRAME_SIZES = [1, 50, 500] as const;
/** Events in each pool of pre-serialised frames (cycled). */
const POOL_EVENTS = 60_000;
const WARMUP_S = 2;
/** Issue 9: with 500-event frames, deck ≥ 0.5 × floor and ≥ 100,000 events/s. */
export const MIN_FLOOR_SHARE = 0.5;
export const MIN_EVENTS_PER_SECOND = 100_000;

async function ingestRate(
  context: RunnerContext,
  target: FloodTarget,
  frames: ReturnType<typeof framePool>,
): Promise<number> {
  const flood = await startFlood(context.browser, context.siteUrl, target, frames);
  try {
    const rate = await measureRate(flood, WARMUP_S, context.ingestSeconds);
    if (target === 'deck') await assertCleanDeck(flood);
    return rate;
  } finally {
    await flood.close();
  }
}

/**
 * Scenario 1, ingest: the simulator's event mix in frames of 1, 50 and 500
 * events, offered as fast as the page takes them; the floor page only parses
 * and counts, the deck decodes, validates, reduces and draws `#/live`.
 */
export async function run(context: RunnerContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of FRAME_SIZES) {
    const frames = framePool(size, POOL_EVENTS);
    const floor = await ingestRate(context, 'floor', frames);
    const deck = await ingestRate(context, 'deck', frames);
    context.log(`ingest ${size}-event frames: floor ${Math.round(floor)}/s, deck ${Math.round(deck)}/s`);
    const gated = size === 500;
    rows.push({
      scenario: 'ingest',
      metric: `events/s, ${size}-event frames`,
      unit: 'events/s',
      value: deck,
      floor,
      target: gated ? `≥ ${MIN_FLOOR_SHARE} × floor, ≥ 100,000/s` : undefined,
      met: gated ? deck >= MIN_FLOOR_SHARE * floor && deck >= MIN_EVENTS_PER_SECOND : undefined,
    });
  }
  return rows;
}
