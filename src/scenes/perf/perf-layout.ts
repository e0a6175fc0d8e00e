import { type ScaleLinear, type ScaleLogarithmic, scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { modelColor } from '../../contract/palette.js';
import type { PerfPoint } from '../../store/models.js';
import { paretoFrontier } from './pareto.js';

/** Space around the plot for axes and their titles. */
export const PERF_MARGIN = { top: 24, right: 40, bottom: 76, left: 96 } as const;

/** One model's dot as drawn. */
export interface PerfDot extends PerfPoint {
  readonly cx: number;
  readonly cy: number;
  readonly color: string;
  readonly onFrontier: boolean;
  /** Label to the right of the dot, or to its left near the right edge. */
  readonly labelAnchor: 'start' | 'end';
}

export interface Tick {
  readonly value: number;
  readonly pos: number;
  readonly label: string;
}

/** Everything the perf scene draws, in SVG user units of a `width × height` box. */
export interface PerfLayout {
  readonly width: number;
  readonly height: number;
  /** Latency (µs) → x, logarithmic. */
  readonly x: ScaleLogarithmic<number, number>;
  /** Accuracy (0–1) → y. */
  readonly y: ScaleLinear<number, number>;
  readonly dots: readonly PerfDot[];
  readonly frontier: readonly PerfPoint[];
  /** The frontier as a staircase: each step right (slower) then up (more accurate). */
  readonly frontierPath: string;
  /** Where the frontier's name goes: above the middle of its longest flat step. */
  readonly frontierLabel?: { readonly x: number; readonly y: number };
  readonly xTicks: readonly Tick[];
  readonly yTicks: readonly Tick[];
  /** The plot area. */
  readonly plot: {
    readonly left: number;
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
  };
}

/** 120 → "120 µs", 1600 → "1.6 ms", 12000 → "12 ms", 2e6 → "2 s". */
export function formatLatency(us: number): string {
  const trim = (v: number) => String(Number(v.toPrecision(3)));
  if (us >= 1e6) return `${trim(us / 1e6)} s`;
  if (us >= 1000) return `${trim(us / 1000)} ms`;
  return `${trim(us)} µs`;
}

/** Log ticks at 1, 2 and 5 of each decade in the domain; just the decades when those crowd. */
function latencyTicks(x: ScaleLogarithmic<number, number>): number[] {
  const all = x.ticks();
  const lead = (v: number) => Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
  const nice = all.filter((v) => [1, 2, 5].includes(lead(v)));
  if (nice.length <= 9) return nice.length >= 2 ? nice : all;
  return all.filter((v) => lead(v) === 1);
}

/**
 * Scales, dots, frontier and ticks for the latest point per model. Both axes
 * fit the data with some air: latency pads by a factor either way on its log
 * axis, accuracy by a margin clamped to 0–1.
 */
export function perfLayout(points: readonly PerfPoint[], width: number, height: number): PerfLayout {
  const plot = {
    left: PERF_MARGIN.left,
    top: PERF_MARGIN.top,
    right: Math.max(PERF_MARGIN.left + 1, width - PERF_MARGIN.right),
    bottom: Math.max(PERF_MARGIN.top + 1, height - PERF_MARGIN.bottom),
  };
  let minL = Number.POSITIVE_INFINITY;
  let maxL = 0;
  let minA = 1;
  let maxA = 0;
  for (const p of points) {
    minL = Math.min(minL, p.latency_us);
    maxL = Math.max(maxL, p.latency_us);
    minA = Math.min(minA, p.accuracy);
    maxA = Math.max(maxA, p.accuracy);
  }
  if (points.length === 0) {
    minL = 100;
    maxL = 10_000;
    minA = 0.5;
    maxA = 1;
  }
  // A decade of air when all latencies are one; otherwise 60% either way on the log axis.
  const lPad = maxL / minL < 1.5 ? 3 : 1.6;
  const x = scaleLog()
    .domain([minL / lPad, maxL * lPad])
    .range([plot.left, plot.right]);
  const aPad = Math.max(0.02, (maxA - minA) * 0.18);
  const y = scaleLinear()
    .domain([Math.max(0, minA - aPad), Math.min(1, maxA + aPad)])
    .nice()
    .range([plot.bottom, plot.top]);
  if (y.domain()[1]! > 1) y.domain([y.domain()[0]!, 1]);
  const frontier = paretoFrontier(points);
  const onFrontier = new Set(frontier);
  const dots = points.map((p) => {
    const cx = x(p.latency_us);
    return {
      ...p,
      cx,
      cy: y(p.accuracy),
      color: modelColor(p.model),
      onFrontier: onFrontier.has(p),
      labelAnchor: cx > plot.right - 240 ? ('end' as const) : ('start' as const),
    };
  });
  const steps: [number, number][] = [];
  frontier.forEach((p, i) => {
    if (i > 0) steps.push([x(p.latency_us), y(frontier[i - 1]!.accuracy)]);
    steps.push([x(p.latency_us), y(p.accuracy)]);
  });
  let frontierLabel: { x: number; y: number } | undefined;
  let longest = 0;
  for (let i = 1; i < frontier.length; i++) {
    const x0 = x(frontier[i - 1]!.latency_us);
    const x1 = x(frontier[i]!.latency_us);
    if (x1 - x0 > longest) {
      longest = x1 - x0;
      frontierLabel = { x: (x0 + x1) / 2, y: y(frontier[i - 1]!.accuracy) - 12 };
    }
  }
  return {
    width,
    height,
    x,
    y,
    dots,
    frontier,
    frontierPath: frontier.length > 1 ? (line()(steps) ?? '') : '',
    frontierLabel,
    xTicks: latencyTicks(x).map((v) => ({ value: v, pos: x(v), label: formatLatency(v) })),
    yTicks: y.ticks(6).map((v) => ({ value: v, pos: y(v), label: `${Math.round(v * 1000) / 10}%` })),
    plot,
  };
}
