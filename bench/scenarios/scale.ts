import { chromium } from 'playwright-core';
import { CHROME_FLAGS, CHROME_PATH } from '../../test/e2e/support/browser.js';
import type { RunnerContext } from '../lib/context.js';
import { heapAfterGc, openPage, type ProbeName, sleep, waitForNumber } from '../lib/pages.js';
import { listRounds } from '../lib/rounds.js';
import { intervals, median, percentile } from '../lib/stats.js';
import type { BenchRow } from '../types.js';

/** Issue 17's targets at 10,000 hosts. */
export const MAX_P95_MS = 33;
export const MAX_P95_VS_SMALL = 2;
export const MAX_HEAP_MB = 64;
/**
 * How long #/live runs before its second heap reading: a 10,000-host fleet fills
 * the rewind history's byte bound (HISTORY_MAX_BYTES) in about a minute.
 */
const HISTORY_FULL_MS = 75_000;
export const MAX_FIRST_VIEW_MS = 1500;
/** Navigations whose median is the first full view. */
const FIRST_VIEW_SAMPLES = 3;
const FRAME_WINDOW_MS = 5000;
const MB = 1024 * 1024;
/** Navigations as the note lists them: `1,391 / 1,412 / 1,388`. */
const msList = (samples: readonly number[] | undefined) =>
  listRounds(samples ?? [], (v) => Math.round(v).toLocaleString('en-US'));

interface Measured {
  readonly firstViewMs: number;
  /** Every navigation's first full view (ms), in the order taken; firstViewMs is their median. */
  readonly firstViewSamples?: readonly number[];
  readonly p95Ms: number;
  readonly heapMb: number;
  /** The heap after GC once the rewind history is full (`soakMs` later), when asked for. */
  readonly heapFullMb?: number;
}

/** Opens a page whose firstView probe watches `scene`, with `probes` besides. */
const openWatched = (
  browser: import('playwright-core').Browser,
  scene: 'live' | 'hosts',
  probes: ProbeName[] = [],
) => openPage(browser, 'about:blank', [...probes, 'firstView'], { fullView: scene });

/**
 * Navigates `page` (opened by openWatched) to `#/scene` at `hosts` and returns
 * the first animation frame that showed its full view (ms since navigation).
 */
async function firstFullView(
  page: import('playwright-core').Page,
  siteUrl: string,
  scene: 'live' | 'hosts',
  hosts: number,
): Promise<number> {
  await page.goto(`${siteUrl}?hosts=${hosts}#/${scene}`);
  try {
    return await waitForNumber(page, 'globalThis.__benchFirstView', 30_000);
  } catch {
    throw new Error(`#/${scene} at ${hosts} hosts drew no full view within 30 s`);
  }
}

/**
 * FIRST_VIEW_SAMPLES navigations' first full views, `first` (measured by
 * `measure`) included: one navigation varied by a quarter of a second from
 * run to run on a shared machine, so the row takes their median and shows
 * them all.
 */
async function firstViewSamples(
  browser: import('playwright-core').Browser,
  siteUrl: string,
  scene: 'live' | 'hosts',
  hosts: number,
  first: number,
): Promise<number[]> {
  const samples = [first];
  while (samples.length < FIRST_VIEW_SAMPLES) {
    const opened = await openWatched(browser, scene);
    try {
      samples.push(await firstFullView(opened.page, siteUrl, scene, hosts));
    } finally {
      await opened.close();
    }
  }
  return samples;
}

/** Opens `#/scene` at `hosts`, times its first full view, records frames, then the heap after GC. */
async function measure(
  browser: import('playwright-core').Browser,
  siteUrl: string,
  scene: 'live' | 'hosts',
  hosts: number,
  soakMs = 0,
): Promise<Measured> {
  const opened = await openWatched(browser, scene, ['frames']);
  try {
    const { page } = opened;
    const firstViewMs = await firstFullView(page, siteUrl, scene, hosts);
    await page.evaluate(`__benchFrames.record(500, ${FRAME_WINDOW_MS})`);
    await sleep(FRAME_WINDOW_MS + 1500);
    const result = (await page.evaluate('__benchFrames.result')) as { stamps: number[] } | undefined;
    const p95Ms = result ? percentile(intervals(result.stamps), 95) : Number.NaN;
    const cdp = await opened.context.newCDPSession(page);
    const heap = await heapAfterGc(cdp);
    let heapFullMb: number | undefined;
    if (soakMs > 0) {
      await sleep(soakMs);
      heapFullMb = (await heapAfterGc(cdp)).usedBytes / MB;
    }
    if (opened.errors.length > 0) throw new Error(`page errors: ${opened.errors.join('; ')}`);
    return { firstViewMs, p95Ms, heapMb: heap.usedBytes / MB, heapFullMb };
  } finally {
    await opened.close();
  }
}

/**
 * Scenario scale: the deck with the simulator at 10,000 hosts (`?hosts=10000`)
 * on `#/live` and `#/hosts` — animation-frame p95 under software
 * compositing, beside the 5-host deck's in the same run; the JS heap after a
 * forced GC; and navigation to the scene's first full view (warm start
 * included).
 */
export async function run(context: RunnerContext): Promise<BenchRow[]> {
  const software = await chromium.launch({
    executablePath: CHROME_PATH,
    headless: true,
    args: [...CHROME_FLAGS, '--disable-gpu-compositing'],
  });
  const rows: BenchRow[] = [];
  const details: Record<string, Measured> = {};
  try {
    for (const scene of ['live', 'hosts'] as const) {
      // On #/live the page also runs until its rewind history is full: the heap a monitor left open settles at.
      const soakMs = scene === 'live' ? HISTORY_FULL_MS : 0;
      const measured = async (hosts: number): Promise<Measured> => {
        const m = await measure(software, context.siteUrl, scene, hosts, soakMs);
        const samples = await firstViewSamples(software, context.siteUrl, scene, hosts, m.firstViewMs);
        return { ...m, firstViewMs: median(samples), firstViewSamples: samples };
      };
      const small = await measured(5);
      const large = await measured(10_000);
      details[`${scene}-5`] = small;
      details[`${scene}-10000`] = large;
      context.log(
        `scale: #/${scene} p95 ${large.p95Ms.toFixed(1)} ms (5 hosts ${small.p95Ms.toFixed(1)}), heap ${large.heapMb.toFixed(1)} MB, first view ${large.firstViewMs.toFixed(0)} ms`,
      );
      const p95Target = Math.min(MAX_P95_MS, MAX_P95_VS_SMALL * small.p95Ms);
      rows.push(
        {
          scenario: 'scale',
          metric: `rAF p95, #/${scene} at 10,000 hosts, software compositing (floor: 5 hosts)`,
          unit: 'ms',
          value: large.p95Ms,
          floor: small.p95Ms,
          target: `≤ ${MAX_P95_MS} ms and ≤ ${MAX_P95_VS_SMALL} × floor`,
          met: large.p95Ms <= p95Target,
        },
        {
          scenario: 'scale',
          metric: `JS heap after GC, #/${scene} at 10,000 hosts (floor: 5 hosts)`,
          unit: 'MB',
          value: large.heapMb,
          floor: small.heapMb,
          target: `≤ ${MAX_HEAP_MB} MB`,
          met: large.heapMb <= MAX_HEAP_MB,
        },
        ...(large.heapFullMb === undefined
          ? []
          : [
              {
                scenario: 'scale',
                metric: `JS heap after GC, #/${scene} at 10,000 hosts, ${HISTORY_FULL_MS / 1000} s in: rewind history full (floor: 5 hosts)`,
                unit: 'MB',
                value: large.heapFullMb,
                floor: small.heapFullMb,
                target: `≤ ${MAX_HEAP_MB} MB`,
                met: large.heapFullMb <= MAX_HEAP_MB,
              } satisfies BenchRow,
            ]),
        {
          scenario: 'scale',
          metric: `navigation → first full view, #/${scene} at 10,000 hosts (floor: 5 hosts)`,
          unit: 'ms',
          value: large.firstViewMs,
          floor: small.firstViewMs,
          target: `≤ ${MAX_FIRST_VIEW_MS} ms`,
          met: large.firstViewMs <= MAX_FIRST_VIEW_MS,
          note: `with the warm start: five minutes of seeded history computed before the first paint; median of ${FIRST_VIEW_SAMPLES} navigations: ${msList(large.firstViewSamples)} ms (5 hosts ${msList(small.firstViewSamples)})`,
        },
      );
    }
  } finally {
    await software.close();
  }
  context.record('scale', details);
  return rows;
}
