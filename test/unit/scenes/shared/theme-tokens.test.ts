import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FONT_TOKENS, THEMES } from '../../../../src/scenes/shared/theme-tokens.js';

/** Every file below `dir` whose name ends with one of `endings`. */
function filesUnder(dir: string, endings: readonly string[]): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, endings);
    return endings.some((e) => name.endsWith(e)) ? [path] : [];
  });
}

describe('theme tokens', () => {
  it('are used without literal fallbacks in scenes and deck (the table is the one source)', () => {
    const offenders: string[] = [];
    for (const file of [...filesUnder('src/scenes', ['.ts']), ...filesUnder('src/deck', ['.ts', '.css'])]) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // A token whose fallback is a literal colour or font list, not another var() or a mix.
          if (/var\(--fleet-[a-z0-9-]+,\s*(#|rgb|hsl|[a-z-]+,|'|")/i.test(line))
            offenders.push(`${file}:${i + 1}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it('give every theme the same names, and fonts apart from colours', () => {
    expect(Object.keys(THEMES.light).sort()).toEqual(Object.keys(THEMES.dark).sort());
    for (const name of Object.keys(FONT_TOKENS)) expect(THEMES.dark).not.toHaveProperty(name);
  });
});
