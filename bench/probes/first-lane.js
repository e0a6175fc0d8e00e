// Injected before the page's own scripts. Checks every animation frame whether
// the live scene has laid out a lane cell (it draws its canvas in the same
// update), and records performance.now() — ms since navigation start — the
// first time it has. Polling per frame makes it late by at most one frame.
(() => {
  if (window !== window.top) return;
  const find = (root, tag) => {
    const direct = root.querySelector(tag);
    if (direct) return direct;
    for (const element of root.querySelectorAll('*')) {
      if (!element.shadowRoot) continue;
      const found = find(element.shadowRoot, tag);
      if (found) return found;
    }
    return null;
  };
  const poll = () => {
    const scene = find(document, 'fleet-live-scene');
    if (scene?.layout?.boxes?.length > 0) {
      globalThis.__benchFirstLane = performance.now();
      return;
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();
