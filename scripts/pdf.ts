/**
 * `npm run pdf`: the deck as a PDF, one scene per page at stage size.
 *
 * Builds the site if `dist/` is missing or older than the sources, serves it
 * on 127.0.0.1, opens `?print&seed=…&run=…` in headless Chromium (the seeded
 * simulator runs `run` seconds of simulated time in the page, so the same
 * options always give the same pages), waits for `print-ready`, and writes
 * the PDF with every page exactly 1600×900 CSS px (1200×675 pt).
 *
 *   npm run pdf -- [--out deck.pdf] [--seed 1] [--run 90] [--theme dark|light] [--site dist] [--hosts 5]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { STAGE_HEIGHT, STAGE_WIDTH } from '../src/deck/stage.js';
import { launchChromium } from '../test/e2e/support/browser.js';
import { serveStatic } from '../test/e2e/support/static-server.js';

/** PDF points per CSS pixel (72 pt and 96 px to the inch). */
const PT_PER_PX = 72 / 96;
/** The stage in PDF points: 1200 × 675. */
export const PAGE_WIDTH_PT = STAGE_WIDTH * PT_PER_PX;
export const PAGE_HEIGHT_PT = STAGE_HEIGHT * PT_PER_PX;

export interface DeckPdfOptions {
  /** The built site (default `dist`). */
  readonly siteDir?: string;
  /** Build `siteDir` first when it is missing or older than the sources (default true). */
  readonly build?: boolean;
  /** Where to write the PDF (default `deck.pdf`). */
  readonly out?: string;
  /** Simulator seed (default 1). */
  readonly seed?: number;
  /** Simulated seconds before the pages are drawn (default 90). */
  readonly run?: number;
  readonly hosts?: number;
  readonly theme?: 'dark' | 'light';
  /** Give up waiting for `print-ready` after this long (ms). */
  readonly timeoutMs?: number;
  /** Progress lines (default: none). */
  readonly log?: (line: string) => void;
}

export interface DeckPdf {
  readonly path: string;
  readonly pages: number;
  readonly widthPt: number;
  readonly heightPt: number;
  /** Scenes the page reported as still drawing when it gave up waiting (normally none). */
  readonly unsettled: readonly string[];
  /** Errors the page threw while laying out. */
  readonly pageErrors: readonly string[];
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Builds the site into `siteDir` unless its index.html is newer than every source. */
export function ensureBuilt(siteDir: string, log: (line: string) => void = () => undefined): void {
  const index = join(siteDir, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(resolve('src')),
    newestMtime(resolve('index.html')),
    newestMtime(resolve('vite.config.ts')),
  );
  if (built > sources) return;
  log(`building the site into ${siteDir} …`);
  const result = spawnSync('npx', ['vite', 'build', '--outDir', siteDir, '--emptyOutDir'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
}

/**
 * Chromium sizes PDF pages in whole 1/300 inch, so a 900 px page comes out
 * 675.12 pt tall with the content in the top 675 pt. Trim every page's boxes
 * to exactly the content: the stage, 1200 × 675 pt.
 */
export async function trimToStage(pdf: Uint8Array): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = await PDFDocument.load(pdf);
  for (const page of doc.getPages()) {
    const box = page.getMediaBox();
    const top = box.y + box.height;
    page.setMediaBox(box.x, top - PAGE_HEIGHT_PT, PAGE_WIDTH_PT, PAGE_HEIGHT_PT);
    page.setCropBox(box.x, top - PAGE_HEIGHT_PT, PAGE_WIDTH_PT, PAGE_HEIGHT_PT);
  }
  doc.setCreator('fleet-deck npm run pdf');
  doc.setProducer('Chromium + pdf-lib');
  // A fixed date, so the same deck gives the same file metadata too.
  doc.setCreationDate(new Date(Date.UTC(2025, 0, 15)));
  doc.setModificationDate(new Date(Date.UTC(2025, 0, 15)));
  return { bytes: await doc.save(), pages: doc.getPageCount() };
}

/** Writes the deck as a PDF (see the file comment). */
export async function makeDeckPdf(options: DeckPdfOptions = {}): Promise<DeckPdf> {
  const log = options.log ?? (() => undefined);
  const siteDir = resolve(options.siteDir ?? 'dist');
  const out = resolve(options.out ?? 'deck.pdf');
  if (options.build ?? true) ensureBuilt(siteDir, log);
  else if (!existsSync(join(siteDir, 'index.html'))) throw new Error(`${siteDir} has no built site`);

  const params = new URLSearchParams({ seed: String(options.seed ?? 1), run: String(options.run ?? 90) });
  if (options.hosts !== undefined) params.set('hosts', String(options.hosts));
  if (options.theme) params.set('theme', options.theme);
  const query = `?print&${params}`;

  const server = await serveStatic(siteDir, '/');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: STAGE_WIDTH, height: STAGE_HEIGHT } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Still pictures: scenes skip transitions and auto-rotation, so nothing is caught mid-motion.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    log(`opening ${server.url}${query}`);
    await page.goto(server.url + query);
    // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
    const detail = (await page.evaluate(`new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error('no print-ready within ${options.timeoutMs ?? 30_000} ms')), ${options.timeoutMs ?? 30_000});
      const print = document.querySelector('fleet-print');
      const ready = print && print.ready ? print.ready
        : new Promise((r) => window.addEventListener('print-ready', (e) => r(e.detail), { once: true }));
      ready.then((detail) => { clearTimeout(timer); ok(detail); });
    })`)) as { pages: number; unsettled: string[] };
    log(
      `print-ready: ${detail.pages} pages${detail.unsettled.length ? `, still drawing: ${detail.unsettled}` : ''}`,
    );
    const raw = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const { bytes, pages } = await trimToStage(raw);
    writeFileSync(out, bytes);
    log(`wrote ${out}: ${pages} pages of ${PAGE_WIDTH_PT}×${PAGE_HEIGHT_PT} pt`);
    return {
      path: out,
      pages,
      widthPt: PAGE_WIDTH_PT,
      heightPt: PAGE_HEIGHT_PT,
      unsettled: detail.unsettled,
      pageErrors,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

function parseArgs(argv: readonly string[]): DeckPdfOptions {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (name: string) => {
    const raw = value(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new Error(`--${name} wants a number, got ${raw}`);
    return n;
  };
  const theme = value('theme');
  if (theme !== undefined && theme !== 'dark' && theme !== 'light')
    throw new Error('--theme is dark or light');
  return {
    out: value('out'),
    siteDir: value('site'),
    seed: number('seed'),
    run: number('run'),
    hosts: number('hosts'),
    theme,
    log: (line) => console.log(line),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  makeDeckPdf(parseArgs(process.argv.slice(2))).then(
    (pdf) => {
      if (pdf.pageErrors.length > 0) console.warn(`page errors:\n  ${pdf.pageErrors.join('\n  ')}`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
