import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The page's head as search engines and link previews read it (Lighthouse's SEO audit). */
describe('index.html', () => {
  const page = readFileSync('index.html', 'utf8');

  it('describes the deck in one meta description of search-result length', () => {
    // Two would leave the text a search result shows to the crawler's choice.
    const all = [...page.matchAll(/<meta\s+name="description"\s+content="([^"]*)"/g)];
    expect(all, 'one <meta name="description">').toHaveLength(1);
    const content = all[0]?.[1];
    expect(content, '<meta name="description">').toBeDefined();
    expect(content!.length).toBeGreaterThanOrEqual(50);
    expect(content!.length).toBeLessThanOrEqual(160);
  });
});
