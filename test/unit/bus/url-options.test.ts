import { describe, expect, it } from 'vitest';
import { BusDiagnostics } from '../../../src/bus/diagnostics.js';
import { readSourceOptions, reportUrlNotices, urlNotices } from '../../../src/bus/url-options.js';

const params = (query: string) => new URLSearchParams(query);

describe('URL parameters the deck cannot take as given', () => {
  it('clamps a number out of range and says what it used', () => {
    const p = params('hosts=20000&accuracy=-1');
    expect(readSourceOptions(p).sim.hosts).toBe(10_000);
    expect(readSourceOptions(p).sim.accuracy).toBe(0);
    expect(urlNotices(p)).toEqual([
      'hosts=20000 is outside 1–10000: 10000 is used',
      'accuracy=-1 is outside 0–1: 0 is used',
    ]);
  });

  it('falls back to the default for what is not a number, and says so', () => {
    const p = params('warm=soon&seed=1');
    expect(readSourceOptions(p).sim.warm).toBeUndefined();
    expect(urlNotices(p)).toEqual(['warm=soon is not a number: the default is used']);
  });

  it('says nothing of values in range, or of parameters left out or empty', () => {
    expect(urlNotices(params('hosts=200&seed=7&warm=0&accuracy=0.9&rate=2'))).toEqual([]);
    expect(urlNotices(params('hosts=&ws=ws://127.0.0.1:8080'))).toEqual([]);
  });

  it('repeats at most 24 characters of a hostile value', () => {
    const [notice] = urlNotices(params(`rate=${'x'.repeat(5000)}`));
    expect(notice).toBe(`rate=${'x'.repeat(24)}… is not a number: the default is used`);
  });

  it('lists the notices in the diagnostics, for the overlay', () => {
    const diagnostics = new BusDiagnostics();
    const warn = console.warn;
    const logged: unknown[] = [];
    console.warn = (...args: unknown[]) => logged.push(args.join(' '));
    try {
      reportUrlNotices(params('hosts=0'), diagnostics);
    } finally {
      console.warn = warn;
    }
    expect(diagnostics.settingNotices).toEqual(['hosts=0 is outside 1–10000: 1 is used']);
    expect(logged).toEqual(['fleet deck: hosts=0 is outside 1–10000: 1 is used']);
  });
});
