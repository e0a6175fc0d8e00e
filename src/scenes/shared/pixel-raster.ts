/**
 * Draws many small rectangles straight into pixels: the live scene's fleet
 * rows and the hosts scene's map. A 200-host overview is 12,000 cells; as
 * 12,000 `fillRect` calls Chromium's software rasteriser spends most of a
 * frame on them (npm run bench, frame time), while filling a typed array of
 * one viewport's pixels and putting it back costs about a millisecond. Cells
 * snap to device pixels.
 */
import { parseHex } from '../../contract/palette.js';

/** A 2-D context of a page canvas or of an OffscreenCanvas. */
export type PixelContext = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** A colour as a little-endian RGBA word per label id, opaque and at the pending alpha. */
interface Inks {
  readonly solid: Uint32Array;
  readonly faint: Uint32Array;
}

/** A palette colour (`#rrggbb`) as a little-endian RGBA word at `alpha`. */
function rgba(color: string, alpha: number): number {
  const [r, g, b] = parseHex(color);
  return ((Math.round(alpha * 255) << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** Each label id's ink (its palette colour), opaque and at `faintAlpha`. */
export function inksFor(colors: readonly string[], faintAlpha: number): Inks {
  return {
    solid: Uint32Array.from(colors, (c) => rgba(c, 1)),
    faint: Uint32Array.from(colors, (c) => rgba(c, faintAlpha)),
  };
}

/** A reusable pixel buffer the size of a canvas. */
const buffers = new WeakMap<PixelContext, ImageData>();

/** The context's pixel buffer, cleared, at the canvas's size. */
export function clearedPixels(ctx: PixelContext): { image: ImageData; words: Uint32Array } {
  const { width, height } = ctx.canvas;
  let image = buffers.get(ctx);
  if (!image || image.width !== width || image.height !== height) {
    // A new buffer is already clear.
    image = ctx.createImageData(width, height);
    buffers.set(ctx, image);
    return { image, words: new Uint32Array(image.data.buffer) };
  }
  const words = new Uint32Array(image.data.buffer);
  words.fill(0);
  return { image, words };
}

/** A device-pixel rectangle [x0, x1) × [y0, y1). */
export interface PixelRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Fills `rect` of a `stride`-wide buffer of `rows` rows with `ink`, clipped to the buffer. */
export function fillPixels(
  words: Uint32Array,
  stride: number,
  rows: number,
  rect: PixelRect,
  ink: number,
): void {
  const left = Math.max(0, rect.x0);
  const right = Math.min(stride, rect.x1);
  if (right <= left) return;
  const bottom = Math.min(rows, rect.y1);
  for (let y = Math.max(0, rect.y0); y < bottom; y++) {
    const end = y * stride + right;
    // A plain loop: most cells are a dozen pixels wide, where fill()'s call costs more than the writes.
    for (let i = y * stride + left; i < end; i++) words[i] = ink;
  }
}

/**
 * Lays the "truth disagrees" hatch over `rect`: diagonal bands (rising to
 * the right) `band` px wide, measured along a row, every `spacing` px from
 * the rectangle's top-left corner, in `ink` at `alpha` over what is there.
 * The pixels' twin of the lane view's stroked hatch.
 */
export function hatchPixels(
  words: Uint32Array,
  stride: number,
  rows: number,
  rect: PixelRect,
  spacing: number,
  band: number,
  ink: readonly [number, number, number],
  alpha: number,
): void {
  const keep = 1 - alpha;
  const [ir, ig, ib] = [ink[0] * alpha, ink[1] * alpha, ink[2] * alpha];
  const right = Math.min(stride, rect.x1);
  const bottom = Math.min(rows, rect.y1);
  for (let y = Math.max(0, rect.y0); y < bottom; y++) {
    for (let x = Math.max(0, rect.x0); x < right; x++) {
      if ((x - rect.x0 + (y - rect.y0) + band / 2) % spacing >= band) continue;
      const i = y * stride + x;
      const w = words[i]!;
      const r = Math.round(ir + (w & 255) * keep);
      const g = Math.round(ig + ((w >>> 8) & 255) * keep);
      const b = Math.round(ib + ((w >>> 16) & 255) * keep);
      const a = Math.round(alpha * 255 + (w >>> 24) * keep);
      words[i] = ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
    }
  }
}
