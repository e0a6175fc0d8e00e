// Injected before the page's own scripts. Keeps one requestAnimationFrame
// loop and, between start() and stop(), records each frame's timestamp, so the
// bench reads frame intervals as the page experienced them.
(() => {
  if (window !== window.top) return;
  const stamps = [];
  let recording = false;
  const loop = (time) => {
    if (recording) stamps.push(time);
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  globalThis.__benchFrames = {
    start() {
      stamps.length = 0;
      recording = true;
    },
    stop() {
      recording = false;
      return stamps.slice();
    },
  };
})();
