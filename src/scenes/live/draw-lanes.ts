import { cellIndex, LANE_CAPACITY, type LaneCells, NO_LANE_LABEL } from '../../store/live-lanes.js';
import type { LaneLayout } from './lane-layout.js';
import { clearedPixels, fillPixels, inksFor } from './row-raster.js';

const HATCH_SPACING = 6;
/** Below this height a cell is too thin for an outline or a hatch to read. */
const DETAIL_MIN_PX = 7;
const HATCH_INK = 'rgba(10, 12, 16, 0.85)';
/** Opacity of a cell whose truth is not yet known. */
const PENDING_ALPHA = 0.35;

function hatch(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number): void {
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
  ctx: CanvasRenderingContext2D,
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

/** One row of the fleet view: a host's lane slot at a height. */
export interface RowSpec {
  readonly slot: number;
  readonly y: number;
}

/**
 * Draws thin rows straight from the lanes' arrays, no box objects, as pixels
 * (row-raster.ts): solid cells, faint pending ones, then the hatch where rows
 * are tall enough to show it. It replaces the canvas's pixels (what was on it
 * is gone), and honours the context's scale and vertical translation (as set
 * by the scene for its device pixels and scroll). `colors` gives each label
 * id's fill; the newest `columns` cells of each lane span the width.
 */
export function drawRows(
  ctx: CanvasRenderingContext2D,
  cells: LaneCells,
  rows: readonly RowSpec[],
  rowHeight: number,
  width: number,
  colors: readonly string[],
  columns = LANE_CAPACITY,
): void {
  const cellWidth = width / columns;
  const gap = cellWidth > 8 ? 2 : cellWidth > 3 ? 1 : 0;
  const vgap = rowHeight >= 6 ? Math.max(1, Math.round(rowHeight * 0.15)) : rowHeight >= 3 ? 1 : 0;
  const h = rowHeight - vgap;
  const w = cellWidth - gap;
  const { a: sx, d: sy, f: ty } = ctx.getTransform();
  const inks = inksFor(ctx, colors, PENDING_ALPHA);
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
      fillPixels(
        words,
        image.width,
        image.height,
        x0,
        y0,
        Math.max(x0 + 1, Math.round((x + w) * sx)),
        y1,
        ink,
      );
    }
  }
  ctx.putImageData(image, 0, 0);
  if (h < DETAIL_MIN_PX) return;
  for (const row of rows) {
    const len = cells.length[row.slot]!;
    const offset = columns - len;
    for (let i = Math.max(0, len - columns); i < len; i++) {
      const k = cellIndex(cells, row.slot, i);
      const actual = cells.actual[k]!;
      if (actual !== NO_LANE_LABEL && actual !== cells.predicted[k])
        hatch(ctx, (offset + i) * cellWidth, row.y, w, h);
    }
  }
}
