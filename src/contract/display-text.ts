/**
 * Display safety for strings that come from events (host ids, profiles,
 * models, episode ids, reasons): bidi controls (U+202A–202E, U+2066–2069,
 * U+200E/200F, U+061C) and every other invisible format or control character
 * are shown as a visible code, `⟨U+202E⟩`. Otherwise a host id holding a
 * right-to-left override renders reversed, and one host can pass for another;
 * a zero-width space makes two ids look the same.
 *
 * The data keeps its characters (filters and keys compare the real string);
 * only what is drawn changes.
 */

/** Unicode format (Cf) and control (Cc) characters: nothing a reader can see, or worse. */
const HIDDEN = /[\p{Cf}\p{Cc}]/u;
const HIDDEN_ALL = /[\p{Cf}\p{Cc}]/gu;

function codeOf(char: string): string {
  return `⟨U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/**
 * The text to draw for `value`: the same string when it has nothing hidden
 * (the common case, checked without allocating), else with each hidden
 * character written out as `⟨U+XXXX⟩`. `undefined` stays `undefined`.
 */
export function displayText(value: string): string;
export function displayText(value: string | undefined): string | undefined;
export function displayText(value: string | undefined): string | undefined {
  if (value === undefined || !HIDDEN.test(value)) return value;
  return value.replace(HIDDEN_ALL, codeOf);
}
