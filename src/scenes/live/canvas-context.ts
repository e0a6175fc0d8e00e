/**
 * Sizes a canvas's backing store to CSS size × devicePixelRatio, only when it
 * changed; `pixelWidth` overrides the backing width (a canvas CSS scales up).
 */
export function sizedContext(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  pixelWidth = Math.max(1, Math.round(width * (globalThis.devicePixelRatio || 1))),
): CanvasRenderingContext2D | null {
  const dpr = globalThis.devicePixelRatio || 1;
  const pixelHeight = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
    canvas.style.height = `${height}px`;
    canvas.width = pixelWidth;
    canvas.height = pixelHeight;
  }
  // CPU-backed: thousands of small rects redrawn per frame raster faster in software (npm run bench).
  return canvas.getContext('2d', { willReadFrequently: true });
}
