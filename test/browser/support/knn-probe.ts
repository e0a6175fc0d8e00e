import type { BufferGeometry } from 'three';
import { Vector3 } from 'three';
import type { KnnView } from '../../../src/scenes/knn/knn-view.js';

/**
 * Reading what the knn view drew, for tests: built on the view's `renderNow`
 * and its three.js objects, so the production view carries no test-only
 * members.
 */

/** Where the data point (x, y, z in 0–1) is on screen, in CSS px from the canvas's top left. */
export function project(view: KnnView, x: number, y: number, z: number): { x: number; y: number } {
  const { camera, renderer } = view.three;
  const canvas = renderer.domElement;
  camera.updateMatrixWorld();
  const p = new Vector3(x - 0.5, y - 0.5, z - 0.5).project(camera);
  return { x: ((p.x + 1) / 2) * canvas.clientWidth, y: ((1 - p.y) / 2) * canvas.clientHeight };
}

/** Renders now and reads the pixel at CSS px (x, y): [r, g, b, a], premultiplied. */
export function pixelAt(view: KnnView, x: number, y: number): [number, number, number, number] {
  view.renderNow();
  const { renderer } = view.three;
  const gl = renderer.getContext();
  const ratio = renderer.getPixelRatio();
  const out = new Uint8Array(4);
  gl.readPixels(
    Math.round(x * ratio),
    gl.drawingBufferHeight - 1 - Math.round(y * ratio),
    1,
    1,
    gl.RGBA,
    gl.UNSIGNED_BYTE,
    out,
  );
  return [out[0]!, out[1]!, out[2]!, out[3]!];
}

/** The pixel drawn at the data point (x, y, z). */
export function pixelAtPoint(
  view: KnnView,
  x: number,
  y: number,
  z: number,
): [number, number, number, number] {
  const at = project(view, x, y, z);
  return pixelAt(view, at.x, at.y);
}

/** Renders now and counts the pixels that are neither clear nor grey (the coloured dots). */
export function coloredPixels(view: KnnView): number {
  view.renderNow();
  const gl = view.three.renderer.getContext();
  const out = new Uint8Array(gl.drawingBufferWidth * gl.drawingBufferHeight * 4);
  gl.readPixels(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight, gl.RGBA, gl.UNSIGNED_BYTE, out);
  let n = 0;
  for (let i = 0; i < out.length; i += 4) {
    const r = out[i]!;
    const g = out[i + 1]!;
    const b = out[i + 2]!;
    if (out[i + 3]! > 40 && Math.max(r, g, b) - Math.min(r, g, b) > 40) n++;
  }
  return n;
}

/** The point cloud's geometry now: the same object as long as no geometry was rebuilt. */
export function cloudGeometry(view: KnnView): BufferGeometry {
  return view.three.cloud.geometry;
}
