import { describe, expect, it } from 'vitest';
import { isKnownModel, isKnownPhase, MODELS, PHASES } from '../../../src/contract/vocabulary.js';

describe('vocabulary', () => {
  it('knows exactly the five phases of PHASES', () => {
    for (const phase of PHASES) expect(isKnownPhase(phase), phase).toBe(true);
    // As a producer's JSON gives them: equal strings, not the same objects.
    for (const phase of JSON.parse(JSON.stringify(PHASES)) as string[])
      expect(isKnownPhase(phase)).toBe(true);
    for (const other of ['', 'Clean', 'clean ', 'infected', 'infected_running_', 'rnn', 'constructor'])
      expect(isKnownPhase(other), other).toBe(false);
  });

  it('knows exactly the five models of MODELS', () => {
    for (const model of MODELS) expect(isKnownModel(model), model).toBe(true);
    for (const other of ['', 'RNN', 'clean', 'transformer']) expect(isKnownModel(other), other).toBe(false);
  });
});
