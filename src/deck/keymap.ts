import type { SHELL_TEXT } from '../content/deck-text.js';

/** What a key press asks the deck to do. */
export type DeckAction =
  | { readonly kind: 'next' }
  | { readonly kind: 'previous' }
  | { readonly kind: 'first' }
  | { readonly kind: 'last' }
  | { readonly kind: 'digit'; readonly digit: string }
  | { readonly kind: 'jump' }
  | { readonly kind: 'overview' }
  | { readonly kind: 'escape' }
  | { readonly kind: 'fullscreen' }
  | { readonly kind: 'help' }
  | { readonly kind: 'presenter' }
  | { readonly kind: 'diagnostics' }
  | { readonly kind: 'simulator' }
  | { readonly kind: 'theme' }
  | { readonly kind: 'pause' }
  | { readonly kind: 'mark' }
  | { readonly kind: 'rewind' }
  | { readonly kind: 'forward' };

/** The keys a key event carries that matter here. */
export interface KeyPress {
  readonly key: string;
  readonly shiftKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly altKey?: boolean;
}

/** Maps a key press to a deck action (SCENES.md "Keys"), or undefined. */
export function actionForKey(press: KeyPress): DeckAction | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey) return undefined;
  switch (press.key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
      return { kind: 'next' };
    case ' ':
      return press.shiftKey ? { kind: 'previous' } : { kind: 'next' };
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
      return { kind: 'previous' };
    case 'Home':
      return { kind: 'first' };
    case 'End':
      return { kind: 'last' };
    case 'Enter':
      return { kind: 'jump' };
    case 'Escape':
      return { kind: 'escape' };
    case 'o':
      return { kind: 'overview' };
    case 'f':
      return { kind: 'fullscreen' };
    case '?':
      return { kind: 'help' };
    case 'p':
      return { kind: 'presenter' };
    case 'd':
      return { kind: 'diagnostics' };
    case 's':
      return { kind: 'simulator' };
    case 't':
      return { kind: 'theme' };
    case '.':
      return { kind: 'pause' };
    case 'm':
      return { kind: 'mark' };
    case '[':
      return { kind: 'rewind' };
    case ']':
      return { kind: 'forward' };
    default:
      return /^[0-9]$/.test(press.key) ? { kind: 'digit', digit: press.key } : undefined;
  }
}

/** What a row of the key help does: its words are `SHELL_TEXT.keyHelp` in `src/content`. */
export type KeyHelpTopic = keyof typeof SHELL_TEXT.keyHelp;

/** The key help, in the order the help overlay lists it: the keys as written on them, and their topic. */
export const KEY_HELP: readonly (readonly [keys: string, topic: KeyHelpTopic])[] = [
  ['→ ↓ Space PageDown', 'next'],
  ['← ↑ Shift+Space PageUp', 'previous'],
  ['Home / End', 'ends'],
  ['number, then Enter', 'jump'],
  ['Esc or o', 'overview'],
  ['f', 'fullscreen'],
  ['d', 'diagnostics'],
  ['s', 'simulator'],
  ['p', 'presenter'],
  ['t', 'theme'],
  ['.', 'pause'],
  ['[ / ]', 'step'],
  ['m', 'mark'],
  ['?', 'help'],
  ['swipe left / right', 'swipe'],
];

/**
 * The deck action of a key event, or undefined when the key belongs to
 * something else: typing in a form field, or Enter / Space activating a button.
 */
export function actionForKeyEvent(event: KeyboardEvent): DeckAction | undefined {
  if (event.defaultPrevented) return undefined;
  const target = event.composedPath()[0];
  if (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  ) {
    return undefined;
  }
  if (target instanceof HTMLButtonElement && (event.key === 'Enter' || event.key === ' ')) return undefined;
  return actionForKey(event);
}
