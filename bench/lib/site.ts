import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

/** A JavaScript file of the build and the source modules bundled into it. */
export interface ChunkInfo {
  readonly fileName: string;
  readonly moduleIds: readonly string[];
}

/** The bench pages: every `bench/pages/*.html` (floors of this bench and of the knn scenario). */
export const BENCH_PAGES_DIR = resolve('bench/pages');

function chunksOf(output: Awaited<ReturnType<typeof build>>): ChunkInfo[] {
  const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  return outputs.flatMap((o) =>
    o.output.flatMap((item) =>
      item.type === 'chunk' ? [{ fileName: item.fileName, moduleIds: [...item.moduleIds] }] : [],
    ),
  );
}

/** Builds the site with the project's Vite config into `outDir` (emptied first). */
export async function buildSite(outDir: string): Promise<ChunkInfo[]> {
  const output = await build({
    configFile: resolve('vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return chunksOf(output);
}

/**
 * Builds `bench/pages/*.html` into `outDir` beside the site (nothing is
 * emptied), so a page is served at `SITE/bench/pages/NAME.html`. A build of
 * its own, so the site's chunks stay exactly as shipped.
 */
export async function buildBenchPages(outDir: string): Promise<string[]> {
  if (!existsSync(BENCH_PAGES_DIR)) return [];
  const pages = readdirSync(BENCH_PAGES_DIR).filter((name) => name.endsWith('.html'));
  if (pages.length === 0) return [];
  const input = Object.fromEntries(
    pages.map((name) => [`bench-${name.replace(/\.html$/, '')}`, join(BENCH_PAGES_DIR, name)]),
  );
  await build({
    configFile: false,
    root: resolve('.'),
    base: './',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: false, target: 'es2022', rolldownOptions: { input } },
  });
  return pages.map((name) => `bench/pages/${name}`);
}

/** Gzip size (level 9, as a static host would serve it) of a file. */
export function gzipSize(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

/** Whether a chunk bundles three.js. */
export function isThreeChunk(chunk: ChunkInfo): boolean {
  return chunk.moduleIds.some((id) => /[\\/]node_modules[\\/]three[\\/]/.test(id));
}
