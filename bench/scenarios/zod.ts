import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { RunnerContext } from '../lib/context.js';
import { deckCounts, openPage, sleep } from '../lib/pages.js';
import { alternateRounds, pairsOf, type RoundPair, roundsRow } from '../lib/rounds.js';
import { median } from '../lib/stats.js';
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

/** What bench/pages/zod-page.ts leaves in `__zodBench`. */
interface BrowserFigures {
  readonly zodJit: boolean;
  readonly events: number;
  readonly invalid: number;
  readonly validate: number;
  readonly zod: number;
  readonly violations: number;
}

/** The built site's Content-Security-Policy `<meta>` tag, exactly as shipped. */
export function siteCspMeta(indexHtml: string): string {
  const tag = indexHtml.match(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i)?.[0];
  if (!tag) throw new Error("the built site's index.html has no Content-Security-Policy meta tag");
  return tag;
}

/**
 * Loads the zod page in Chromium, with the site's CSP meta tag put first in
 * its head (`csp`) or as built, and waits for its figures.
 */
async function inBrowser(context: RunnerContext, csp: string | undefined): Promise<BrowserFigures> {
  const browserContext = await context.browser.newContext();
  try {
    const url = `${context.siteUrl}bench/pages/zod-page.html`;
    if (csp !== undefined) {
      await browserContext.route(url, async (route) => {
        const response = await route.fetch();
        const body = (await response.text()).replace(/<meta charset="utf-8"\s*\/?>/i, (m) => `${m}\n${csp}`);
        if (!body.includes(csp)) throw new Error('could not put the CSP into the zod page');
        await route.fulfill({ response, body });
      });
    }
    const page = await browserContext.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    for (let i = 0; i < 600; i++) {
      const result = (await page.evaluate('globalThis.__zodBench')) as
        | BrowserFigures
        | { error: string }
        | undefined;
      if (result && 'error' in result) throw new Error(`zod page: ${result.error}`);
      if (result) {
        if (errors.length > 0) throw new Error(`zod page errors: ${errors.join('; ')}`);
        if (csp !== undefined && (result.zodJit || result.violations > 0))
          throw new Error(
            `under the site's CSP zod ran with JIT ${result.zodJit}, ${result.violations} violations`,
          );
        if (csp === undefined && !result.zodJit)
          throw new Error('without a CSP zod did not compile its parsers');
        return result;
      }
      await sleep(100);
    }
    throw new Error('the zod page gave no figures within 60 s');
  } finally {
    await browserContext.close();
  }
}

/**
 * Zod with and without its JIT: the simulator's event mix validated in Node,
 * a process per mode, the modes alternating over the runner's rounds; the
 * same in Chromium, the page under the site's CSP against the same page
 * without one, with 5 % of the events invalid; and which mode the built site
 * runs in, read from the deck's diagnostics.
 */
export async function run(context: RunnerContext): Promise<BenchRow[]> {
  const node = await alternateRounds(
    context.rounds,
    () => measureMode(false),
    () => measureMode(true),
  );
  const jit = node.map((r) => r.floor);
  const jitless = node.map((r) => r.deck);
  const siteJit = await siteZodJit(context);
  const siteMode = siteJit ? 'JIT' : 'jitless';
  const csp = siteCspMeta(readFileSync(join(context.siteDir, 'index.html'), 'utf8'));
  const browser = await alternateRounds(
    context.rounds,
    () => inBrowser(context, undefined),
    () => inBrowser(context, csp),
  );
  context.record('zod', { node, browser, siteZodJit: siteJit });
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  const med = (list: ModeFigures[], key: keyof Omit<ModeFigures, 'mode'>) => median(list.map((f) => f[key]));
  context.log(
    `zod: safeParse JIT ${n(med(jit, 'zod'))}/s, jitless ${n(med(jitless, 'zod'))}/s; validateEvent ${n(med(jitless, 'validate'))}/s; in Chromium under CSP validateEvent ${n(median(browser.map((r) => r.deck.validate)))}/s; site runs ${siteMode}`,
  );
  // The site's mode: each round's figure from the process in that mode.
  const inForce = (r: { floor: ModeFigures; deck: ModeFigures }) => (siteJit ? r.floor : r.deck);
  const pipeline: RoundPair[] = node.map((r) => {
    const f = inForce(r);
    return { floor: f.parse, deck: 1 / (1 / f.decode + 1 / f.validate + 1 / f.reduce) };
  });
  const first = browser[0]!.deck;
  return [
    roundsRow(
      {
        scenario: 'zod',
        metric: 'zod safeParse, jitless (floor: with JIT)',
        unit: 'events/s',
        note: `in force in the built site: ${siteMode} (its CSP has no 'unsafe-eval'; read from the deck's bus diagnostics). Node ${process.version}, the simulator's mix, best of 7 passes over ${jit[0]!.events.toLocaleString('en-US')} valid events, a process per mode`,
      },
      pairsOf(node, (f) => f.zod),
    ),
    roundsRow(
      {
        scenario: 'zod',
        metric: 'validateEvent as the site runs it (floor: zod with JIT)',
        unit: 'events/s',
        note: 'Node; validateEvent takes the fast path compiled from the schemas (src/contract/fast-validate.ts, no eval) and leaves zod what it cannot vouch for; every event here is valid',
      },
      node.map((r) => ({ floor: r.floor.zod, deck: inForce(r).validate })),
    ),
    roundsRow(
      {
        scenario: 'zod',
        metric: `pipeline stages in Node, site mode (${siteMode})`,
        unit: 'events/s',
        note: `decode, validate and reduce one after another (medians: decode ${n(median(node.map((r) => inForce(r).decode)))}/s, validate ${n(median(node.map((r) => inForce(r).validate)))}/s, reduce ${n(median(node.map((r) => inForce(r).reduce)))}/s); floor: JSON.parse alone`,
      },
      pipeline,
    ),
    roundsRow(
      {
        scenario: 'zod',
        metric: "validateEvent in Chromium under the site's CSP, 5 % invalid (floor: zod with JIT, no CSP)",
        unit: 'events/s',
        note: `bench/pages/zod-page.html with the built site's CSP meta tag put in: zod jitless, no violation; ${n(first.events)} events of the simulator's mix through JSON, ${n(first.invalid)} broken (a number as a string, a string as a number, a field null: each one zod refuses), every invalid one refused and no valid one; best of 5 passes; floor: the same page without the CSP, zod's safeParse with its JIT`,
      },
      browser.map((r) => ({ floor: r.floor.zod, deck: r.deck.validate })),
    ),
    roundsRow(
      {
        scenario: 'zod',
        metric: "zod safeParse in Chromium under the site's CSP, 5 % invalid (floor: with JIT, no CSP)",
        unit: 'events/s',
      },
      pairsOf(browser, (f) => f.zod),
    ),
  ];
}
