import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RunnerContext } from '../lib/context.js';
import { openPage, sleep, waitForNumber } from '../lib/pages.js';
import { alternateRounds, listRounds, pairsOf, roundsRow, targets } from '../lib/rounds.js';
import { gzipSize, isThreeChunk } from '../lib/site.js';
import { median } from '../lib/stats.js';
import type { BenchRow } from '../types.js';

/** Issue 9: first lane within 1 s locally; initial JS ≤ 150 KB gzip, three.js not among it. */
export const MAX_FIRST_LANE_MS = 1000;
export const MAX_INITIAL_JS_KB = 150;
const RUNS = 5;
const KB = 1024;

/** The JavaScript files a page requested from the site, by path relative to the site root. */
function recordScripts(page: Page, siteUrl: string): Set<string> {
  const files = new Set<string>();
  page.on('request', (request) => {
    const url = request.url().split(/[?#]/)[0]!;
    if (url.startsWith(siteUrl) && url.endsWith('.js')) files.add(url.slice(siteUrl.length));
  });
  return files;
}

interface ScriptBytes {
  readonly gzipBytes: number;
  readonly files: readonly string[];
  readonly threeFiles: readonly string[];
}

function sizeScripts(context: RunnerContext, files: ReadonlySet<string>): ScriptBytes {
  const list = [...files].sort();
  const threeFiles = list.filter((file) =>
    context.chunks.some((chunk) => chunk.fileName === file && isThreeChunk(chunk)),
  );
  const gzipBytes = list.reduce((sum, file) => sum + gzipSize(join(context.siteDir, file)), 0);
  return { gzipBytes, files: list, threeFiles };
}

/** Loads `url` fresh and returns the first-lane time and the scripts requested until then. */
async function firstLane(context: RunnerContext, url: string, probe: boolean) {
  const opened = await openPage(context.browser, 'about:blank', probe ? ['firstLane'] : []);
  try {
    const files = recordScripts(opened.page, context.siteUrl);
    await opened.page.goto(url);
    const ms = await waitForNumber(opened.page, 'globalThis.__benchFirstLane', 15_000);
    const fcp = (await opened.page.evaluate(
      "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null",
    )) as number | null;
    return { ms, fcp: fcp ?? Number.NaN, files };
  } finally {
    await opened.close();
  }
}

/**
 * Scenario 4, load: navigation start to the live scene's first lane drawn
 * with simulator data, beside a bare page that boots the same simulator and
 * draws its first lane with the scene's own drawing (fresh loads, floor and
 * deck alternating, five rounds or the runner's count if more); and the
 * JavaScript the deck loads before the knn scene is visited (gzip), at its
 * opening scene and on `#/live`.
 */
export async function run(context: RunnerContext): Promise<BenchRow[]> {
  let liveScripts = new Set<string>();
  const deckPaints: number[] = [];
  const rounds = await alternateRounds(
    Math.max(RUNS, context.rounds),
    async () => (await firstLane(context, `${context.siteUrl}bench/pages/load-floor.html`, false)).ms,
    async () => {
      const deck = await firstLane(context, `${context.siteUrl}#/live`, true);
      liveScripts = deck.files;
      deckPaints.push(deck.fcp);
      return deck.ms;
    },
  );
  const deckRuns = rounds.map((r) => r.deck);
  const floorRuns = rounds.map((r) => r.floor);
  context.log(
    `load: first lane ${deckRuns.map((ms) => ms.toFixed(0)).join(', ')} ms; floor ${floorRuns.map((ms) => ms.toFixed(0)).join(', ')} ms`,
  );

  // The opening scene: everything requested until the network is quiet and a little after (late chunks).
  const opening = await openPage(context.browser, 'about:blank');
  let openingScripts: Set<string>;
  try {
    openingScripts = recordScripts(opening.page, context.siteUrl);
    await opening.page.goto(context.siteUrl, { waitUntil: 'networkidle' });
    await sleep(1500);
  } finally {
    await opening.close();
  }
  const atOpening = sizeScripts(context, openingScripts);
  const atLive = sizeScripts(context, liveScripts);
  context.record('load', { deckRuns, deckPaints, floorRuns, atOpening, atLive });
  const jsRow = (metric: string, bytes: ScriptBytes): BenchRow => ({
    scenario: 'load',
    metric,
    unit: 'KB gzip',
    value: bytes.gzipBytes / KB,
    target: `≤ ${MAX_INITIAL_JS_KB} KB, no three.js`,
    met:
      bytes.gzipBytes / KB <= MAX_INITIAL_JS_KB && bytes.threeFiles.length === 0 && context.chunks.length > 0,
    note:
      context.chunks.length === 0
        ? 'the site was not built by this run (--site), so three.js chunks cannot be told apart'
        : `${bytes.files.length} files: ${bytes.files.map((f) => f.replace(/^assets\//, '')).join(', ')}${bytes.threeFiles.length > 0 ? `; three.js in ${bytes.threeFiles.join(', ')}` : '; three.js not loaded'}`,
  });
  return [
    roundsRow(
      {
        scenario: 'load',
        metric: 'navigation → first lane drawn, #/live',
        unit: 'ms',
        target: `≤ ${MAX_FIRST_LANE_MS} ms`,
        note: `fresh loads with the simulator: deck ${listRounds(deckRuns, (v) => v.toFixed(0))} ms; floor ${listRounds(floorRuns, (v) => v.toFixed(0))} ms (a bare page booting the same simulator, ticked as the deck ticks it, and drawing its first lane with the scene's drawing; both wait for the simulator's first detection); the deck's first contentful paint: median ${median(deckPaints).toFixed(0)} ms`,
      },
      pairsOf(rounds, (v) => v),
      targets.atMost(MAX_FIRST_LANE_MS),
    ),
    jsRow('JS loaded at the opening scene', atOpening),
    jsRow('JS loaded to first lane, #/live', atLive),
  ];
}
