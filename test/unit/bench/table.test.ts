import { describe, expect, it } from 'vitest';
import {
  formatFigure,
  formatMet,
  formatNumber,
  formatRatio,
  formatTable,
  missedTargets,
} from '../../../bench/lib/table.js';
import type { BenchRow } from '../../../bench/types.js';

describe('numbers and figures', () => {
  it('groups rates and large values, and gives small values a few decimals', () => {
    expect(formatNumber(123456.7, 'events/s')).toBe('123,457');
    expect(formatNumber(12.345, 'ms')).toBe('12.3');
    expect(formatNumber(1.2345, 'MB')).toBe('1.23');
    expect(formatNumber(456.7, 'ms')).toBe('457');
    expect(formatNumber(1447, 'nodes')).toBe('1,447');
    expect(formatNumber(Number.NaN)).toBe('n/a');
  });

  it('writes a figure with its unit, a dash when absent and n/a when not a number', () => {
    expect(formatFigure(16.66, 'ms')).toBe('16.7 ms');
    expect(formatFigure(undefined, 'ms')).toBe('—');
    expect(formatFigure(Number.NaN, 'ms')).toBe('n/a');
    expect(formatFigure(3, '')).toBe('3.00');
  });

  it('gives the ratio to the floor only when there is a usable floor', () => {
    expect(formatRatio(50, 100)).toBe('0.50×');
    expect(formatRatio(50, undefined)).toBe('—');
    expect(formatRatio(50, 0)).toBe('—');
    expect(formatRatio(Number.NaN, 10)).toBe('—');
  });

  it('says NO loudly when a target is missed', () => {
    expect(formatMet(true)).toBe('yes');
    expect(formatMet(false)).toBe('NO');
    expect(formatMet(undefined)).toBe('—');
  });
});

describe('formatTable', () => {
  const rows: BenchRow[] = [
    {
      scenario: 'ingest',
      metric: 'events/s, 500-event frames',
      unit: 'events/s',
      value: 60000,
      floor: 200000,
      target: '≥ 0.5 × floor',
      met: false,
      note: 'measured on a busy machine',
    },
    {
      scenario: 'frame time',
      metric: 'p95',
      unit: 'ms',
      value: 16.7,
      floor: 16.6,
      target: '≤ 33 ms',
      met: true,
    },
  ];

  it('lines the columns up as a Markdown table and lists the notes after it', () => {
    const text = formatTable(rows);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^\| scenario +\| metric +\| deck +\| floor +\| ratio +\| target +\| met\? \|$/);
    expect(lines[1]).toMatch(/^\|-+\|-+\|-+\|-+\|-+\|-+\|-+\|$/);
    expect(lines[2]).toContain('| 60,000 events/s | 200,000 events/s | 0.30× | ≥ 0.5 × floor | NO ');
    expect(lines[3]).toContain('| 16.7 ms');
    expect(new Set(lines.slice(0, 4).map((l) => [...l].length)).size).toBe(1);
    expect(lines.at(-1)).toBe('- ingest · events/s, 500-event frames: measured on a busy machine');
  });

  it('counts missed targets', () => {
    expect(missedTargets(rows)).toBe(1);
    expect(missedTargets([])).toBe(0);
  });
});
