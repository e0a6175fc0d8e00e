import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import { type FeedServer, startFeedServer } from './feed-server.js';
import { deckCounts, type OpenedPage, openPage, type ProbeName, sleep } from './pages.js';
import { ratePerSecond } from './stats.js';
import type { Frame } from './stream.js';

/** Events in flight (sent, not yet taken) during a flood: a steady surplus, several deck batches deep. */
export const FLOOD_WINDOW_EVENTS = 64_000;

/**
 * Which page takes the flood: the ingest floor page, another floor page under
 * bench/pages/ (`floorPage`, with its own query), or the deck (on `#/live`
 * unless another scene is named).
 */
export type FloodTarget = 'floor' | 'deck' | { readonly deck: string } | { readonly floorPage: string };

/** Whether `target` is a floor page (it counts for itself; the deck's bus counts for the deck). */
export function isFloor(target: FloodTarget): boolean {
  return target === 'floor' || (typeof target === 'object' && 'floorPage' in target);
}

/** A page ingesting from a credit-paced feed, once it has started taking events. */
export interface Flood {
  readonly feed: FeedServer;
  readonly opened: OpenedPage;
  /** Events per second the page took between two moments (performance.now() ms). */
  rate(fromMs: number, toMs: number): number;
  close(): Promise<void>;
}

/** The URL of the page for `target` reading the feed at `feedUrl`. */
export function floodUrl(siteUrl: string, target: FloodTarget, feedUrl: string): string {
  const ws = encodeURIComponent(feedUrl);
  if (target === 'floor') return `${siteUrl}bench/pages/ingest-floor.html?ws=${ws}`;
  if (typeof target === 'object' && 'floorPage' in target)
    return `${siteUrl}bench/pages/${target.floorPage}${target.floorPage.includes('?') ? '&' : '?'}ws=${ws}`;
  return `${siteUrl}?ws=${ws}&sim=0#/${target === 'deck' ? 'live' : target.deck}`;
}

/**
 * Starts a feed cycling through `frames` as fast as the page takes them,
 * opens the floor page or the deck on `#/live` reading it, and resolves once
 * the page has taken its first events.
 */
export async function startFlood(
  browser: Browser,
  siteUrl: string,
  target: FloodTarget,
  frames: readonly Frame[],
  probes: readonly ProbeName[] = [],
): Promise<Flood> {
  let i = 0;
  const feed = await startFeedServer({
    next: () => frames[i++ % frames.length]!,
    mode: { kind: 'credit', windowEvents: FLOOD_WINDOW_EVENTS },
  });
  const opened = await openPage(browser, floodUrl(siteUrl, target, feed.feedUrl), ['ack', ...probes], {
    ackUrl: feed.ackUrl,
    source: isFloor(target) ? 'floor' : 'deck',
  });
  try {
    await feed.waitForTaken(1, 20_000);
  } catch (error) {
    await opened.close();
    await feed.close();
    throw error;
  }
  return {
    feed,
    opened,
    rate: (fromMs, toMs) => ratePerSecond(feed.acks, fromMs, toMs),
    async close() {
      await opened.close();
      await feed.close();
    },
  };
}

/** Counts a flood's rate over `seconds` after `warmupSeconds`; returns events/s. */
export async function measureRate(flood: Flood, warmupSeconds: number, seconds: number): Promise<number> {
  await sleep(warmupSeconds * 1000);
  const from = performance.now();
  await sleep(seconds * 1000);
  // The last report may lag by one reporter tick; wait for it so the window is covered.
  await sleep(50);
  return flood.rate(from, from + seconds * 1000);
}

/** Throws when the deck rejected or dropped anything: the stream is valid, so it would be a bench bug. */
export async function assertCleanDeck(flood: Flood): Promise<void> {
  const counts = await deckCounts(flood.opened.page);
  if (!counts) throw new Error('no <fleet-deck> bus on the page');
  if (counts.rejected > 0 || counts.unknown > 0 || counts.dropped > 0)
    throw new Error(`the deck refused part of a valid stream: ${JSON.stringify(counts)}`);
  if (flood.opened.errors.length > 0) throw new Error(`page errors: ${flood.opened.errors.join('; ')}`);
}
