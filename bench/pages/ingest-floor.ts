/**
 * The ingest floor: the least a page can do with the deck's stream. It opens
 * `?ws=`, parses every frame and counts the events; nothing is validated,
 * stored or drawn. The bench's reporter (injected) reads the count.
 */
declare global {
  var __benchTaken: number | undefined;
}

const url = new URLSearchParams(location.search).get('ws');
globalThis.__benchTaken = 0;
if (url) {
  const socket = new WebSocket(url);
  socket.onmessage = (event: MessageEvent<unknown>) => {
    if (typeof event.data !== 'string') return;
    const value: unknown = JSON.parse(event.data);
    globalThis.__benchTaken! += Array.isArray(value) ? value.length : 1;
  };
}
// Show the count now and then, as the deck shows its own; cheap, and it keeps frames flowing.
const output = document.getElementById('taken');
const show = () => {
  if (output) output.textContent = String(globalThis.__benchTaken);
  requestAnimationFrame(show);
};
requestAnimationFrame(show);

export {};
