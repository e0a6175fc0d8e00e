import { describe, expect, it } from 'vitest';
import { parseArgs, SCENARIO_NAMES } from '../../../bench/lib/args.js';
import { baselineSecond } from '../../../bench/scenarios/soak.js';

describe('bench options', () => {
  it('defaults to every scenario and a five-minute soak', () => {
    const options = parseArgs([]);
    expect(options.soakSeconds).toBe(300);
    expect(options.ingestSeconds).toBe(5);
    expect(options.only).toEqual([...SCENARIO_NAMES]);
    expect(options.keep).toBe(false);
    expect(options.rounds).toBe(3);
  });

  it('reads --rounds, and refuses fewer than three or a fraction', () => {
    expect(parseArgs(['--rounds', '5']).rounds).toBe(5);
    expect(parseArgs(['--rounds=3']).rounds).toBe(3);
    expect(() => parseArgs(['--rounds', '2'])).toThrow(/--rounds/);
    expect(() => parseArgs(['--rounds', '3.5'])).toThrow(/--rounds/);
    expect(() => parseArgs(['--rounds'])).toThrow(/--rounds/);
  });

  it('reads --soak, --ingest, --only (kept in table order), --site and --keep, with or without =', () => {
    const options = parseArgs([
      '--soak',
      '60',
      '--ingest=3',
      '--only',
      'load,ingest',
      '--site',
      '/tmp/x',
      '--keep',
    ]);
    expect(options.soakSeconds).toBe(60);
    expect(options.ingestSeconds).toBe(3);
    expect(options.only).toEqual(['ingest', 'load']);
    expect(options.siteDir).toBe('/tmp/x');
    expect(options.keep).toBe(true);
  });

  it('refuses what it does not know, with the reason', () => {
    expect(() => parseArgs(['--soak'])).toThrow(/--soak needs a number/);
    expect(() => parseArgs(['--soak', '2'])).toThrow(/≥ 10/);
    expect(() => parseArgs(['--only', 'ingest,nope'])).toThrow(/got nope/);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option --fast/);
  });

  it('takes the soak baseline at minute 1, or half-way through a shorter soak', () => {
    expect(baselineSecond(300)).toBe(60);
    expect(baselineSecond(60)).toBe(30);
  });
});
