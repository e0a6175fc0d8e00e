/**
 * The load floor: what the deck does to show its first lane, with nothing of
 * the deck around it. One small module boots the same simulator with the
 * deck's defaults, ticks it as the deck's simulator source does (at once, then
 * every 100 ms, on the wall clock), keeps the lanes (bare-lanes.ts) and draws
 * them on a canvas; `__benchFirstLane` is the time since navigation start at
 * the first animation frame with a cell drawn — the rule the deck's probe
 * (bench/probes/first-lane.js) applies to the deck.
 */
import { FleetSimulator } from '../../src/sim/fleet-sim.js';
import { BareLanes } from './bare-lanes.js';

declare global {
  var __benchFirstLane: number | undefined;
}

/** The deck's simulator source ticks this often (src/bus/sim-source.ts). */
const TICK_MS = 100;
const params = new URLSearchParams(location.search);
const lanes = new BareLanes(
  document.querySelector('canvas')!,
  Number(params.get('w')) || 1200,
  Number(params.get('h')) || 600,
);
const sim = new FleetSimulator({});
const tick = () => {
  for (const event of sim.tick(Date.now())) lanes.add(event);
};
tick();
const timer = setInterval(tick, TICK_MS);
const frame = () => {
  if (lanes.dirty) lanes.draw();
  if (lanes.drawnCells > 0) {
    globalThis.__benchFirstLane = performance.now();
    clearInterval(timer);
    return;
  }
  requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
