/**
 * `npm run bench`: builds the site and the bench pages, serves them on
 * loopback, drives headless Chromium through every scenario, prints one table
 * (each figure beside a floor measured in the same run) and writes it as JSON
 * under bench/results/. Progress goes to stderr, the table to stdout.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CHROME_PATH, launchChromium } from '../test/e2e/support/browser.js';
import { serveStatic } from '../test/e2e/support/static-server.js';
import { type BenchOptions, parseArgs, type ScenarioName, USAGE } from './lib/args.js';
import type { RunnerContext } from './lib/context.js';
import { buildBenchPages, buildSite, type ChunkInfo } from './lib/site.js';
import { formatTable, missedTargets } from './lib/table.js';
import type { BenchRow, BenchScenario } from './types.js';

const RESULTS_DIR = resolve('bench/results');
const SCENARIO_TITLES: Record<ScenarioName, string> = {
  ingest: 'ingest',
  frame: 'frame time',
  soak: 'memory soak',
  load: 'load',
  zod: 'zod',
  knn: 'knn',
  viewers: 'viewers',
  fanout: 'fanout',
  rewind: 'rewind',
  scale: 'scale',
};

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** The scenario module for `name`; knn's is written by the knn scene's issue and may not exist yet. */
async function loadScenario(name: ScenarioName): Promise<BenchScenario | undefined> {
  const file = name === 'frame' ? 'frame-time' : name;
  if (!existsSync(resolve(`bench/scenarios/${file}.ts`))) return undefined;
  const module = (await import(`./scenarios/${file}.js`)) as { run?: BenchScenario };
  if (typeof module.run !== 'function') throw new Error(`bench/scenarios/${file}.ts exports no run()`);
  return module.run;
}

function chromiumVersion(): string {
  try {
    return execFileSync(CHROME_PATH, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(options: BenchOptions): Promise<number> {
  const started = performance.now();
  const startedAt = new Date();
  const siteDir = options.siteDir ? resolve(options.siteDir) : mkdtempSync(join(tmpdir(), 'fleet-bench-'));
  let chunks: ChunkInfo[] = [];
  if (options.siteDir) {
    if (!existsSync(join(siteDir, 'index.html'))) throw new Error(`${siteDir} holds no built site`);
    log(`using the site built in ${siteDir}`);
  } else {
    log(`building the site into ${siteDir}`);
    chunks = await buildSite(siteDir);
  }
  const pages = await buildBenchPages(siteDir);
  log(`bench pages: ${pages.join(', ') || 'none'}`);

  const server = await serveStatic(siteDir, '/fleet/');
  const browser = await launchChromium();
  const rows: BenchRow[] = [];
  const failures: string[] = [];
  const details: Record<string, unknown> = {};
  const context: RunnerContext = {
    browser,
    siteUrl: server.url,
    soakSeconds: options.soakSeconds,
    rounds: options.rounds,
    ingestSeconds: options.ingestSeconds,
    siteDir,
    chunks,
    log,
    record: (key, value) => {
      details[key] = value;
    },
  };
  try {
    for (const name of options.only) {
      const title = SCENARIO_TITLES[name];
      const t0 = performance.now();
      log(`${title}: start`);
      try {
        const scenario = await loadScenario(name);
        if (!scenario) {
          rows.push({
            scenario: title,
            metric: 'scenario',
            unit: '',
            value: Number.NaN,
            note: `bench/scenarios/${name}.ts is not written yet`,
          });
          log(`${title}: no scenario module yet`);
          continue;
        }
        const produced = await scenario(context);
        rows.push(...produced);
        log(`${title}: done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.push(`${title}: ${message}`);
        rows.push({
          scenario: title,
          metric: 'scenario failed',
          unit: '',
          value: Number.NaN,
          met: false,
          note: message.split('\n')[0],
        });
        log(`${title}: FAILED ${error instanceof Error ? (error.stack ?? message) : message}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
    if (!options.siteDir && !options.keep) rmSync(siteDir, { recursive: true, force: true });
    else if (options.keep) log(`kept the build in ${siteDir}`);
  }

  const seconds = (performance.now() - started) / 1000;
  const table = formatTable(rows);
  process.stdout.write(`\n${table}\n\n`);
  const missed = missedTargets(rows);
  process.stdout.write(
    `${rows.length} figures, ${missed} target${missed === 1 ? '' : 's'} missed, ${seconds.toFixed(0)} s` +
      ` (soak ${options.soakSeconds} s; ${options.rounds} rounds; ${cpus().length} cores; ${chromiumVersion()})\n`,
  );

  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const result = {
    startedAt: startedAt.toISOString(),
    seconds,
    options,
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model,
      node: process.version,
      chromium: chromiumVersion(),
    },
    rows: rows.map((row) => ({ ...row, value: Number.isFinite(row.value) ? row.value : null })),
    failures,
    details,
    table,
  };
  const json = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(join(RESULTS_DIR, `bench-${stamp}.json`), json);
  writeFileSync(join(RESULTS_DIR, 'latest.json'), json);
  log(`results written to bench/results/bench-${stamp}.json (and latest.json)`);
  return failures.length > 0 ? 1 : 0;
}

let options: BenchOptions;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
if (options.help) {
  process.stdout.write(`${USAGE}\n`);
} else {
  main(options).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
