import { cellIndex, LANE_CAPACITY, type LaneCells, NO_LANE_LABEL } from '../../store/live-lanes.js';
import type { LaneLayout } from './lane-layout.js';

const HATCH_SPACING = 6;
/** Below this height a cell is too thin for an outline or a hatch to read. */
const DETAIL_MIN_PX = 7;
const HATCH_INK = 'rgba(10, 12, 16, 0.85)';

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
      ctx.globalAlpha = 0.35;
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
 * Draws thin rows straight from the lanes' arrays, no box objects: solid
 * cells first, then the faint pending ones under one alpha, then the hatch
 * where rows are tall enough to show it. `colors` gives each label id's fill;
 * the newest `columns` cells of each lane span the width.
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
  for (let pass = 0; pass < 2; pass++) {
    const pending = pass === 1;
    ctx.globalAlpha = pending ? 0.35 : 1;
    for (const row of rows) {
      const len = cells.length[row.slot]!;
      const offset = columns - len;
      for (let i = Math.max(0, len - columns); i < len; i++) {
        const k = cellIndex(cells, row.slot, i);
        if ((cells.actual[k] === NO_LANE_LABEL) !== pending) continue;
        ctx.fillStyle = colors[cells.predicted[k]!] ?? colors[0]!;
        ctx.fillRect((offset + i) * cellWidth, row.y, w, h);
      }
    }
  }
  ctx.globalAlpha = 1;
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
