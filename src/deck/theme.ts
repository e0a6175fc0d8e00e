import { parseHex } from '../contract/palette.js';
import {
  isThemeName,
  SYNTAX_COLORS,
  THEME_NAMES,
  THEMES,
  type ThemeName,
  themeProperties,
} from '../scenes/shared/theme-tokens.js';

// The theme table lives beside the scenes (they read its tokens); the deck's modules and tests reach it here too.
export {
  isThemeName,
  nextTheme,
  SYNTAX_COLORS,
  THEME_NAMES,
  THEMES,
  type ThemeColors,
  type ThemeName,
  themeHostStyles,
  themeProperties,
} from '../scenes/shared/theme-tokens.js';

/** The theme `?theme=` names, or dark. */
export function themeFromParams(params: URLSearchParams): ThemeName {
  const value = params.get('theme')?.trim().toLowerCase();
  return isThemeName(value) ? value : 'dark';
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

export { parseHex };

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
