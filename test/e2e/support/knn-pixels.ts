/**
 * A page script (a string: pages under the CSP refuse eval of functions) that
 * draws the knn scene at `scene` (an expression for the element) now and
 * counts the pixels that are neither clear nor grey, as
 * test/browser/support/knn-probe.ts does in the browser tests.
 */
export function coloredPixelsOf(scene: string): string {
  return `(() => {
  const view = ${scene}.view;
  if (!view) return 0;
  view.renderNow();
  const gl = view.three.renderer.getContext();
  const out = new Uint8Array(gl.drawingBufferWidth * gl.drawingBufferHeight * 4);
  gl.readPixels(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight, gl.RGBA, gl.UNSIGNED_BYTE, out);
  let n = 0;
  for (let i = 0; i < out.length; i += 4) {
    const hi = Math.max(out[i], out[i + 1], out[i + 2]);
    const lo = Math.min(out[i], out[i + 1], out[i + 2]);
    if (out[i + 3] > 40 && hi - lo > 40) n++;
  }
  return n;
})()`;
}
