// Injected before the page's own scripts. Checks every animation frame whether
// the scene named by __benchConfig.fullView ('live' or 'hosts') has drawn its
// full view for the fleet it shows, and records performance.now() — ms since
// navigation start — the first time it has. Polling per frame makes it late by
// at most one frame; polling from the bench over the DevTools protocol was late
// by its sleep and two round trips, 30 ms and more on a busy machine.
(() => {
  const scene = globalThis.__benchConfig?.fullView;
  if (window !== window.top || (scene !== 'live' && scene !== 'hosts')) return;
  const full = {
    live: () => {
      const s = document.querySelector('fleet-deck')?.shadowRoot?.querySelector('fleet-live-scene');
      const c = s?.shadowRoot?.querySelector('.overview canvas, .lanes canvas');
      // The scene sets a canvas's CSS height when it first sizes its drawing surface to draw (an OffscreenCanvas's).
      return !!c && c.style.height !== '' && (s.fleetRows === undefined || s.fleetRows.hosts.length > 0);
    },
    hosts: () => {
      const r = document
        .querySelector('fleet-deck')
        ?.shadowRoot?.querySelector('fleet-hosts-scene')?.shadowRoot;
      return (
        !!r &&
        (r.querySelectorAll('[part=card]').length > 0 || (r.querySelector('.map canvas')?.height ?? 0) > 1)
      );
    },
  }[scene];
  const poll = () => {
    if (location.protocol.startsWith('http') && full()) {
      globalThis.__benchFirstView = performance.now();
      return;
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();
