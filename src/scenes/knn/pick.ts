/** Where the pointer is and how the points are projected, for `pickNearest`. */
export interface PickQuery {
  /** x, y, z per slot. */
  readonly positions: Float32Array;
  /** Slots 0 … count − 1 are searched. */
  readonly count: number;
  /** Column-major 4×4 model-view-projection matrix (to clip space). */
  readonly matrix: ArrayLike<number>;
  /** Viewport size in CSS px. */
  readonly width: number;
  readonly height: number;
  /** Pointer in CSS px from the viewport's top left. */
  readonly x: number;
  readonly y: number;
  /** Search radius in CSS px. */
  readonly radius: number;
  /** Drawn dot radius in CSS px: a dot this close covers the pointer. */
  readonly dotRadius: number;
}

/**
 * The slot under the pointer, or -1: among dots that cover the pointer the one
 * nearest the camera (what the eye sees on top), else the dot nearest on
 * screen within the radius. Projects every point on the CPU (about a
 * millisecond for 100,000), so hover needs neither a GPU read-back nor a
 * world-space raycast threshold that would change with the zoom.
 */
export function pickNearest(q: PickQuery): number {
  const m = q.matrix;
  const { positions, width, height } = q;
  const r2 = q.radius * q.radius;
  const cover2 = q.dotRadius * q.dotRadius;
  let covering = -1;
  let coveringDepth = Number.POSITIVE_INFINITY;
  let nearest = -1;
  let nearestD2 = Number.POSITIVE_INFINITY;
  const m0 = m[0]!;
  const m1 = m[1]!;
  const m2 = m[2]!;
  const m3 = m[3]!;
  const m4 = m[4]!;
  const m5 = m[5]!;
  const m6 = m[6]!;
  const m7 = m[7]!;
  const m8 = m[8]!;
  const m9 = m[9]!;
  const m10 = m[10]!;
  const m11 = m[11]!;
  const m12 = m[12]!;
  const m13 = m[13]!;
  const m14 = m[14]!;
  const m15 = m[15]!;
  for (let i = 0; i < q.count; i++) {
    const x = positions[i * 3]!;
    const y = positions[i * 3 + 1]!;
    const z = positions[i * 3 + 2]!;
    const w = m3 * x + m7 * y + m11 * z + m15;
    if (w <= 1e-6) continue;
    const sx = ((m0 * x + m4 * y + m8 * z + m12) / w + 1) * 0.5 * width;
    const sy = (1 - (m1 * x + m5 * y + m9 * z + m13) / w) * 0.5 * height;
    const dx = sx - q.x;
    const dy = sy - q.y;
    const d2 = dx * dx + dy * dy;
    if (d2 > r2) continue;
    const depth = (m2 * x + m6 * y + m10 * z + m14) / w;
    if (d2 <= cover2 && depth < coveringDepth) {
      covering = i;
      coveringDepth = depth;
    }
    if (d2 < nearestD2) {
      nearest = i;
      nearestD2 = d2;
    }
  }
  return covering >= 0 ? covering : nearest;
}

/**
 * The column-major matrix that maps the unit square (x right, y up, z
 * ignored) onto a `plot` rectangle inside a `width`×`height` viewport, so the
 * 2-D fallback picks with the same function.
 */
export function planeMatrix(
  width: number,
  height: number,
  plot: { readonly left: number; readonly top: number; readonly size: number },
): number[] {
  const sx = (2 * plot.size) / width;
  const sy = (2 * plot.size) / height;
  const tx = (2 * plot.left) / width - 1;
  const ty = 1 - (2 * (plot.top + plot.size)) / height;
  return [sx, 0, 0, 0, 0, sy, 0, 0, 0, 0, 0, 0, tx, ty, 0, 1];
}
