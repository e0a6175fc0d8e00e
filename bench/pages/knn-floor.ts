/**
 * The knn floor: the least a page can do to show the same points rotating —
 * one `THREE.Points` with the stock `PointsMaterial` (square dots, vertex
 * colours, no legend, no picking, no store), a camera circling at the deck's
 * auto-rotate speed, a render every frame. `add(events)` writes points into a
 * preallocated ring and uploads just the written range, the cheapest insert
 * there is. Canvas size: `?w=&h=` (the deck's canvas), default 1100×700.
 */
import {
  BufferAttribute,
  BufferGeometry,
  PerspectiveCamera,
  Points,
  PointsMaterial,
  Scene,
  WebGLRenderer,
} from 'three';
import { phaseColor } from '../../src/contract/palette.js';

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
      }
    | undefined;
}

const CAPACITY = 100_000;
const params = new URLSearchParams(location.search);
const width = Number(params.get('w')) || 1100;
const height = Number(params.get('h')) || 700;

const renderer = new WebGLRenderer({ antialias: false });
renderer.setPixelRatio(Math.min(devicePixelRatio || 1, 2));
renderer.setSize(width, height);
document.body.append(renderer.domElement);

const positions = new Float32Array(CAPACITY * 3);
const colours = new Uint8Array(CAPACITY * 3);
const geometry = new BufferGeometry();
const positionAttribute = new BufferAttribute(positions, 3);
const colourAttribute = new BufferAttribute(colours, 3, true);
geometry.setAttribute('position', positionAttribute);
geometry.setAttribute('color', colourAttribute);
geometry.setDrawRange(0, 0);
const cloud = new Points(
  geometry,
  new PointsMaterial({ size: 2.6, sizeAttenuation: false, vertexColors: true }),
);
cloud.position.set(-0.5, -0.5, -0.5);
cloud.frustumCulled = false;
const scene = new Scene();
scene.add(cloud);
const camera = new PerspectiveCamera(38, width / height, 0.01, 50);

const rgb = new Map<string | undefined, [number, number, number]>();
const colourOf = (phase: string | undefined) => {
  let c = rgb.get(phase);
  if (!c) {
    const hex = phaseColor(phase);
    c = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
    rgb.set(phase, c);
  }
  return c;
};

let head = 0;
let count = 0;
function add(events: readonly EmbeddingLike[]): void {
  const start = head;
  for (const e of events) {
    positions[head * 3] = e.x;
    positions[head * 3 + 1] = e.y;
    positions[head * 3 + 2] = e.z ?? 0.5;
    const [r, g, b] = colourOf(e.phase);
    colours[head * 3] = r;
    colours[head * 3 + 1] = g;
    colours[head * 3 + 2] = b;
    head = (head + 1) % CAPACITY;
  }
  count = Math.min(CAPACITY, count + events.length);
  const n = Math.min(events.length, CAPACITY);
  const first = Math.min(n, CAPACITY - start);
  for (const attribute of [positionAttribute, colourAttribute]) {
    attribute.addUpdateRange(start * 3, first * 3);
    if (n > first) attribute.addUpdateRange(0, (n - first) * 3);
    attribute.needsUpdate = true;
  }
  geometry.setDrawRange(0, count);
}
const pixel = new Uint8Array(4);
globalThis.__knnFloor = {
  add,
  renderSync() {
    const t0 = performance.now();
    renderer.render(scene, camera);
    const gl = renderer.getContext();
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
    return performance.now() - t0;
  },
  get count() {
    return count;
  },
};

// The deck's auto-rotate: OrbitControls at speed 0.9 turns 2π × 0.9 / 60 rad per second.
const SPEED = ((2 * Math.PI) / 60) * 0.9;
const DISTANCE = 2.7;
let angle = 0;
let last = 0;
const frame = (t: number) => {
  angle += last > 0 ? (SPEED * (t - last)) / 1000 : 0;
  last = t;
  camera.position.set(Math.sin(angle) * DISTANCE * 0.8, DISTANCE * 0.37, Math.cos(angle) * DISTANCE * 0.8);
  camera.lookAt(0, 0, 0);
  renderer.render(scene, camera);
  requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
