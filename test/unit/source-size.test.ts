import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAX_LINES = 450;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|css)$/.test(name) ? [path] : [];
  });
}

describe('source files', () => {
  it(`stay under ${MAX_LINES} lines: one concept a module`, () => {
    const long = sources('src')
      .map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.file}: ${f.lines}`);
    expect(long).toEqual([]);
  });

  it('format numbers without Intl, but in scenes/shared/format.ts (a first use loads locale data)', () => {
    // The first toLocaleString or Intl formatter of a page took 30–80 ms here: on a first view, or
    // on the knn scene's first points.
    const intl = sources('src')
      .filter((file) => !file.endsWith(join('scenes', 'shared', 'format.ts')))
      .filter((file) => /\.toLocaleString\(|new Intl\./.test(readFileSync(file, 'utf8')))
      .sort();
    expect(intl).toEqual([]);
  });
});
