import { cellIndex, LANE_CAPACITY, type LaneCells, NO_LANE_LABEL } from '../../store/live-lanes.js';
import { clearedPixels, fillPixels, hatchPixels, inksFor } from '../shared/pixel-raster.js';
import { type LaneContext, sizedContext } from './canvas-context.js';
import type { LaneLayout } from './lane-layout.js';

const HATCH_SPACING = 6;
/** Below this height a cell is too thin for an outline or a hatch to read. */
const DETAIL_MIN_PX = 7;
/** The hatch's ink, as the lane view strokes it and as row pixels blend it. */
const HATCH_RGB = [10, 12, 16] as const;
const HATCH_ALPHA = 0.85;
const HATCH_INK = `rgba(${HATCH_RGB.join(', ')}, ${HATCH_ALPHA})`;
/** Opacity of a cell whose truth is not yet known. */
const PENDING_ALPHA = 0.35;

function hatch(ctx: LaneContext, x: number, y: number, w: number, h: number): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.strokeStyle = HATCH_INK;
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (let d = -h; d < w; d += HATCH_SPACING) {
    ctx.moveTo(x + d, y + h);
    ctx.lineTo(x + d + h, y);
  }
  ctx.stroke();
  ctx.restore();
}

/**
 * Draws the cells of a layout that fall in the visible band [top, top +
 * height) on a 2-D context scaled to CSS pixels and translated by -top.
 * Confirmed cells are solid; cells waiting for truth are faint with an
 * outline; cells whose truth disagrees carry a dark diagonal hatch.
 */
export function drawLanes(
  ctx: LaneContext,
  layout: LaneLayout,
  width: number,
  top: number,
  height: number,
): void {
  ctx.clearRect(0, top, width, height);
  const bottom = top + height;
  for (const box of layout.boxes) {
    if (box.y + box.h <= top || box.y >= bottom) continue;
    if (box.pending) {
      ctx.globalAlpha = PENDING_ALPHA;
      ctx.fillStyle = box.fill;
      ctx.fillRect(box.x, box.y, box.w, box.h);
      ctx.globalAlpha = 1;
      if (box.h >= DETAIL_MIN_PX && box.w >= DETAIL_MIN_PX) {
        ctx.strokeStyle = box.fill;
        ctx.lineWidth = 1.5;
        ctx.strokeRect(box.x + 0.75, box.y + 0.75, box.w - 1.5, box.h - 1.5);
      }
      continue;
    }
    ctx.fillStyle = box.fill;
    ctx.fillRect(box.x, box.y, box.w, box.h);
    if (box.mismatch) hatch(ctx, box.x, box.y, box.w, box.h);
  }
}

/** The gap (CSS px) between cells `cellWidth` wide in a fleet view row. */
export function cellGap(cellWidth: number): number {
  return cellWidth > 8 ? 2 : cellWidth > 3 ? 1 : 0;
}

/** The gap (CSS px) under a fleet view row `rowHeight` tall. */
function rowGap(rowHeight: number): number {
  return rowHeight >= 6 ? Math.max(1, Math.round(rowHeight * 0.15)) : rowHeight >= 3 ? 1 : 0;
}

/** Whether rows `rowHeight` tall are tall enough to carry the hatch (and so need every pixel). */
export function rowsShowHatch(rowHeight: number): boolean {
  return rowHeight - rowGap(rowHeight) >= DETAIL_MIN_PX;
}

/** One row of the fleet view: a host's lane slot at a height. */
export interface RowSpec {
  readonly slot: number;
  readonly y: number;
}

/** Rows first…last of `hosts` (those with a lane), `pitch` apart, the row `from` at y 0. */
export function rowSpecs(
  slots: ReadonlyMap<string, number>,
  hosts: readonly string[],
  first: number,
  last: number,
  pitch: number,
  from = 0,
): RowSpec[] {
  const rows: RowSpec[] = [];
  for (let i = first; i < last; i++) {
    const slot = slots.get(hosts[i]!);
    if (slot !== undefined) rows.push({ slot, y: (i - from) * pitch });
  }
  return rows;
}

/**
 * Draws thin rows straight from the lanes' arrays, no box objects, as pixels
 * (shared/pixel-raster.ts): solid cells, faint pending ones, then the hatch where rows
 * are tall enough to show it. It replaces the canvas's pixels (what was on it
 * is gone), and honours the context's scale and vertical translation (as set
 * by the scene for its device pixels and scroll). `colors` gives each label
 * id's fill; the newest `columns` cells of each lane span the width.
 * Without `gaps` cells touch: a canvas one pixel per column, scaled up by
 * CSS, leaves the gaps between cells to the page (see the live scene).
 */
export function drawRows(
  ctx: LaneContext,
  cells: LaneCells,
  rows: readonly RowSpec[],
  rowHeight: number,
  width: number,
  colors: readonly string[],
  columns = LANE_CAPACITY,
  gaps = true,
): void {
  const cellWidth = width / columns;
  const gap = gaps ? cellGap(cellWidth) : 0;
  const h = rowHeight - rowGap(rowHeight);
  const w = cellWidth - gap;
  const { a: sx, d: sy, f: ty } = ctx.getTransform();
  const inks = inksFor(colors, PENDING_ALPHA);
  const { image, words } = clearedPixels(ctx);
  for (const row of rows) {
    const len = cells.length[row.slot]!;
    const offset = columns - len;
    const y0 = Math.round(row.y * sy + ty);
    const y1 = Math.max(y0 + 1, Math.round((row.y + h) * sy + ty));
    for (let i = Math.max(0, len - columns); i < len; i++) {
      const k = cellIndex(cells, row.slot, i);
      const label = cells.predicted[k]!;
      const ink = (cells.actual[k] === NO_LANE_LABEL ? inks.faint : inks.solid)[label] ?? inks.solid[0]!;
      const x = (offset + i) * cellWidth;
      const x0 = Math.round(x * sx);
      const rect = { x0, y0, x1: Math.max(x0 + 1, Math.round((x + w) * sx)), y1 };
      fillPixels(words, image.width, image.height, rect, ink);
    }
  }
  if (h >= DETAIL_MIN_PX) {
    // Drawn into the same pixels: a stroked, clipped hatch per cell cost more at commit than all the rest.
    for (const row of rows) {
      const len = cells.length[row.slot]!;
      const offset = columns - len;
      const y0 = Math.round(row.y * sy + ty);
      const y1 = Math.round((row.y + h) * sy + ty);
      for (let i = Math.max(0, len - columns); i < len; i++) {
        const k = cellIndex(cells, row.slot, i);
        const actual = cells.actual[k]!;
        if (actual === NO_LANE_LABEL || actual === cells.predicted[k]) continue;
        const x = (offset + i) * cellWidth;
        const rect = { x0: Math.round(x * sx), y0, x1: Math.round((x + w) * sx), y1 };
        hatchPixels(
          words,
          image.width,
          image.height,
          rect,
          HATCH_SPACING * sx,
          2 * Math.SQRT2 * sx,
          HATCH_RGB,
          HATCH_ALPHA,
        );
      }
    }
  }
  ctx.putImageData(image, 0, 0);
}

/**
 * Draws the fleet view's overview, `rows` at `rowHeight` scrolled by `top`,
 * on a canvas `width` × `viewHeight` CSS px. Rows too thin for a hatch are
 * drawn compact: one backing pixel per cell column (the canvas scaled up by
 * CSS, pixelated), the gaps between cells left to the page. A 200-host
 * overview is then 60 × 588 pixels to draw and hand to the compositor each
 * frame instead of 852 × 588, which under a flood was most of a frame.
 */
export function drawOverview(
  canvas: HTMLCanvasElement,
  cells: LaneCells,
  rows: readonly RowSpec[],
  geometry: {
    readonly rowHeight: number;
    readonly width: number;
    readonly viewHeight: number;
    readonly top: number;
    readonly columns: number;
  },
  colors: readonly string[],
): void {
  const { rowHeight, width, viewHeight, top, columns } = geometry;
  const dpr = globalThis.devicePixelRatio || 1;
  const compact = !rowsShowHatch(rowHeight);
  const ctx = sizedContext(canvas, width, viewHeight, compact ? columns : undefined);
  if (!ctx) return;
  ctx.setTransform(compact ? columns / width : dpr, 0, 0, dpr, 0, -top * dpr);
  drawRows(ctx, cells, rows, rowHeight, width, colors, columns, !compact);
}
