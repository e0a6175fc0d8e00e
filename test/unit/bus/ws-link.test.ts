import { describe, expect, it } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import {
  afterLoss,
  LINK_EVENTS,
  LINK_STATES,
  LINK_TRANSITIONS,
  type LinkEvent,
  type LinkState,
  nextLinkState,
} from '../../../src/bus/ws-link.js';
import { startWebSocketSource } from '../../../src/bus/ws-source.js';
import { FakeClock, FakeVisibility, fakeSocketClass } from './support/fakes.js';

const URL = 'ws://127.0.0.1:8787/ws';

/**
 * Drives a real source into `state` and returns a function that fires
 * `event` at it the way the world would, so each row of the table is checked
 * against the source's behaviour, not only against the table.
 */
function sourceIn(state: LinkState) {
  const clock = new FakeClock();
  const { FakeSocket, instances } = fakeSocketClass();
  const visibility = new FakeVisibility();
  const network = new EventTarget();
  const bus = new FleetBus({ now: clock.now, schedule: () => {}, timers: clock, visibility });
  const stop = startWebSocketSource(bus, URL, {
    WebSocket: FakeSocket,
    now: clock.now,
    timers: clock,
    random: () => 0.5,
    visibility,
    network,
    pageProtocol: 'http:',
  });
  const last = () => instances[instances.length - 1]!;
  /** Moves time on until the source dials again (or `limit` ms pass). */
  const untilDial = (limit: number) => {
    const before = instances.length;
    for (let t = 0; t < limit && instances.length === before; t += 50) clock.advance(50);
  };
  const csp = () =>
    visibility.dispatchEvent(
      Object.assign(new Event('securitypolicyviolation'), {
        blockedURI: URL,
        effectiveDirective: 'connect-src',
        disposition: 'enforce',
      }),
    );
  switch (state) {
    case 'connecting':
      break;
    case 'live':
      last().open();
      break;
    case 'stale':
      last().open();
      clock.advance(30_000);
      break;
    case 'waiting':
      last().drop(1006);
      break;
    case 'paused':
      visibility.set('hidden');
      last().drop(1006);
      break;
    case 'stopped':
      last().drop(1008, 'no');
      break;
  }
  const fire: Record<LinkEvent, () => void> = {
    opened: () => last().open(),
    message: () => last().send('[]'),
    quiet: () => clock.advance(30_000),
    silent: () => untilDial(30_000),
    timedOut: () => clock.advance(5_000),
    dropped: () => last().drop(1006),
    // With a socket, the server refuses; without one (waiting), the page's CSP does.
    refused: () => (last().attached ? last().drop(1008, 'refused') : csp()),
    retryDue: () => untilDial(15_000),
    hidden: () => visibility.set('hidden'),
    resumed: () =>
      visibility.visibilityState === 'hidden'
        ? visibility.set('visible')
        : network.dispatchEvent(new Event('online')),
    stop,
  };
  return { bus, instances, fire, clock };
}

/** The badge state each link state shows. */
const BADGE: Record<LinkState, string> = {
  connecting: 'connecting',
  live: 'live',
  stale: 'stale',
  waiting: 'retrying',
  paused: 'retrying',
  stopped: 'stopped',
};

const rows = Object.entries(LINK_TRANSITIONS).flatMap(([from, events]) =>
  Object.entries(events).map(([event, to]) => ({
    from: from as LinkState,
    event: event as LinkEvent,
    to: to!,
  })),
);

describe('WebSocket link state machine', () => {
  it('has a row for every state and names only known states and events', () => {
    expect(Object.keys(LINK_TRANSITIONS).sort()).toEqual(Object.values(LINK_STATES).sort());
    for (const { event, to } of rows) {
      expect(Object.values(LINK_EVENTS)).toContain(event);
      expect(Object.values(LINK_STATES)).toContain(to);
    }
    expect(nextLinkState('stopped', 'resumed')).toBeUndefined();
    expect(afterLoss('waiting', true)).toBe('paused');
    expect(afterLoss('waiting', false)).toBe('waiting');
  });

  // One test per transition: the source, put in `from`, meets `event` and shows `to`.
  it.each(rows)('$from --$event--> $to', ({ from, event, to }) => {
    const { bus, instances, fire } = sourceIn(from);
    expect(bus.source.state).toBe(BADGE[from]);
    const sockets = instances.length;
    fire[event]();
    expect(bus.source.state).toBe(BADGE[to]);
    // Entering `connecting` dials a new socket; nothing else does.
    if (to === 'connecting') expect(instances.length).toBe(sockets + 1);
    if (to === 'stopped') expect(instances[instances.length - 1]!.attached).toBe(false);
  });

  it('ignores events a state has no transition for', () => {
    const { bus, instances, fire } = sourceIn('stopped');
    for (const event of Object.values(LINK_EVENTS)) fire[event]();
    expect(bus.source.state).toBe('stopped');
    expect(instances).toHaveLength(1);
  });
});
