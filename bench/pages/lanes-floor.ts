/**
 * The frame-time floor: the live scene's lanes drawn from the deck's stream
 * with nothing of the deck in the way. It opens `?ws=`, parses every frame,
 * keeps the lanes (bare-lanes.ts) and redraws them once per animation frame
 * when they changed, on canvases the size of the deck's (`?w=&h=`: the
 * scene canvas's width and its lane box's height; `?fw=`: the fleet view's
 * magnified rows' width). The bench's reporter (injected) reads `__benchTaken`.
 */
import { BareLanes } from './bare-lanes.js';

declare global {
  var __benchTaken: number | undefined;
  var __benchLanes: BareLanes | undefined;
}

const params = new URLSearchParams(location.search);
const url = params.get('ws');
const [canvas, focusCanvas] = document.querySelectorAll('canvas');
const focusWidth = Number(params.get('fw'));
const lanes = new BareLanes(
  canvas!,
  Number(params.get('w')) || 1200,
  Number(params.get('h')) || 600,
  focusWidth > 0 ? { canvas: focusCanvas!, width: focusWidth } : undefined,
);
globalThis.__benchLanes = lanes;
globalThis.__benchTaken = 0;
if (url) {
  const socket = new WebSocket(url);
  socket.onmessage = (event: MessageEvent<unknown>) => {
    if (typeof event.data !== 'string') return;
    const value: unknown = JSON.parse(event.data);
    const events = (Array.isArray(value) ? value : [value]) as Parameters<BareLanes['add']>[0][];
    for (const e of events) lanes.add(e);
    globalThis.__benchTaken! += events.length;
  };
}
const frame = () => {
  requestAnimationFrame(frame);
  if (lanes.dirty) lanes.draw();
};
requestAnimationFrame(frame);
