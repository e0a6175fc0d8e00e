import {
  BufferAttribute,
  BufferGeometry,
  Color,
  Float32BufferAttribute,
  LineBasicMaterial,
  LineSegments,
  Matrix4,
  PerspectiveCamera,
  Points,
  Scene,
  ShaderMaterial,
  Vector3,
  WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { type EmbeddingsState, type RingMark, type SlotRange, writtenSince } from '../../store/embeddings.js';
import type { ThemeTokens } from '../shared/theme-controller.js';
import { type ColorMode, paintSlots } from './color-modes.js';
import { FRAGMENT, RING_FRAGMENT, VERTEX } from './knn-shaders.js';
import { pickNearest } from './pick.js';
import { pointSizePx } from './point-size.js';

/**
 * The three.js half of the knn scene: one `THREE.Points` cloud over the
 * embedding ring itself. This module (and three with it) is loaded with a
 * dynamic `import()` by `<fleet-knn-scene>`, so three is its own chunk.
 */

/** Where the camera starts: looking at the cube's centre from above a corner. */
export const HOME = new Vector3(1.2, 0.78, 1.62).normalize().multiplyScalar(2.7);
const CUBE_RADIUS = Math.sqrt(3) / 2;

/**
 * Fresh uniforms for the shared vertex shader (point size at the home
 * distance; the fade's near and far, which each render sets around the cube):
 * every material drawn with it needs its own set.
 */
const vertexUniforms = (size: number) => ({
  uSize: { value: size },
  uHome: { value: HOME.length() },
  uNear: { value: 1 },
  uFar: { value: 4 },
});

/** What the scene hands the view. */
export interface KnnViewOptions {
  readonly canvas: HTMLCanvasElement;
  readonly context: WebGL2RenderingContext;
  /** Element over the canvas that holds the axis labels. */
  readonly labels: HTMLElement;
  /** Theme colors (CSS color strings): background, cube, axes, hover ring. */
  readonly theme: ThemeTokens;
  readonly reducedMotion: boolean;
  /** The point under the pointer changed (slot, or -1). */
  readonly onHover: (slot: number) => void;
  /** The context was lost without `dispose` asking for it. */
  readonly onContextLost: () => void;
}

/** What the last `sync` sent to the GPU (tests and diagnostics). */
export interface UploadStats {
  /** Slots whose positions were uploaded. */
  readonly positions: number;
  /** Slots whose colors were uploaded. */
  readonly colors: number;
}

/** The 3-D view; `createKnnView` builds one. */
export interface KnnView {
  sync(state: EmbeddingsState, mode: ColorMode): void;
  resize(width: number, height: number): void;
  /** Pointer in CSS px from the viewport's top left; undefined when it left. */
  setPointer(x: number | undefined, y?: number): void;
  /** Back to the home view, rotating again unless motion is reduced. */
  resetView(): void;
  setReducedMotion(reduced: boolean): void;
  /** New theme colors: repaints background, cube, axes and hover ring. */
  setTheme(theme: ThemeTokens): void;
  readonly autoRotating: boolean;
  readonly lastUpload: UploadStats;
  /** Points drawn by the last frame. */
  readonly drawnPoints: number;
  /**
   * Draws now. The drawing buffer is not preserved, so whoever reads the
   * canvas back (print, the bench's GPU wait, tests) calls this in the same task.
   */
  renderNow(): void;
  /** The three.js objects, for tools that read what was drawn (`test/browser/support/knn-probe.ts`). */
  readonly three: {
    readonly renderer: WebGLRenderer;
    readonly camera: PerspectiveCamera;
    readonly cloud: Points;
  };
  dispose(): void;
}

const CLEAR_COUNT: UploadStats = { positions: 0, colors: 0 };

/** The unit cube's edges (centred on 0) but for the three that meet at the origin corner. */
export function cubeEdges(): number[] {
  const corner = (i: number) => [(i & 1) - 0.5, ((i >> 1) & 1) - 0.5, ((i >> 2) & 1) - 0.5];
  const out: number[] = [];
  for (let a = 1; a < 8; a++)
    for (const bit of [1, 2, 4]) if ((a & bit) === 0) out.push(...corner(a), ...corner(a | bit));
  return out;
}

function countSlots(ranges: readonly SlotRange[]): number {
  return ranges.reduce((sum, [, n]) => sum + n, 0);
}

/** Builds the view on a canvas whose WebGL2 context the caller created. */
export function createKnnView(options: KnnViewOptions): KnnView {
  const { canvas, context, labels, theme } = options;
  const renderer = new WebGLRenderer({ canvas, context, antialias: false, alpha: false });
  // Opaque, in the theme's background: the canvas alone says which theme it was drawn in, and the
  // compositor need not draw or blend what lies under it (the caller's context has no alpha).
  renderer.setClearColor(theme.bg, 1);
  const pixelRatio = Math.min(globalThis.devicePixelRatio || 1, 2);
  renderer.setPixelRatio(pixelRatio);

  const scene = new Scene();
  const camera = new PerspectiveCamera(38, 1, 0.01, 50);
  camera.position.copy(HOME);
  const controls = new OrbitControls(camera, canvas);
  controls.minDistance = 0.25;
  controls.maxDistance = 9;
  controls.autoRotateSpeed = 0.9;
  controls.saveState();

  // The unit cube, faint, and its three axes from the origin corner, stronger
  // (the cube's own edges there are left out, or the two lines would fight).
  const cubeGeometry = new BufferGeometry();
  cubeGeometry.setAttribute('position', new Float32BufferAttribute(cubeEdges(), 3));
  const cubeMaterial = new LineBasicMaterial({ color: theme.grid, transparent: true, opacity: 0.8 });
  const cube = new LineSegments(cubeGeometry, cubeMaterial);
  const axesGeometry = new BufferGeometry();
  const o = -0.5;
  const end = 0.56;
  axesGeometry.setAttribute(
    'position',
    new Float32BufferAttribute([o, o, o, end, o, o, o, o, o, o, end, o, o, o, o, o, o, end], 3),
  );
  const axesMaterial = new LineBasicMaterial({ color: theme.muted, transparent: true, opacity: 0.75 });
  const axes = new LineSegments(axesGeometry, axesMaterial);
  scene.add(cube, axes);

  const material = new ShaderMaterial({
    vertexShader: VERTEX,
    fragmentShader: FRAGMENT,
    transparent: true,
    depthWrite: true,
    uniforms: vertexUniforms(4),
  });
  let geometry = new BufferGeometry();
  const cloud = new Points(geometry, material);
  // Data lives in 0–1; centre the cube on the orbit target.
  cloud.position.set(-0.5, -0.5, -0.5);
  // The bounding sphere would go stale as the ring fills: never cull the cloud.
  cloud.frustumCulled = false;
  scene.add(cloud);

  const ringGeometry = new BufferGeometry();
  ringGeometry.setAttribute('position', new Float32BufferAttribute([0, 0, 0], 3));
  ringGeometry.setAttribute('rgba', new BufferAttribute(new Uint8Array([255, 255, 255, 255]), 4, true));
  const ringMaterial = new ShaderMaterial({
    vertexShader: VERTEX,
    fragmentShader: RING_FRAGMENT,
    transparent: true,
    depthTest: false,
    uniforms: { ...vertexUniforms(12), uColor: { value: new Color(theme.fg) } },
  });
  const ring = new Points(ringGeometry, ringMaterial);
  ring.renderOrder = 10;
  ring.visible = false;
  ring.frustumCulled = false;
  cloud.add(ring);

  const labelNodes = (['x', 'y', 'z'] as const).map((name) => {
    const node = document.createElement('span');
    node.className = 'axis-label';
    node.textContent = name;
    labels.append(node);
    return node;
  });
  const axisEnds = [
    new Vector3(0.62, -0.5, -0.5),
    new Vector3(-0.5, 0.62, -0.5),
    new Vector3(-0.5, -0.5, 0.62),
  ];

  let state: EmbeddingsState | undefined;
  let mode: ColorMode | undefined;
  let mark: RingMark | undefined;
  let colors = new Uint8Array(0);
  let positionAttribute: BufferAttribute | undefined;
  let colorAttribute: BufferAttribute | undefined;
  let lastUpload = CLEAR_COUNT;
  let width = 0;
  let height = 0;
  let dirty = true;
  let raf = 0;
  let lastTime = 0;
  let visible = true;
  let disposed = false;
  let interacted = false;
  let reducedMotion = options.reducedMotion;
  let pointer: { x: number; y: number } | undefined;
  let pointerMoved = false;
  let hovered = -1;
  let drawnPoints = 0;
  const mvp = new Matrix4();

  const applyMotion = () => {
    controls.autoRotate = !reducedMotion && !interacted;
    controls.enableDamping = !reducedMotion;
  };
  applyMotion();
  const onStart = () => {
    interacted = true;
    applyMotion();
  };
  const onChange = () => {
    dirty = true;
  };
  controls.addEventListener('start', onStart);
  controls.addEventListener('change', onChange);

  const onLost = (event: Event) => {
    event.preventDefault();
    if (!disposed) options.onContextLost();
  };
  canvas.addEventListener('webglcontextlost', onLost);

  // Draw nothing while the canvas is off screen (a scrolled page, a hidden deck).
  const intersection = new IntersectionObserver((entries) => {
    visible = entries.some((e) => e.isIntersecting);
    if (visible) start();
    else stop();
  });
  intersection.observe(canvas);

  function buildGeometry(next: EmbeddingsState): void {
    geometry.dispose();
    geometry = new BufferGeometry();
    // The ring's own array: no copy, updates go up by range.
    positionAttribute = new BufferAttribute(next.positions, 3);
    colors = new Uint8Array(next.capacity * 4);
    colorAttribute = new BufferAttribute(colors, 4, true);
    geometry.setAttribute('position', positionAttribute);
    geometry.setAttribute('rgba', colorAttribute);
    cloud.geometry = geometry;
    mark = undefined;
  }

  function upload(attribute: BufferAttribute, ranges: readonly SlotRange[], itemSize: number): void {
    if (ranges.length === 0) return;
    for (const [start, n] of ranges) attribute.addUpdateRange(start * itemSize, n * itemSize);
    attribute.needsUpdate = true;
  }

  function dotSize(count: number): number {
    return pointSizePx(count) * pixelRatio;
  }

  function renderNow(): void {
    const distance = camera.position.distanceTo(controls.target);
    for (const m of [material, ringMaterial]) {
      m.uniforms.uNear!.value = distance - CUBE_RADIUS;
      m.uniforms.uFar!.value = distance + CUBE_RADIUS;
    }
    renderer.render(scene, camera);
    drawnPoints = renderer.info.render.points - (ring.visible ? 1 : 0);
    placeLabels();
    dirty = false;
  }

  function placeLabels(): void {
    axisEnds.forEach((end, i) => {
      const p = end.clone().project(camera);
      const node = labelNodes[i]!;
      node.style.transform = `translate(${((p.x + 1) / 2) * width}px, ${((1 - p.y) / 2) * height}px) translate(-50%, -50%)`;
      node.hidden = p.z > 1;
    });
  }

  function updateHover(): void {
    pointerMoved = false;
    let slot = -1;
    if (pointer && state && state.count > 0) {
      camera.updateMatrixWorld();
      cloud.updateMatrixWorld();
      mvp.multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse).multiply(cloud.matrixWorld);
      const distance = camera.position.distanceTo(controls.target);
      const dot = (pointSizePx(state.count) * HOME.length()) / distance;
      slot = pickNearest({
        positions: state.positions,
        count: state.count,
        matrix: mvp.elements,
        width,
        height,
        x: pointer.x,
        y: pointer.y,
        radius: Math.max(8, dot),
        dotRadius: dot / 2 + 1,
      });
    }
    if (slot !== hovered) {
      hovered = slot;
      if (slot >= 0 && state) {
        const p = state.positions;
        ringGeometry.attributes.position!.setXYZ(0, p[slot * 3]!, p[slot * 3 + 1]!, p[slot * 3 + 2]!);
        ringGeometry.attributes.position!.needsUpdate = true;
      }
      ring.visible = slot >= 0;
      dirty = true;
      options.onHover(slot);
    }
  }

  function frame(time: number): void {
    raf = requestAnimationFrame(frame);
    const dt = lastTime > 0 ? Math.min(0.1, (time - lastTime) / 1000) : 1 / 60;
    lastTime = time;
    const moved = controls.update(dt);
    if (pointer && (moved || pointerMoved || dirty)) updateHover();
    if (moved || dirty) renderNow();
  }

  function start(): void {
    if (raf || disposed || !visible) return;
    lastTime = 0;
    raf = requestAnimationFrame(frame);
  }

  function stop(): void {
    cancelAnimationFrame(raf);
    raf = 0;
  }

  start();

  return {
    sync(next, nextMode) {
      if (!positionAttribute || next.positions !== positionAttribute.array) buildGeometry(next);
      const written = writtenSince(next, mark);
      const recolor = nextMode !== mode ? writtenSince(next, undefined) : written;
      paintSlots(next, nextMode, colors, recolor);
      upload(positionAttribute!, written, 3);
      upload(colorAttribute!, recolor, 4);
      lastUpload = { positions: countSlots(written), colors: countSlots(recolor) };
      geometry.setDrawRange(0, next.count);
      const size = dotSize(next.count);
      material.uniforms.uSize!.value = size;
      ringMaterial.uniforms.uSize!.value = Math.max(14 * pixelRatio, size * 2.6);
      state = next;
      mode = nextMode;
      mark = { positions: next.positions, head: next.head, total: next.total };
      if (hovered >= 0) pointerMoved = true;
      dirty = true;
    },
    resize(w, h) {
      if (w <= 0 || h <= 0 || (w === width && h === height)) return;
      width = w;
      height = h;
      renderer.setSize(w, h, false);
      camera.aspect = w / h;
      camera.updateProjectionMatrix();
      dirty = true;
    },
    setPointer(x, y) {
      pointer = x === undefined || y === undefined ? undefined : { x, y };
      pointerMoved = true;
      if (!pointer && hovered >= 0) updateHover();
    },
    resetView() {
      controls.reset();
      interacted = false;
      applyMotion();
      dirty = true;
    },
    setReducedMotion(reduced) {
      reducedMotion = reduced;
      applyMotion();
    },
    setTheme(next) {
      renderer.setClearColor(next.bg, 1);
      cubeMaterial.color.set(next.grid);
      axesMaterial.color.set(next.muted);
      (ringMaterial.uniforms.uColor!.value as Color).set(next.fg);
      dirty = true;
    },
    get autoRotating() {
      return controls.autoRotate;
    },
    get lastUpload() {
      return lastUpload;
    },
    get drawnPoints() {
      return drawnPoints;
    },
    renderNow,
    three: { renderer, camera, cloud },
    dispose() {
      if (disposed) return;
      disposed = true;
      stop();
      intersection.disconnect();
      controls.removeEventListener('start', onStart);
      controls.removeEventListener('change', onChange);
      controls.dispose();
      for (const g of [geometry, ringGeometry, cubeGeometry, axesGeometry]) g.dispose();
      for (const m of [material, ringMaterial, cubeMaterial, axesMaterial]) m.dispose();
      for (const node of labelNodes) node.remove();
      renderer.dispose();
      // Give the context back now rather than when the canvas is collected:
      // Chromium keeps at most 16 alive and drops the oldest past that.
      renderer.forceContextLoss();
      canvas.removeEventListener('webglcontextlost', onLost);
      state = undefined;
    },
  };
}
