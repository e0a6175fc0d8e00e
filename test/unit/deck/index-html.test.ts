import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The page's head as search engines and link previews read it (Lighthouse's SEO audit). */
describe('index.html', () => {
  const page = readFileSync('index.html', 'utf8');

  it('describes the deck in a meta description of search-result length', () => {
    const content = /<meta\s+name="description"\s+content="([^"]*)"/.exec(page)?.[1];
    expect(content, '<meta name="description">').toBeDefined();
    expect(content!.length).toBeGreaterThanOrEqual(50);
    expect(content!.length).toBeLessThanOrEqual(160);
  });
});
