import { describe, expect, it } from 'vitest';
import { TRAINING_CODE } from '../../../src/content/training-code.js';
import { codeLines, longestLine, resolveKeyLines } from '../../../src/scenes/training-code/listing.js';

describe('the training-code content', () => {
  const lines = codeLines(TRAINING_CODE.code);

  it('names every key line by text found on exactly one line', () => {
    for (const key of TRAINING_CODE.keyLines) {
      const hits = lines.filter((l) => l.includes(key.match));
      expect(hits, key.match).toHaveLength(1);
      expect(key.note.length, key.match).toBeGreaterThan(10);
      expect(key.note.length, key.match).toBeLessThanOrEqual(60);
    }
  });

  it('fits a slide: at most 46 lines of at most 90 characters, no tabs', () => {
    expect(lines.length).toBeLessThanOrEqual(46);
    expect(longestLine(TRAINING_CODE.code)).toBeLessThanOrEqual(90);
    expect(TRAINING_CODE.code).not.toContain('\t');
  });

  it('is a training loop for the sequence models: forward, loss, backward, step', () => {
    const code = TRAINING_CODE.code;
    for (const piece of ['nn.GRU', 'nn.LSTM', 'nn.RNN', 'loss.backward()', 'opt.step()', 'opt.zero_grad()']) {
      expect(code).toContain(piece);
    }
  });

  it('resolves key lines in code order, numbered from 1', () => {
    const keys = resolveKeyLines(TRAINING_CODE);
    expect(keys.map((k) => k.ordinal)).toEqual(keys.map((_, i) => i + 1));
    const sorted = [...keys].sort((a, b) => a.line - b.line);
    expect(keys).toEqual(sorted);
    expect(lines[keys[0]!.line - 1]).toContain(keys[0]!.match);
  });

  it('leaves out a key line whose text is on no line', () => {
    const keys = resolveKeyLines({ ...TRAINING_CODE, keyLines: [{ match: 'no such text', note: 'n' }] });
    expect(keys).toEqual([]);
  });
});
