import type { BenchRow } from '../types.js';

/**
 * The results table: one line per figure, beside its floor, the ratio, the
 * target and whether it is met. Pure text so it can be tested and pasted into
 * the README as is.
 */

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A number as the table shows it: rates grouped, small values with a sensible number of decimals. */
export function formatNumber(value: number, unit = ''): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'n/a' : String(value);
  if (unit.endsWith('/s') || Math.abs(value) >= 10_000) return grouped.format(value);
  const abs = Math.abs(value);
  if (Number.isInteger(value) && abs >= 100) return grouped.format(value);
  const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toFixed(decimals);
}

/** `value unit`, or `n/a` for a missing figure. */
export function formatFigure(value: number | undefined, unit: string): string {
  if (value === undefined) return '—';
  const text = formatNumber(value, unit);
  return text === 'n/a' || unit === '' ? text : `${text} ${unit}`;
}

/** The deck's figure over its floor (`1.00×` when equal), or `—` without a usable floor. */
export function formatRatio(value: number, floor: number | undefined): string {
  if (floor === undefined || floor === 0 || !Number.isFinite(floor) || !Number.isFinite(value)) return '—';
  return `${(value / floor).toFixed(2)}×`;
}

/**
 * The median of per-round ratios with its spread: `1.10× (0.95–1.30×, 3 rounds)`,
 * or `—` when no round had a usable ratio.
 */
export function formatRatioSpread(ratio: NonNullable<BenchRow['ratio']>): string {
  if (!Number.isFinite(ratio.median)) return '—';
  return `${ratio.median.toFixed(2)}× (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}×, ${ratio.rounds} rounds)`;
}

/** `yes`, `NO` (loud, so a missed target stands out) or `—` when there is no target. */
export function formatMet(met: boolean | undefined): string {
  return met === undefined ? '—' : met ? 'yes' : 'NO';
}

const HEADER = ['scenario', 'metric', 'deck', 'floor', 'ratio', 'target', 'met?'] as const;

/** The rows as cells, header first. */
export function tableCells(rows: readonly BenchRow[]): string[][] {
  return [
    [...HEADER],
    ...rows.map((row) => [
      row.scenario,
      row.metric,
      formatFigure(row.value, row.unit),
      formatFigure(row.floor, row.unit),
      row.ratio ? formatRatioSpread(row.ratio) : formatRatio(row.value, row.floor),
      row.target ?? '—',
      formatMet(row.met),
    ]),
  ];
}

/**
 * A Markdown table (readable as plain text too: columns padded to line up),
 * followed by the rows' notes, numbered as the rows that carry them.
 */
export function formatTable(rows: readonly BenchRow[]): string {
  const cells = tableCells(rows);
  const widths = HEADER.map((_, c) => Math.max(...cells.map((line) => [...line[c]!].length)));
  const pad = (text: string, c: number) => text + ' '.repeat(widths[c]! - [...text].length);
  const line = (cellsOfLine: readonly string[]) => `| ${cellsOfLine.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const out = [line(cells[0]!), rule, ...cells.slice(1).map(line)];
  const notes = rows.flatMap((row) => (row.note ? [`- ${row.scenario} · ${row.metric}: ${row.note}`] : []));
  if (notes.length > 0) out.push('', ...notes);
  return out.join('\n');
}

/** How many rows missed their target. */
export function missedTargets(rows: readonly BenchRow[]): number {
  return rows.filter((row) => row.met === false).length;
}
