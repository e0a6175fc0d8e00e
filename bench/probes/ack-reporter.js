// Injected before the page's own scripts (page.addInitScript). Reports the
// page's running count of events taken to the bench's /ack socket: the
// measurement, and the credit that lets the feed offer more. The same code
// runs on the floor page and on the deck, so both pay the same for it.
(() => {
  if (window !== window.top) return;
  const config = globalThis.__benchConfig;
  if (!config || typeof config.ackUrl !== 'string') return;
  const count = () => {
    if (config.source === 'floor') return globalThis.__benchTaken ?? 0;
    const diagnostics = document.querySelector('fleet-deck')?.bus?.diagnostics;
    return diagnostics ? diagnostics.accepted + diagnostics.rejected + diagnostics.unknown : 0;
  };
  let socket;
  let last = -1;
  const open = () => {
    socket = new WebSocket(config.ackUrl);
    socket.onclose = () => setTimeout(open, 100);
  };
  open();
  setInterval(() => {
    const n = count();
    if (n !== last && socket.readyState === WebSocket.OPEN) {
      socket.send(String(n));
      last = n;
    }
  }, 4);
})();
