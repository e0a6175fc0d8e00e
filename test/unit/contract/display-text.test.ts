import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayText } from '../../../src/contract/display-text.js';

const BIDI = [
  ...Array.from({ length: 5 }, (_, i) => 0x202a + i),
  ...Array.from({ length: 4 }, (_, i) => 0x2066 + i),
  0x200e,
  0x200f,
  0x061c,
];

describe('displayText', () => {
  it('writes every bidi control out visibly', () => {
    for (const code of BIDI) {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      expect(displayText(`host-${String.fromCodePoint(code)}10`)).toBe(`host-⟨U+${hex}⟩10`);
    }
    expect(displayText('\u202e10-tsoh')).toBe('⟨U+202E⟩10-tsoh');
  });

  it('shows zero-width and control characters too, and leaves plain text (and undefined) alone', () => {
    expect(displayText('host\u200b-01')).toBe('host⟨U+200B⟩-01');
    expect(displayText('a\u0000b\u001b')).toBe('a⟨U+0000⟩b⟨U+001B⟩');
    expect(displayText('\u{e0041}')).toBe('⟨U+E0041⟩');
    const plain = 'host-01 · ünïcødé 主机 🙂';
    expect(displayText(plain)).toBe(plain);
    expect(displayText(undefined)).toBeUndefined();
  });

  it('never leaves a hidden character in what it returns', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-composite', maxLength: 40 }),
        fc.constantFrom(...BIDI),
        (s, code) => {
          const shown = displayText(`${s}${String.fromCodePoint(code)}${s}`);
          expect(/[\p{Cf}\p{Cc}]/u.test(shown)).toBe(false);
        },
      ),
    );
  });
});
