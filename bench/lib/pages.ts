import { resolve } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

/** Scripts injected before a page's own (plain JS, so they run as written). */
export const PROBES = {
  /** Reports the page's running count of events taken to the feed's /ack socket. */
  ack: resolve('bench/probes/ack-reporter.js'),
  /** `__benchFrames.start()` / `.stop()` → animation frame timestamps. */
  frames: resolve('bench/probes/frame-recorder.js'),
  /** `__benchFirstLane`: ms from navigation start to the live scene's first lane cell. */
  firstLane: resolve('bench/probes/first-lane.js'),
  /** `__benchFirstView`: ms from navigation start to `fullView`'s full view (the scale scenario). */
  firstView: resolve('bench/probes/first-view.js'),
} as const;

export type ProbeName = keyof typeof PROBES;

/** What the injected reporter needs to know. */
export interface ProbeConfig {
  readonly ackUrl?: string;
  /** Whose count to report: the floor page's own counter, or the deck bus's diagnostics. */
  readonly source?: 'floor' | 'deck';
  /** The scene whose first full view the firstView probe times. */
  readonly fullView?: 'live' | 'hosts';
}

export interface OpenedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Uncaught page errors so far. */
  readonly errors: string[];
  close(): Promise<void>;
}

/**
 * Opens `url` in a fresh context (no cache, nothing shared with the previous
 * page) at the deck's 1600×900, with `probes` injected before the page runs.
 */
export async function openPage(
  browser: Browser,
  url: string,
  probes: readonly ProbeName[] = [],
  config: ProbeConfig = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  await context.addInitScript({ content: `globalThis.__benchConfig = ${JSON.stringify(config)};` });
  for (const probe of probes) await context.addInitScript({ path: PROBES[probe] });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, context, errors, close: () => context.close() };
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((ok) => setTimeout(ok, ms));
}

/**
 * Polls `expression` in `page` (a global a probe sets) until it gives a
 * number within `timeoutMs`, and returns it. Not `waitForFunction`: that
 * evaluates a string, which the deck's CSP refuses.
 */
export async function waitForNumber(page: Page, expression: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value: unknown = await page.evaluate(expression);
    if (typeof value === 'number') return value;
    await sleep(50);
  }
  throw new Error(`${expression} was not set within ${timeoutMs} ms`);
}

/** The JS heap after a forced full garbage collection. */
export async function heapAfterGc(cdp: CDPSession): Promise<{ usedBytes: number; totalBytes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
  return { usedBytes: usedSize, totalBytes: totalSize };
}

/** Documents, nodes and JS event listeners alive in the page (after a GC, so detached garbage is gone). */
export async function domCounters(
  cdp: CDPSession,
): Promise<{ documents: number; nodes: number; jsEventListeners: number }> {
  return cdp.send('Memory.getDOMCounters');
}

/** The deck's bus diagnostics that tell whether a run was clean. */
export interface DeckCounts {
  readonly accepted: number;
  readonly rejected: number;
  readonly unknown: number;
  readonly dropped: number;
  readonly zodJit: boolean;
}

/** Reads the page deck's bus counters (a string expression: nothing of this bundle is shipped to the page). */
export function deckCounts(page: Page): Promise<DeckCounts | undefined> {
  return page.evaluate(`(() => {
    const d = document.querySelector('fleet-deck')?.bus?.diagnostics;
    return d ? { accepted: d.accepted, rejected: d.rejected, unknown: d.unknown, dropped: d.dropped, zodJit: d.zodJit } : undefined;
  })()`);
}
