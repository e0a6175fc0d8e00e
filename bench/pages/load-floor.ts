/**
 * The load floor: a bare page whose one small module draws one lane of cells
 * on a canvas and records, in the next animation frame, the time since
 * navigation start — what the deck's first lane is measured against.
 */
declare global {
  var __benchFirstLane: number | undefined;
}

const canvas = document.querySelector('canvas');
const ctx = canvas?.getContext('2d');
if (ctx) {
  for (let i = 0; i < 60; i++) {
    ctx.fillStyle = `hsl(${(i * 37) % 360} 60% 50%)`;
    ctx.fillRect(i * 25.6, 2, 23.6, 36);
  }
}
requestAnimationFrame(() => {
  globalThis.__benchFirstLane = performance.now();
});

export {};
