import type { LaneLayout } from './lane-layout.js';

const HATCH_SPACING = 6;

/**
 * Draws the cells of a layout that fall in the visible band [top, top +
 * height) on a 2-D context scaled to CSS pixels and translated by -top, so a
 * canvas the size of the viewport serves any number of lanes. Confirmed cells
 * are solid; cells waiting for truth are faint with an outline; cells whose
 * truth disagrees carry a dark diagonal hatch.
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
      if (box.h > 6 && box.w > 6) {
        ctx.strokeStyle = box.fill;
        ctx.lineWidth = 1.5;
        ctx.strokeRect(box.x + 0.75, box.y + 0.75, box.w - 1.5, box.h - 1.5);
      }
      continue;
    }
    ctx.fillStyle = box.fill;
    ctx.fillRect(box.x, box.y, box.w, box.h);
    if (box.mismatch) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(box.x, box.y, box.w, box.h);
      ctx.clip();
      ctx.strokeStyle = 'rgba(10, 12, 16, 0.85)';
      ctx.lineWidth = 2;
      ctx.beginPath();
      for (let d = -box.h; d < box.w; d += HATCH_SPACING) {
        ctx.moveTo(box.x + d, box.y + box.h);
        ctx.lineTo(box.x + d + box.h, box.y);
      }
      ctx.stroke();
      ctx.restore();
    }
  }
}
