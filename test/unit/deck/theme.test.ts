import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  nextTheme,
  parseHex,
  relativeLuminance,
  SYNTAX_COLORS,
  THEME_NAMES,
  THEMES,
  themeFromParams,
  themeHostStyles,
} from '../../../src/deck/theme.js';

const REQUIRED = [
  '--fleet-bg',
  '--fleet-fg',
  '--fleet-muted',
  '--fleet-panel',
  '--fleet-border',
  '--fleet-grid',
  '--fleet-code-bg',
  '--fleet-accent',
  '--fleet-letterbox',
] as const;

describe('WCAG contrast arithmetic', () => {
  it('matches the reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBeCloseTo(1, 5);
    // #767676 on white is the well-known lightest grey that passes AA (4.54:1); #777 fails (4.48:1).
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#ffffff', '#767676')).toBe(contrastRatio('#767676', '#ffffff'));
    expect(relativeLuminance('#ff0000')).toBeCloseTo(0.2126, 4);
    expect(parseHex('#1a2')).toEqual([0x11, 0xaa, 0x22]);
    expect(() => parseHex('red')).toThrow();
  });
});

describe.each(THEME_NAMES)('the %s theme', (name) => {
  const theme = THEMES[name];

  it('defines every theme custom property', () => {
    for (const prop of REQUIRED) expect(theme[prop], prop).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it.each(['--fleet-fg', '--fleet-muted', '--fleet-accent'] as const)(
    '%s text meets WCAG AA (4.5:1) on every surface',
    (text) => {
      for (const surface of ['--fleet-bg', '--fleet-panel', '--fleet-code-bg'] as const) {
        const ratio = contrastRatio(theme[text], theme[surface]);
        expect(ratio, `${text} on ${surface}: ${ratio.toFixed(2)}`).toBeGreaterThanOrEqual(4.5);
      }
    },
  );

  it('has a focus ring and borders that stand out from the stage', () => {
    expect(contrastRatio(theme['--fleet-focus'], theme['--fleet-bg'])).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(theme['--fleet-focus'], theme['--fleet-panel'])).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(theme['--fleet-border'], theme['--fleet-bg'])).toBeGreaterThan(1.5);
  });
});

/** `color-mix(in srgb, a p%, b)` for opaque hex colours. */
function mix(a: string, b: string, p: number): string {
  const [x, y] = [parseHex(a), parseHex(b)];
  return `#${x
    .map((v, i) =>
      Math.round(v * p + y[i]! * (1 - p))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

describe('syntax colours of code listings', () => {
  it.each(THEME_NAMES)('meet AA on the code background and on marked lines (%s)', (name) => {
    const theme = THEMES[name];
    const codeBg = theme['--fleet-code-bg'];
    // The training-code scene tints a marked line with 17% of the accent.
    const marked = mix(theme['--fleet-accent'], codeBg, 0.17);
    // Without a theme value the scene mixes the hue 68% with the text colour (its own fallback).
    const hues = {
      keyword: '#c678dd',
      literal: '#e06c75',
      builtin: '#56b6c2',
      string: '#98c379',
      number: '#d19a66',
      title: '#61afef',
      meta: '#e5c07b',
    };
    for (const [token, hue] of Object.entries(hues)) {
      const colour = SYNTAX_COLORS[name][`--fleet-syntax-${token}`] ?? mix(hue, theme['--fleet-fg'], 0.68);
      for (const bg of [codeBg, marked]) {
        const ratio = contrastRatio(colour, bg);
        expect(ratio, `${token} ${colour} on ${bg}: ${ratio.toFixed(2)}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});

describe('theme selection', () => {
  it('reads ?theme= and defaults to dark', () => {
    expect(themeFromParams(new URLSearchParams('theme=light'))).toBe('light');
    expect(themeFromParams(new URLSearchParams('theme=LIGHT'))).toBe('light');
    expect(themeFromParams(new URLSearchParams('theme=dark'))).toBe('dark');
    expect(themeFromParams(new URLSearchParams('theme=neon'))).toBe('dark');
    expect(themeFromParams(new URLSearchParams(''))).toBe('dark');
  });

  it('toggles between the two', () => {
    expect(nextTheme('dark')).toBe('light');
    expect(nextTheme('light')).toBe('dark');
  });

  it('writes host rules: dark on :host, light under [theme=light]', () => {
    const text = themeHostStyles().cssText;
    expect(text).toContain(`:host { --fleet-bg: ${THEMES.dark['--fleet-bg']};`);
    expect(text).toContain(`:host([theme='light']) { --fleet-bg: ${THEMES.light['--fleet-bg']};`);
    expect(text).toContain(`--fleet-letterbox: ${THEMES.light['--fleet-letterbox']};`);
  });
});
