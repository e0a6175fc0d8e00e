import { isKnownModel, isKnownPhase, type KnownModel, type KnownPhase } from './vocabulary.js';

/**
 * The one palette. Every scene and legend takes phase and model colours from
 * here, so a phase looks the same everywhere. Chosen to stay distinct for the
 * common colour-vision deficiencies and on a washed-out projector.
 */
export const PHASE_COLORS: Readonly<Record<KnownPhase, string>> = {
  clean: '#3fb27f',
  armed: '#e0b040',
  infecting: '#e8743b',
  infected_running: '#d64550',
  dormant: '#7b6fd0',
};

/** One colour per known model. */
export const MODEL_COLORS: Readonly<Record<KnownModel, string>> = {
  rnn: '#5aa9e6',
  gru: '#f2a541',
  lstm: '#9b5de5',
  bert: '#00bbf9',
  knn: '#f15bb5',
};

/** The neutral swatch for any phase or model outside the vocabulary. */
export const UNKNOWN_COLOR = '#8a8f98';

/** Pattern ids per phase so colour is never the only carrier of a phase. */
export const PHASE_GLYPHS: Readonly<Record<KnownPhase, string>> = {
  clean: '○',
  armed: '◇',
  infecting: '▲',
  infected_running: '●',
  dormant: '◐',
};

/** Colour of a phase; unknown phases get the neutral swatch. */
export function phaseColor(phase: string | undefined): string {
  return phase !== undefined && isKnownPhase(phase) ? PHASE_COLORS[phase] : UNKNOWN_COLOR;
}

/** Colour of a model; unknown models get the neutral swatch. */
export function modelColor(model: string | undefined): string {
  return model !== undefined && isKnownModel(model) ? MODEL_COLORS[model] : UNKNOWN_COLOR;
}

/** Glyph of a phase; unknown phases get a question mark. */
export function phaseGlyph(phase: string | undefined): string {
  return phase !== undefined && isKnownPhase(phase) ? PHASE_GLYPHS[phase] : '?';
}

/** Parses `#rgb` or `#rrggbb` into 0–255 channels. */
export function parseHex(hex: string): readonly [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a hex colour: ${hex}`);
  const digits = m[1]!.length === 3 ? [...m[1]!].map((d) => d + d).join('') : m[1]!;
  const n = Number.parseInt(digits, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
