/**
 * The knn floor: the knn scene's drawing with nothing of the deck around it.
 * It draws what `createKnnView` draws, the same way: a WebGL2 context with the
 * scene's attributes, the same round anti-aliased dots (the view's own
 * shaders: perspective size, discard, blending, depth fade), RGBA color
 * bytes, the same point-size rule, camera, orbit speed, cube and axes. What it
 * leaves out is the deck: no bus, validation or embedding store (points go
 * straight into a preallocated ring, and only the written range is uploaded,
 * the cheapest insert there is), no Lit, legend, labels, picking or
 * OrbitControls. Canvas size: `?w=&h=` (the deck's canvas), default 1100×700.
 */
import {
  BufferAttribute,
  BufferGeometry,
  Float32BufferAttribute,
  LineBasicMaterial,
  LineSegments,
  PerspectiveCamera,
  Points,
  Scene,
  ShaderMaterial,
  WebGLRenderer,
} from 'three';
import { phaseColor } from '../../src/contract/palette.js';
import { FRAGMENT, VERTEX } from '../../src/scenes/knn/knn-shaders.js';
import { cubeEdges, HOME } from '../../src/scenes/knn/knn-view.js';
import { pointSizePx } from '../../src/scenes/knn/point-size.js';

interface EmbeddingLike {
  readonly x: number;
  readonly y: number;
  readonly z?: number;
  readonly phase?: string;
}

declare global {
  var __knnFloor:
    | {
        add(events: readonly EmbeddingLike[]): void;
        /** Renders now and waits for the GPU (a one-pixel read-back); returns ms. */
        renderSync(): number;
        readonly count: number;
        /** Points drawn by the last frame (as the deck's `view.drawnPoints`). */
        readonly drawnPoints: number;
      }
    | undefined;
}

const CAPACITY = 100_000;
/** The deck's default theme colors for the cube and axes (`--fleet-grid`, `--fleet-muted`). */
const GRID = '#2a3038';
const AXIS = '#a9b0bb';
const CUBE_RADIUS = Math.sqrt(3) / 2;
const params = new URLSearchParams(location.search);
const width = Number(params.get('w')) || 1100;
const height = Number(params.get('h')) || 700;

const canvas = document.createElement('canvas');
canvas.style.width = `${width}px`;
canvas.style.height = `${height}px`;
document.body.append(canvas);
// The knn scene's context attributes, and its opaque clear in the page's background.
const context = canvas.getContext('webgl2', {
  alpha: false,
  antialias: false,
  premultipliedAlpha: true,
  powerPreference: 'high-performance',
});
if (!context) throw new Error('no WebGL2');
const renderer = new WebGLRenderer({ canvas, context, antialias: false, alpha: false });
renderer.setClearColor(0x111418, 1);
const pixelRatio = Math.min(globalThis.devicePixelRatio || 1, 2);
renderer.setPixelRatio(pixelRatio);
renderer.setSize(width, height, false);

const scene = new Scene();
const camera = new PerspectiveCamera(38, width / height, 0.01, 50);
camera.position.copy(HOME);

const cubeGeometry = new BufferGeometry();
cubeGeometry.setAttribute('position', new Float32BufferAttribute(cubeEdges(), 3));
const o = -0.5;
const end = 0.56;
const axesGeometry = new BufferGeometry();
axesGeometry.setAttribute(
  'position',
  new Float32BufferAttribute([o, o, o, end, o, o, o, o, o, o, end, o, o, o, o, o, o, end], 3),
);
scene.add(
  new LineSegments(cubeGeometry, new LineBasicMaterial({ color: GRID, transparent: true, opacity: 0.8 })),
  new LineSegments(axesGeometry, new LineBasicMaterial({ color: AXIS, transparent: true, opacity: 0.75 })),
);

const material = new ShaderMaterial({
  vertexShader: VERTEX,
  fragmentShader: FRAGMENT,
  transparent: true,
  depthWrite: true,
  uniforms: {
    uSize: { value: 4 },
    uHome: { value: HOME.length() },
    uNear: { value: 1 },
    uFar: { value: 4 },
  },
});
const positions = new Float32Array(CAPACITY * 3);
const colors = new Uint8Array(CAPACITY * 4);
const geometry = new BufferGeometry();
const positionAttribute = new BufferAttribute(positions, 3);
const colorAttribute = new BufferAttribute(colors, 4, true);
geometry.setAttribute('position', positionAttribute);
geometry.setAttribute('rgba', colorAttribute);
geometry.setDrawRange(0, 0);
const cloud = new Points(geometry, material);
cloud.position.set(-0.5, -0.5, -0.5);
cloud.frustumCulled = false;
scene.add(cloud);

const rgba = new Map<string | undefined, number>();
const colorOf = (phase: string | undefined) => {
  let c = rgba.get(phase);
  if (c === undefined) {
    c = ((Number.parseInt(phaseColor(phase).slice(1, 7), 16) << 8) | 255) >>> 0;
    rgba.set(phase, c);
  }
  return c;
};

let head = 0;
let count = 0;
let drawnPoints = 0;
function add(events: readonly EmbeddingLike[]): void {
  const start = head;
  for (const e of events) {
    positions[head * 3] = e.x;
    positions[head * 3 + 1] = e.y;
    positions[head * 3 + 2] = e.z ?? 0.5;
    const c = colorOf(e.phase);
    colors[head * 4] = c >>> 24;
    colors[head * 4 + 1] = (c >>> 16) & 255;
    colors[head * 4 + 2] = (c >>> 8) & 255;
    colors[head * 4 + 3] = c & 255;
    head = (head + 1) % CAPACITY;
  }
  count = Math.min(CAPACITY, count + events.length);
  const n = Math.min(events.length, CAPACITY);
  const first = Math.min(n, CAPACITY - start);
  for (const [attribute, size] of [
    [positionAttribute, 3],
    [colorAttribute, 4],
  ] as const) {
    attribute.addUpdateRange(start * size, first * size);
    if (n > first) attribute.addUpdateRange(0, (n - first) * size);
    attribute.needsUpdate = true;
  }
  geometry.setDrawRange(0, count);
  material.uniforms.uSize!.value = pointSizePx(count) * pixelRatio;
}

function render(): void {
  const distance = camera.position.length();
  material.uniforms.uNear!.value = distance - CUBE_RADIUS;
  material.uniforms.uFar!.value = distance + CUBE_RADIUS;
  renderer.render(scene, camera);
  drawnPoints = renderer.info.render.points;
}

const pixel = new Uint8Array(4);
globalThis.__knnFloor = {
  add,
  renderSync() {
    const t0 = performance.now();
    render();
    const gl = renderer.getContext();
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
    return performance.now() - t0;
  },
  get count() {
    return count;
  },
  get drawnPoints() {
    return drawnPoints;
  },
};

// The deck's auto-rotate: OrbitControls at autoRotateSpeed 0.9 turns the camera
// about the vertical axis through the cube's centre by 2π / 60 × 0.9 rad per second.
const SPEED = ((2 * Math.PI) / 60) * 0.9;
let angle = 0;
let last = 0;
const frame = (t: number) => {
  requestAnimationFrame(frame);
  angle += last > 0 ? (SPEED * Math.min(100, t - last)) / 1000 : SPEED / 60;
  last = t;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  camera.position.set(HOME.x * c + HOME.z * s, HOME.y, HOME.z * c - HOME.x * s);
  camera.lookAt(0, 0, 0);
  render();
};
requestAnimationFrame(frame);
