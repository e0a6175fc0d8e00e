import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { type StaticServer, serveStatic } from './static-server.js';

/** Where screenshots for review go (ignored by git). */
export const RESULTS_DIR = resolve('test-results');

/** The built site served from a sub-path, as on GitHub Pages, and a browser to open it. */
export interface Site {
  readonly server: StaticServer;
  readonly browser: Browser;
  /** Opens `path` (relative to the site root, e.g. `?seed=2#/live`) in a new 1600×900 page. */
  open(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** The built site to test: `dist/`, or `SITE_DIR` when set (a build of one's own). */
export const SITE_DIR = resolve(process.env.SITE_DIR ?? 'dist');

/** Serves the built site under `/fleet/` and launches Chromium. Needs `npm run build` first. */
export async function openSite(prefix = '/fleet/'): Promise<Site> {
  if (!existsSync(resolve(SITE_DIR, 'index.html')))
    throw new Error(`${SITE_DIR} is missing: run \`npm run build\` first`);
  const server = await serveStatic(SITE_DIR, prefix);
  const browser = await launchChromium();
  const pages: Page[] = [];
  return {
    server,
    browser,
    async open(path) {
      // Playwright runs string predicates of waitForFunction with eval, which the site's
      // Content-Security-Policy refuses; embed.e2e.ts opens its own pages with the policy on.
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, bypassCSP: true });
      pages.push(page);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      (page as Page & { errors: string[] }).errors = errors;
      await page.goto(server.url + path);
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Page errors collected since the page opened. */
export function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}

/** Writes a review screenshot to test-results/NAME.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: resolve(RESULTS_DIR, `${name}.png`) });
}
