/**
 * The hosts map drawn straight into pixels. At 10,000 hosts the map is
 * 10,000 squares: as `fillRect` calls (a colour parsed for each) they took
 * about 60 ms of a traced first view; written into a typed array and put
 * back once, 30–40 ms, most of it the loop's first, cold run and the one
 * `putImageData`.
 */
import { PHASE_COLORS, UNKNOWN_COLOR } from '../../contract/palette.js';
import { type KnownPhase, PHASES } from '../../contract/vocabulary.js';
import type { HostView } from '../../store/fleet.js';
import { fillPixels, inksFor } from '../shared/pixel-raster.js';

/** How strongly a host outside the filter still shows. */
export const DIM_ALPHA = 0.18;
/** Offline hosts are drawn hollow from this cell size (CSS px); below it a ring would fill the square. */
export const HOLLOW_MIN_CELL = 6;
/** The hollow square's ring width (CSS px). */
const RING_PX = 2;

/** Each known phase's ink in vocabulary order, then the unknown swatch's. */
const INKS = inksFor([...PHASES.map((p) => PHASE_COLORS[p]), UNKNOWN_COLOR], DIM_ALPHA);

/** A phase's index into INKS: unknown and missing phases take the last. */
function inkIndex(phase: string | undefined): number {
  const i = phase === undefined ? -1 : PHASES.indexOf(phase as KnownPhase);
  return i < 0 ? PHASES.length : i;
}

/** The map's squares: CSS px per square (the gap included), squares per row and the device pixel ratio. */
export interface MapGeometry {
  readonly cell: number;
  readonly columns: number;
  readonly dpr: number;
}

/**
 * Paints `hosts` in order, row by row, into a `stride`-wide buffer of `rows`
 * device pixels: each a square in its phase colour (a 1 px gap from 4 px
 * cells), offline ones hollow from HOLLOW_MIN_CELL, those not in `matching`
 * (when given) faint. Writes only the squares: the caller clears the buffer.
 */
export function paintHostMap(
  words: Uint32Array,
  stride: number,
  rows: number,
  hosts: readonly HostView[],
  geometry: MapGeometry,
  matching?: ReadonlySet<HostView>,
): void {
  const { cell, columns, dpr } = geometry;
  const size = cell - (cell >= 4 ? 1 : 0);
  const px = (v: number) => Math.round(v * dpr);
  const ring = px(RING_PX);
  for (let i = 0; i < hosts.length; i++) {
    const host = hosts[i]!;
    const x = (i % columns) * cell;
    const y = Math.floor(i / columns) * cell;
    const rect = { x0: px(x), y0: px(y), x1: px(x + size), y1: px(y + size) };
    const k = inkIndex(host.phase);
    const ink = matching !== undefined && !matching.has(host) ? INKS.faint[k]! : INKS.solid[k]!;
    fillPixels(words, stride, rows, rect, ink);
    if (host.online === false && cell >= HOLLOW_MIN_CELL) {
      const inner = { x0: rect.x0 + ring, y0: rect.y0 + ring, x1: rect.x1 - ring, y1: rect.y1 - ring };
      fillPixels(words, stride, rows, inner, 0);
    }
  }
}
