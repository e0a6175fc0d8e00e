import { type CSSResult, unsafeCSS } from 'lit';

/**
 * The deck's colour themes. Scenes take text and surface colours only from
 * these custom properties (with the dark values as their `var()` fallbacks),
 * so one attribute on the deck host recolours every scene.
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

/** Is `value` a theme name? */
export function isThemeName(value: unknown): value is ThemeName {
  return typeof value === 'string' && (THEME_NAMES as readonly string[]).includes(value);
}

/** The theme `?theme=` names, or dark. */
export function themeFromParams(params: URLSearchParams): ThemeName {
  const value = params.get('theme')?.trim().toLowerCase();
  return isThemeName(value) ? value : 'dark';
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
  const rules = [
    `:host { ${declarations(themeProperties('dark'))} color-scheme: dark; }`,
    ...THEME_NAMES.filter((name) => name !== 'dark').map(
      (name) => `:host([theme='${name}']) { ${declarations(themeProperties(name))} color-scheme: ${name}; }`,
    ),
  ];
  return unsafeCSS(rules.join('\n'));
}

/**
 * Themes the page around the deck: the theme's custom properties on the root
 * element (so a bare scene, the iframe mode and anything else on the page
 * inherit them) and the letterbox as the page background, so no dark frame
 * shows around a light deck. CSSOM writes, which the page's CSP allows.
 */
export function applyPageTheme(theme: ThemeName, doc: Document = document): void {
  const root = doc.documentElement;
  root.dataset.theme = theme;
  // Clear what another theme set (the dark theme leaves the syntax colours to the scene).
  for (const other of THEME_NAMES)
    for (const name of Object.keys(SYNTAX_COLORS[other])) root.style.removeProperty(name);
  for (const [name, value] of Object.entries(themeProperties(theme))) root.style.setProperty(name, value);
  root.style.colorScheme = theme;
  for (const box of [root, doc.body])
    box?.style.setProperty('background', THEMES[theme]['--fleet-letterbox']);
}

/** Keeps `?theme=` in the address bar in step with the theme, so a reload keeps it. */
export function rememberTheme(theme: ThemeName): void {
  const url = new URL(location.href);
  if (url.searchParams.get('theme') === theme) return;
  if (theme === 'dark') url.searchParams.delete('theme');
  else url.searchParams.set('theme', theme);
  history.replaceState(history.state, '', url);
}

/* WCAG 2.x contrast, for the tests and for anyone adding a theme. */

/** Parses `#rgb` or `#rrggbb` into 0–255 channels. */
export function parseHex(hex: string): readonly [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a hex colour: ${hex}`);
  const digits = m[1]!.length === 3 ? [...m[1]!].map((d) => d + d).join('') : m[1]!;
  const n = Number.parseInt(digits, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG relative luminance of a hex colour (0 black … 1 white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two hex colours (1 … 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
