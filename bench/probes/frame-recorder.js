// Injected before the page's own scripts. Keeps one requestAnimationFrame
// loop; `__benchFrames.record(delayMs, durationMs)` records the frame
// timestamps of a window timed by the page itself, so a flooded DevTools
// channel (replies can take seconds) does not stretch or shift it. The bench
// reads `__benchFrames.result` once the window has passed.
(() => {
  if (window !== window.top) return;
  const stamps = [];
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  const state = {
    result: undefined,
    record(delayMs, durationMs) {
      stamps.length = 0;
      state.result = undefined;
      from = performance.now() + delayMs;
      to = from + durationMs;
    },
  };
  const loop = (time) => {
    if (time >= from && time <= to) stamps.push(time);
    else if (time > to && state.result === undefined && stamps.length > 0) {
      state.result = { from, to, stamps: stamps.slice() };
    }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  globalThis.__benchFrames = state;
})();
