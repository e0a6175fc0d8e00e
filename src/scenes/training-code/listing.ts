import type { CodeListing } from '../../content/training-code.js';

/** A key line resolved to its line number (1-based) and its ordinal among key lines. */
export interface ResolvedKeyLine {
  readonly line: number;
  readonly ordinal: number;
  readonly match: string;
  readonly note: string;
}

/** The code's lines, without the trailing newline's empty last line. */
export function codeLines(code: string): string[] {
  const lines = code.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Finds each key line by its text, in code order and numbered from 1. A key
 * whose text is on no line is left out rather than pointing at a wrong one
 * (the content's unit test catches it); text on several lines takes the first.
 */
export function resolveKeyLines(listing: CodeListing): ResolvedKeyLine[] {
  const lines = codeLines(listing.code);
  const found: Omit<ResolvedKeyLine, 'ordinal'>[] = [];
  for (const key of listing.keyLines) {
    const index = lines.findIndex((l) => l.includes(key.match));
    if (index >= 0) found.push({ line: index + 1, match: key.match, note: key.note });
  }
  found.sort((a, b) => a.line - b.line);
  return found.map((k, i) => ({ ...k, ordinal: i + 1 }));
}

/** The longest line, in characters: with the line count it sizes the type. */
export function longestLine(code: string): number {
  return codeLines(code).reduce((max, l) => Math.max(max, l.length), 0);
}
