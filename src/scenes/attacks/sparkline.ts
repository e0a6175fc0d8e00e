import { scaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';

/** The drawing box of a sparkline; the SVG stretches it to its cell (`preserveAspectRatio="none"`). */
export const SPARK_WIDTH = 200;
export const SPARK_HEIGHT = 60;
/** Room above and below so a stroke at the peak or the floor is not clipped. */
const PAD = 3;

/** What a sparkline draws, in the `SPARK_WIDTH × SPARK_HEIGHT` box. */
export interface SparklineGeometry {
  /** The curve as an SVG path. */
  readonly line: string;
  /** The curve closed down to the zero line, for a faint fill. */
  readonly area: string;
  /** Y of the zero line. */
  readonly zeroY: number;
  /** Each sample's position, for tests and hit-testing. */
  readonly points: readonly (readonly [number, number])[];
}

/**
 * Places a curve already rescaled to its own peak (values in −1…1) in the
 * sparkline box. Zero sits at the floor unless the curve dips below it; a
 * flat curve draws a flat line (an all-zero one along the floor) and a single
 * sample spans the whole width.
 */
export function sparkline(values: readonly number[]): SparklineGeometry {
  const samples = values.length === 1 ? [values[0]!, values[0]!] : values;
  let lo = 0;
  let hi = 0;
  for (const v of samples) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (hi === lo) hi = lo + 1;
  const x = scaleLinear()
    .domain([0, Math.max(1, samples.length - 1)])
    .range([0, SPARK_WIDTH]);
  const y = scaleLinear()
    .domain([lo, hi])
    .range([SPARK_HEIGHT - PAD, PAD]);
  const points = samples.map((v, i) => [x(i), y(v)] as const);
  const zeroY = y(0);
  return {
    line: line()(points as [number, number][]) ?? '',
    area: area().y0(zeroY)(points as [number, number][]) ?? '',
    zeroY,
    points,
  };
}
