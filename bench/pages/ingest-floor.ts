/**
 * The ingest floor: the least a page can do with the deck's stream. It opens
 * `?ws=`, parses every frame and counts the events; nothing is validated,
 * stored or drawn. The bench's reporter (injected) reads the count.
 *
 * With `&worker`, the socket lives in a worker that posts each frame's text
 * to the page, as the deck's own `?ws=` source does (src/bus/worker-socket.ts):
 * the floor for a page that takes its frames that way.
 */
declare global {
  var __benchTaken: number | undefined;
}

const params = new URLSearchParams(location.search);
const url = params.get('ws');
globalThis.__benchTaken = 0;

const take = (data: unknown) => {
  if (typeof data !== 'string') return;
  const value: unknown = JSON.parse(data);
  globalThis.__benchTaken! += Array.isArray(value) ? value.length : 1;
};

/** The worker's whole program: dial, and post every frame as it came. */
const RELAY = `const s = new WebSocket(${JSON.stringify(url)}); s.onmessage = (e) => postMessage(e.data);`;

if (url && params.has('worker')) {
  const worker = new Worker(URL.createObjectURL(new Blob([RELAY], { type: 'text/javascript' })));
  worker.onmessage = (event: MessageEvent<unknown>) => take(event.data);
} else if (url) {
  const socket = new WebSocket(url);
  socket.onmessage = (event: MessageEvent<unknown>) => take(event.data);
}
// Show the count now and then, as the deck shows its own; cheap, and it keeps frames flowing.
const output = document.getElementById('taken');
const show = () => {
  if (output) output.textContent = String(globalThis.__benchTaken);
  requestAnimationFrame(show);
};
requestAnimationFrame(show);

export {};
