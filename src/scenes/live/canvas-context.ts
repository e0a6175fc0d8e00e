import type { PixelContext } from '../shared/pixel-raster.js';

/** A 2-D context the lanes draw with: a page canvas's own, or the OffscreenCanvas it hands its drawing to. */
export type LaneContext = PixelContext;

/**
 * The surface each canvas draws on, once it has handed its drawing to an
 * OffscreenCanvas. Its frames then go to the compositor as they are, outside
 * the page's paint: drawn on the canvas itself, every redraw of the lanes had
 * Chromium re-raster the whole deck's layer (about 22 tiles a frame), a
 * quarter of a core on a flooded #/live under software compositing.
 */
const surfaces = new WeakMap<HTMLCanvasElement, OffscreenCanvas>();

/** What `canvas` is drawn on: its OffscreenCanvas once transferred, else itself (tests read pixels here). */
export function drawingSurface(canvas: HTMLCanvasElement): HTMLCanvasElement | OffscreenCanvas {
  return surfaces.get(canvas) ?? canvas;
}

function surfaceOf(canvas: HTMLCanvasElement): HTMLCanvasElement | OffscreenCanvas {
  let surface = surfaces.get(canvas);
  // Where OffscreenCanvas is missing (older engines), the canvas draws as before.
  if (!surface && typeof canvas.transferControlToOffscreen === 'function') {
    surface = canvas.transferControlToOffscreen();
    surfaces.set(canvas, surface);
  }
  return surface ?? canvas;
}

/**
 * Sizes a canvas's backing store to CSS size × devicePixelRatio, only when it
 * changed; `pixelWidth` overrides the backing width (a canvas CSS scales up).
 */
export function sizedContext(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  pixelWidth = Math.max(1, Math.round(width * (globalThis.devicePixelRatio || 1))),
): LaneContext | null {
  const dpr = globalThis.devicePixelRatio || 1;
  const pixelHeight = Math.max(1, Math.round(height * dpr));
  const surface = surfaceOf(canvas);
  if (surface.width !== pixelWidth || surface.height !== pixelHeight) {
    canvas.style.height = `${height}px`;
    surface.width = pixelWidth;
    surface.height = pixelHeight;
  }
  // CPU-backed: thousands of small rects redrawn per frame raster faster in software (npm run bench).
  return surface.getContext('2d', { willReadFrequently: true }) as LaneContext | null;
}
