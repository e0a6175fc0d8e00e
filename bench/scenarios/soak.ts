import { performance } from 'node:perf_hooks';
import type { RunnerContext } from '../lib/context.js';
import { startFeedServer } from '../lib/feed-server.js';
import { floodUrl } from '../lib/flood.js';
import { deckCounts, domCounters, heapAfterGc, openPage, sleep } from '../lib/pages.js';
import { SimEventStream } from '../lib/stream.js';
import type { BenchRow } from '../types.js';

/** Issue 9: 5,000 events/s; heap growth from minute 1 to the end ≤ 10 %; DOM nodes flat. */
export const SOAK_EVENTS_PER_SECOND = 5_000;
export const MAX_HEAP_GROWTH = 0.1;
/** "Flat": the node count may wobble by a few conditional parts (callout fields), not grow. */
export const MAX_NODE_DRIFT = 0.02;
const FRAME_EVENTS = 50;
/** Heap is also sampled every this many seconds, for the JSON trend. */
const SAMPLE_EVERY_S = 30;

/** One measurement during the soak. */
export interface SoakSample {
  readonly atSeconds: number;
  readonly heapBytes: number;
  readonly nodes: number;
  readonly listeners: number;
  readonly taken: number;
}

/** When the first (baseline) sample is taken: at minute 1, or half-way through a shorter soak. */
export function baselineSecond(soakSeconds: number): number {
  return Math.min(60, soakSeconds / 2);
}

const MB = 1024 * 1024;

/**
 * Scenario 3, memory soak: the deck on `#/live` fed 5,000 events/s (the
 * simulator's mix, new episode ids throughout) for the soak length; the JS
 * heap after a forced GC and the DOM node count at minute 1 and at the end.
 */
export async function run(context: RunnerContext): Promise<BenchRow[]> {
  const stream = new SimEventStream(21);
  const feed = await startFeedServer({
    next: () => stream.nextFrame(FRAME_EVENTS),
    mode: { kind: 'paced', eventsPerSecond: SOAK_EVENTS_PER_SECOND },
  });
  const opened = await openPage(context.browser, floodUrl(context.siteUrl, 'deck', feed.feedUrl), ['ack'], {
    ackUrl: feed.ackUrl,
    source: 'deck',
  });
  const samples: SoakSample[] = [];
  try {
    await feed.waitForTaken(1, 20_000);
    const cdp = await opened.context.newCDPSession(opened.page);
    const start = performance.now();
    const elapsed = () => (performance.now() - start) / 1000;
    const sample = async (): Promise<SoakSample> => {
      // Pause the feed and let the page drain first: events arriving between the forced GC
      // and the reading would count their fresh garbage (a megabyte on a busy machine).
      feed.pause();
      await feed.waitForTaken(feed.sent, 20_000);
      await sleep(200);
      const heap = await heapAfterGc(cdp);
      const dom = await domCounters(cdp);
      feed.resume();
      const s: SoakSample = {
        atSeconds: elapsed(),
        heapBytes: heap.usedBytes,
        nodes: dom.nodes,
        listeners: dom.jsEventListeners,
        taken: feed.taken,
      };
      samples.push(s);
      context.log(
        `soak ${s.atSeconds.toFixed(0)} s: heap ${(s.heapBytes / MB).toFixed(2)} MB, ${s.nodes} nodes, ${s.listeners} listeners, ${s.taken} events taken of ${feed.sent}`,
      );
      return s;
    };
    const baselineAt = baselineSecond(context.soakSeconds);
    const waitUntil = (second: number) => sleep(Math.max(0, second - elapsed()) * 1000);
    await waitUntil(baselineAt);
    const baseline = await sample();
    for (let at = baselineAt + SAMPLE_EVERY_S; at < context.soakSeconds - 5; at += SAMPLE_EVERY_S) {
      await waitUntil(at);
      await sample();
    }
    await waitUntil(context.soakSeconds);
    const end = await sample();
    const counts = await deckCounts(opened.page);
    if (!counts || counts.rejected > 0 || counts.dropped > 0)
      throw new Error(`the deck refused part of a valid stream: ${JSON.stringify(counts)}`);
    if (opened.errors.length > 0) throw new Error(`page errors: ${opened.errors.join('; ')}`);
    const keptUp = feed.taken / Math.max(1, feed.sent);
    const growth = end.heapBytes / baseline.heapBytes - 1;
    const nodeDrift = Math.abs(end.nodes - baseline.nodes) / Math.max(1, baseline.nodes);
    const minutes = (n: number) => (n >= 60 ? `minute ${Number((n / 60).toFixed(1))}` : `${n.toFixed(0)} s`);
    const span = `${minutes(baseline.atSeconds)} → ${minutes(end.atSeconds)}`;
    return [
      {
        scenario: 'memory soak',
        metric: `JS heap after GC, ${span}`,
        unit: 'MB',
        value: end.heapBytes / MB,
        floor: baseline.heapBytes / MB,
        target: `≤ ${1 + MAX_HEAP_GROWTH} × minute 1`,
        met: growth <= MAX_HEAP_GROWTH,
        note: `${SOAK_EVENTS_PER_SECOND.toLocaleString('en-US')} events/s for ${context.soakSeconds} s in ${FRAME_EVENTS}-event frames (paused while each sample is taken); the deck took ${(keptUp * 100).toFixed(1)} % of ${feed.sent.toLocaleString('en-US')} sent; floor column: the same page at the baseline sample; heap samples in the JSON`,
      },
      {
        scenario: 'memory soak',
        metric: `DOM nodes, ${span}`,
        unit: 'nodes',
        value: end.nodes,
        floor: baseline.nodes,
        target: `flat (±${MAX_NODE_DRIFT * 100} %)`,
        met: nodeDrift <= MAX_NODE_DRIFT,
      },
      {
        scenario: 'memory soak',
        metric: 'events taken of those sent',
        unit: '%',
        value: keptUp * 100,
        target: '≥ 99 %',
        met: keptUp >= 0.99,
      },
    ];
  } finally {
    context.record('soak', { eventsPerSecond: SOAK_EVENTS_PER_SECOND, samples });
    await opened.close();
    await feed.close();
  }
}
