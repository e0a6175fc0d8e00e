import type { FleetBus } from './fleet-bus.js';
import { startReplayTimeline } from './replay-timeline.js';
import { startSources } from './start-source.js';
import { TimeControl } from './time-control.js';
import type { SourceOptions } from './url-options.js';

/** `t=SECONDS`: where a replay opens (paused), or undefined. Negative or unreadable values are ignored. */
export function readReplayAt(params: URLSearchParams): number | undefined {
  const raw = params.get('t');
  if (raw === null || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : undefined;
}

/**
 * The deck page's sources under time control: the control is plugged in
 * before any source starts (so the history holds every event), and a
 * `?replay=` recording is paced by it, so its timeline spans the whole
 * recording and `t=` opens it at a moment. Returns the control and a
 * function that stops the sources.
 */
export function startTimedSources(
  bus: FleetBus,
  options: SourceOptions,
  params: URLSearchParams,
): { time: TimeControl; stop: () => void } {
  const time = TimeControl.for(bus);
  if (options.replay === undefined) return { time, stop: startSources(bus, options) };
  // Without `replay`, startSources would take the simulator for the default source.
  const stopOthers = startSources(bus, {
    ...options,
    replay: undefined,
    simulator: options.simulator ?? false,
  });
  const stopReplay = startReplayTimeline(bus, time, options.replay, {
    rate: options.sim.rate,
    loop: options.loop,
    at: readReplayAt(params),
  });
  return {
    time,
    stop: () => {
      stopReplay();
      stopOthers();
    },
  };
}
