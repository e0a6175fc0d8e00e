import type { RunnerContext } from '../lib/context.js';
import {
  assertCleanDeck,
  FLOOD_WINDOW_EVENTS,
  type FloodTarget,
  isFloor,
  measureRate,
  startFlood,
} from '../lib/flood.js';
import { alternateRounds, listRounds, pairsOf, roundsRow, targets } from '../lib/rounds.js';
import { BENCH_HOSTS, framePool } from '../lib/stream.js';
import type { BenchRow } from '../types.js';

/** Frame sizes the issue asks for, in events per WebSocket message. */
export const FRAME_SIZES = [1, 50, 500] as const;
/** Events in each pool of pre-serialised frames (cycled). */
const POOL_EVENTS = 60_000;
const WARMUP_S = 2;
/** Issue 9: with 500-event frames, deck ≥ 0.5 × floor and ≥ 100,000 events/s. */
export const MIN_FLOOR_SHARE = 0.5;
export const MIN_EVENTS_PER_SECOND = 100_000;
/**
 * The deck takes its `?ws=` frames from a worker (src/bus/worker-socket.ts),
 * the floor from a socket of its own; this floor takes them from a worker
 * too, for a row that says what that difference is worth.
 */
const WORKER_FLOOR: FloodTarget = { floorPage: 'ingest-floor.html?worker' };

async function ingestRate(
  context: RunnerContext,
  target: FloodTarget,
  frames: ReturnType<typeof framePool>,
): Promise<number> {
  const flood = await startFlood(context.browser, context.siteUrl, target, frames);
  try {
    const rate = await measureRate(flood, WARMUP_S, context.ingestSeconds);
    if (!isFloor(target)) await assertCleanDeck(flood);
    return rate;
  } finally {
    await flood.close();
  }
}

type Rounds = Record<string, { floor: number[]; deck: number[] }>;

const perSecond = (v: number) => Math.round(v).toLocaleString('en-US');

/**
 * Floods `floor` and the deck in alternating rounds with `frames`; keeps each
 * side's rates in `rounds[key]`, logs them, and returns the pairs and the
 * rates as the row's note lists them.
 */
async function floodRounds(
  context: RunnerContext,
  floor: FloodTarget,
  frames: ReturnType<typeof framePool>,
  rounds: Rounds,
  key: string,
): Promise<{ pairs: ReturnType<typeof pairsOf>; listed: string }> {
  const pairs = pairsOf(
    await alternateRounds(
      context.rounds,
      () => ingestRate(context, floor, frames),
      () => ingestRate(context, 'deck', frames),
    ),
    (rate) => rate,
  );
  const side = { floor: pairs.map((p) => p.floor), deck: pairs.map((p) => p.deck) };
  rounds[key] = side;
  const listed = `deck ${listRounds(side.deck, perSecond)}, floor ${listRounds(side.floor, perSecond)}`;
  context.log(`ingest ${key}: ${listed} (events/s)`);
  return { pairs, listed };
}

/**
 * Scenario 1, ingest: the simulator's event mix in frames of 1, 50 and 500
 * events, offered as fast as the page takes them; the floor page only parses
 * and counts, the deck decodes, validates, reduces and draws `#/live`.
 */
export async function run(context: RunnerContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const rounds: Rounds = {};
  for (const size of FRAME_SIZES) {
    const { pairs, listed } = await floodRounds(
      context,
      'floor',
      framePool(size, POOL_EVENTS),
      rounds,
      `${size}`,
    );
    const gated = size === 500;
    rows.push(
      roundsRow(
        {
          scenario: 'ingest',
          metric: `events/s, ${size}-event frames`,
          unit: 'events/s',
          target: gated ? `≥ ${MIN_FLOOR_SHARE} × floor, ≥ 100,000/s` : undefined,
          note: `${gated ? `the simulator's mix (${BENCH_HOSTS} hosts), offered as fast as the page takes it (at most ${FLOOD_WINDOW_EVENTS.toLocaleString('en-US')} events in flight); floor: a page that only parses frames and counts; ${context.ingestSeconds} s counted after ${WARMUP_S} s; ` : ''}${listed}`,
        },
        pairs,
        gated
          ? targets.all(targets.atLeastShareOfFloor(MIN_FLOOR_SHARE), targets.atLeast(MIN_EVENTS_PER_SECOND))
          : undefined,
      ),
    );
  }
  // 500-event frames again, against the floor that also takes its frames from a worker (no target: for reference).
  const { pairs, listed } = await floodRounds(
    context,
    WORKER_FLOOR,
    framePool(500, POOL_EVENTS),
    rounds,
    '500, floor socket in a worker',
  );
  rows.push(
    roundsRow(
      {
        scenario: 'ingest',
        metric: 'events/s, 500-event frames, floor with its socket in a worker too',
        unit: 'events/s',
        note: `for reference: the deck takes its frames from a worker, so this floor does as well; ${listed}`,
      },
      pairs,
    ),
  );
  context.record('ingest', rounds);
  return rows;
}
