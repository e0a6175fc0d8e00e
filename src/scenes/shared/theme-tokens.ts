import { type CSSResult, unsafeCSS } from 'lit';

/**
 * The deck's colour themes: the one source of the `--fleet-*` colours.
 * Scenes use these custom properties without fallbacks; their defaults (the
 * dark theme) are registered once from this table (`defineTokenDefaults`),
 * and one attribute on the deck host recolours every scene.
 */
export interface ThemeColors {
  /** Stage background. */
  readonly '--fleet-bg': string;
  /** Body text. */
  readonly '--fleet-fg': string;
  /** Secondary text (labels, units, captions). */
  readonly '--fleet-muted': string;
  /** Raised surfaces: cards, callouts, tooltips. */
  readonly '--fleet-panel': string;
  /** Panel and control borders. */
  readonly '--fleet-border': string;
  /** Chart axes and gridlines. */
  readonly '--fleet-grid': string;
  /** Code and inline-code background. */
  readonly '--fleet-code-bg': string;
  /** Links, highlights, the current item. */
  readonly '--fleet-accent': string;
  /** Around the 16:9 stage when the box is another shape. */
  readonly '--fleet-letterbox': string;
  /** Keyboard focus ring. */
  readonly '--fleet-focus': string;
  /** Behind the overview and help overlays. */
  readonly '--fleet-overlay': string;
  /** The presenter's timer once the talk runs over. */
  readonly '--fleet-overtime': string;
}

/** The theme names, dark first (the projector default). */
export const THEME_NAMES = ['dark', 'light'] as const;
export type ThemeName = (typeof THEME_NAMES)[number];

/**
 * Both themes meet WCAG AA (4.5:1) for fg, muted and accent text on bg, panel
 * and code-bg; `test/unit/deck/theme.test.ts` computes the ratios.
 */
export const THEMES: Readonly<Record<ThemeName, ThemeColors>> = {
  dark: {
    '--fleet-bg': '#111418',
    '--fleet-fg': '#e8eaed',
    '--fleet-muted': '#a9b0bb',
    '--fleet-panel': '#1b2027',
    '--fleet-border': '#39414d',
    '--fleet-grid': '#2a313b',
    '--fleet-code-bg': '#1f242c',
    '--fleet-accent': '#5aa9e6',
    '--fleet-letterbox': '#05070a',
    '--fleet-focus': '#5aa9e6',
    '--fleet-overlay': 'rgba(8, 10, 13, 0.95)',
    '--fleet-overtime': '#ff8a8a',
  },
  light: {
    '--fleet-bg': '#f6f7f9',
    '--fleet-fg': '#16191e',
    '--fleet-muted': '#4d5562',
    '--fleet-panel': '#ffffff',
    '--fleet-border': '#b9c0ca',
    '--fleet-grid': '#d9dde3',
    '--fleet-code-bg': '#e9ecf0',
    '--fleet-accent': '#1d64a8',
    '--fleet-letterbox': '#c9ced6',
    '--fleet-focus': '#1d64a8',
    '--fleet-overlay': 'rgba(246, 247, 249, 0.97)',
    '--fleet-overtime': '#b3261e',
  },
};

/**
 * Syntax colours for code listings (`--fleet-syntax-NAME`, read by the
 * training-code scene). The dark theme leaves them to the scene's own mix of
 * hue and text colour; the light one sets darker hues that keep AA contrast on
 * the code background and on its marked (accent-tinted) lines.
 */
export const SYNTAX_COLORS: Readonly<Record<ThemeName, Readonly<Record<string, string>>>> = {
  dark: {},
  light: {
    '--fleet-syntax-keyword': '#8b2f9e',
    '--fleet-syntax-literal': '#a02222',
    '--fleet-syntax-builtin': '#065d67',
    '--fleet-syntax-string': '#315e16',
    '--fleet-syntax-number': '#7d4004',
    '--fleet-syntax-title': '#1a5299',
    '--fleet-syntax-meta': '#705200',
  },
};

/** Every custom property a theme sets, by name and value. */
export function themeProperties(theme: ThemeName): Readonly<Record<string, string>> {
  return { ...THEMES[theme], ...SYNTAX_COLORS[theme] };
}

/** Type tokens: the same in every theme. */
export const FONT_TOKENS: Readonly<Record<string, string>> = {
  '--fleet-font': "system-ui, 'Segoe UI', Roboto, sans-serif",
  '--fleet-mono': "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace",
};

/**
 * Registers every token with its default (the dark theme's colour, the
 * fonts) as an inherited custom property, once per document. A scene on its
 * own in a page then draws in the dark theme; inside a themed deck, or under
 * a page rule, it inherits those values instead (a registered initial value
 * is only what is left when nothing is inherited). Safe to call again, and a
 * no-op where there is no CSSOM (SSR, Node).
 */
export function defineTokenDefaults(): void {
  const css = globalThis.CSS as (typeof CSS & { registerProperty?: unknown }) | undefined;
  if (typeof css?.registerProperty !== 'function') return;
  for (const [name, initialValue] of Object.entries({ ...THEMES.dark, ...FONT_TOKENS })) {
    try {
      css.registerProperty({ name, syntax: '*', inherits: true, initialValue });
    } catch {
      // Already registered (by another copy of the library, or an earlier call): keep that one.
    }
  }
}

/** Is `value` a theme name? */
export function isThemeName(value: unknown): value is ThemeName {
  return typeof value === 'string' && (THEME_NAMES as readonly string[]).includes(value);
}

/** The other theme (what `t` switches to). */
export function nextTheme(theme: ThemeName): ThemeName {
  return theme === 'dark' ? 'light' : 'dark';
}

function declarations(colors: Readonly<Record<string, string>>): string {
  return Object.entries(colors)
    .map(([name, value]) => `${name}: ${value};`)
    .join(' ');
}

/**
 * Host styles for an element with a `theme` attribute: dark by default,
 * light when `theme="light"`. As `:host` rules they lose to a page's own
 * `fleet-deck { --fleet-bg: … }`, so an embedding page can still restyle.
 */
export function themeHostStyles(): CSSResult {
  defineTokenDefaults();
  const rules = [
    `:host { ${declarations(themeProperties('dark'))} color-scheme: dark; }`,
    ...THEME_NAMES.filter((name) => name !== 'dark').map(
      (name) => `:host([theme='${name}']) { ${declarations(themeProperties(name))} color-scheme: ${name}; }`,
    ),
  ];
  return unsafeCSS(rules.join('\n'));
}
