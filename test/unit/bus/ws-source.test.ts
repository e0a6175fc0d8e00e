import { describe, expect, it } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import { CSP_REFUSAL } from '../../../src/bus/worker-socket.js';
import { isTerminalCloseCode, startWebSocketSource } from '../../../src/bus/ws-source.js';
import { encodeEventsFrame, encodeRebuild, encodeResume } from '../../../src/contract/bus-protocol.js';
import { laneCells } from '../../../src/store/live-lanes.js';
import { FakeClock, FakeVisibility, fakeSocketClass } from './support/fakes.js';

const URL = 'ws://127.0.0.1:8787/ws';

function detection(host: string, i = 0) {
  return { type: 'live_detection', host_id: host, predicted: 'armed', window_idx: i };
}

function setup(random: () => number = () => 0.5) {
  const clock = new FakeClock();
  const { FakeSocket, instances } = fakeSocketClass();
  const visibility = new FakeVisibility();
  const network = new EventTarget();
  const bus = new FleetBus({ now: clock.now, schedule: () => {}, timers: clock, visibility });
  const states: string[] = [];
  bus.addEventListener('source', () =>
    states.push(`${bus.source.state}${bus.source.detail ? ` ${bus.source.detail}` : ''}`),
  );
  const stop = startWebSocketSource(bus, URL, {
    WebSocket: FakeSocket,
    now: clock.now,
    timers: clock,
    random,
    visibility,
    network,
    pageProtocol: 'http:',
  });
  const last = () => instances[instances.length - 1]!;
  return { clock, instances, visibility, network, bus, states, stop, last };
}

describe('WebSocket source', () => {
  it('refuses a bad URL without opening anything, and says why on the badge', () => {
    const { FakeSocket, instances } = fakeSocketClass();
    const bus = new FleetBus({ schedule: () => {} });
    startWebSocketSource(bus, 'http://evil.example/ws', { WebSocket: FakeSocket, pageProtocol: 'http:' });
    expect(instances).toHaveLength(0);
    expect(bus.source).toMatchObject({ kind: 'ws', label: 'evil.example', state: 'stopped' });
    expect(bus.source.detail).toContain('only ws: and wss:');
  });

  it('connects, shows the host, goes live on open, and decodes frames in batches', () => {
    const { clock, bus, last, states } = setup();
    expect(bus.source).toMatchObject({ kind: 'ws', label: '127.0.0.1:8787', state: 'connecting' });
    expect(last().url).toBe(URL);
    expect(last().binaryType).toBe('arraybuffer');
    last().open();
    expect(bus.source.state).toBe('live');
    let publishes = 0;
    const publish = bus.publish.bind(bus);
    bus.publish = (input: unknown) => {
      publishes++;
      return publish(input);
    };
    last().send(JSON.stringify(detection('h1')));
    last().send(JSON.stringify([detection('h2'), detection('h3')]));
    last().send(`${JSON.stringify(detection('h4'))}\n${JSON.stringify(detection('h5'))}`);
    // Nothing is decoded inside the message handler itself...
    expect(bus.diagnostics.accepted).toBe(0);
    clock.advance(0);
    // ...then three frames become one publish.
    expect(publishes).toBe(1);
    expect(bus.diagnostics.frames).toBe(3);
    expect(bus.diagnostics.accepted).toBe(5);
    expect(bus.state.live.hosts).toEqual(['h1', 'h2', 'h3', 'h4', 'h5']);
    expect(states).toEqual(['connecting', 'live']);
  });

  it('splits a flood into bounded batches so the page can breathe', () => {
    const { clock, bus, last } = setup();
    last().open();
    let publishes = 0;
    const publish = bus.publish.bind(bus);
    bus.publish = (input: unknown) => {
      publishes++;
      return publish(input);
    };
    for (let i = 0; i < 1200; i++) last().send(JSON.stringify(detection(`h${i % 7}`, i)));
    clock.advance(0);
    // At most 500 frames a drain (three drains), published in chunks of 250 events.
    expect(publishes).toBe(5);
    expect(bus.diagnostics.accepted).toBe(1200);
  });

  it('yields once a flush has spent its time budget, so big frames cannot hold the page', () => {
    const { clock, bus, last, visibility } = setup();
    last().open();
    // Each publish of a chunk "takes" 5 ms; a flush may spend 4 ms before it yields.
    const publish = bus.publish.bind(bus);
    const framesAtPublish: number[] = [];
    bus.publish = (input: unknown) => {
      clock.time += 5;
      framesAtPublish.push(bus.diagnostics.frames);
      return publish(input);
    };
    let flushes = 0;
    const schedule = clock.setTimeout;
    (clock as { setTimeout: typeof schedule }).setTimeout = (run, ms) =>
      schedule(() => {
        if (ms === 0) flushes++;
        run();
      }, ms);
    const big = (n: number) => JSON.stringify(Array.from({ length: 600 }, (_, i) => detection(`h${n}`, i)));
    for (let n = 0; n < 10; n++) last().send(big(n));
    // (each publish moves the fake clock, so the chained flushes come due a little later)
    clock.advance(100);
    expect(bus.diagnostics.accepted).toBe(6000);
    // Chunks of at least 250 events: one frame each, and one chunk spends the budget.
    expect(framesAtPublish).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(flushes).toBe(10);
    // A hidden tab still takes everything in one flush.
    visibility.set('hidden');
    flushes = 0;
    for (let n = 0; n < 10; n++) last().send(big(n));
    clock.advance(100);
    expect(bus.diagnostics.accepted).toBe(12000);
    expect(flushes).toBe(1);
  });

  it('takes the whole backlog at once in a hidden tab, where timers are throttled', () => {
    const { clock, bus, last, visibility } = setup();
    last().open();
    visibility.set('hidden');
    let publishes = 0;
    const publish = bus.publish.bind(bus);
    bus.publish = (input: unknown) => {
      publishes++;
      return publish(input);
    };
    for (let i = 0; i < 1200; i++) last().send(JSON.stringify(detection(`h${i % 7}`, i)));
    clock.advance(0);
    expect(publishes).toBe(1);
    expect(bus.diagnostics.accepted).toBe(1200);
  });

  it('retries with full-jitter backoff, counting down on the badge', () => {
    const { clock, instances, bus, last } = setup(() => 0.5);
    // Each failed attempt waits random × ceiling: 250, 500, 1000, 2000, 4000, 7500, 7500 ms.
    const waits: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      const before = instances.length;
      last().drop(1006);
      expect(bus.source.state).toBe('retrying');
      const start = clock.time;
      while (instances.length === before) clock.advance(50);
      waits.push(clock.time - start);
      expect(bus.source.state).toBe('connecting');
    }
    expect(waits).toEqual([250, 500, 1000, 2000, 4000, 7500, 7500]);
    // The badge shows whole seconds to go.
    last().drop(1006);
    expect(bus.source.detail).toBe('in 8 s');
    clock.advance(1000);
    expect(bus.source.detail).toBe('in 7 s');
    clock.advance(3600);
    expect(bus.source.detail).toBe('in 3 s');
  });

  it('resets the attempt count only after 5 s of uptime', () => {
    const { clock, instances, last } = setup(() => 1);
    const waitForNext = () => {
      const before = instances.length;
      const start = clock.time;
      while (instances.length === before) clock.advance(10);
      return clock.time - start;
    };
    last().drop();
    expect(waitForNext()).toBe(500);
    last().drop();
    expect(waitForNext()).toBe(1000);
    // Up for 4.99 s: still backing off.
    last().open();
    clock.advance(4990);
    last().drop();
    expect(waitForNext()).toBe(2000);
    // Up for 5 s: starts over.
    last().open();
    clock.advance(5000);
    last().drop();
    expect(waitForNext()).toBe(500);
  });

  it('gives up on a connect after 5 s and retries', () => {
    const { clock, instances, bus, last } = setup(() => 0);
    const first = last();
    clock.advance(4999);
    expect(first.closedWith).toBeUndefined();
    clock.advance(1);
    expect(first.closedWith).toBe(1005);
    expect(first.attached).toBe(false);
    // random 0: the retry is immediate.
    clock.advance(0);
    expect(instances).toHaveLength(2);
    expect(bus.source.state).toBe('connecting');
  });

  it('pauses retries while the tab is hidden and retries at once when it shows', () => {
    const { clock, instances, visibility, bus, last } = setup(() => 0.9);
    visibility.set('hidden');
    last().drop();
    clock.advance(60_000);
    expect(instances).toHaveLength(1);
    expect(bus.source).toMatchObject({ state: 'retrying', detail: 'paused while the tab is hidden' });
    visibility.set('visible');
    expect(instances).toHaveLength(2);
    expect(bus.source.state).toBe('connecting');
    // A live link is not touched by visibility changes.
    last().open();
    visibility.set('hidden');
    visibility.set('visible');
    expect(instances).toHaveLength(2);
    expect(bus.source.state).toBe('live');
  });

  it('retries at once when the browser comes back online', () => {
    const { clock, instances, network, last } = setup(() => 0.99);
    for (let i = 0; i < 5; i++) {
      last().drop();
      clock.advance(20_000);
    }
    const before = instances.length;
    last().drop();
    clock.advance(100);
    expect(instances).toHaveLength(before);
    network.dispatchEvent(new Event('online'));
    expect(instances).toHaveLength(before + 1);
  });

  it.each([1008, 1009, 4500, 4999])('stops retrying on close code %i and says so', (code) => {
    const { clock, instances, bus, last } = setup();
    last().open();
    last().drop(code, 'token refused');
    clock.advance(10 * 60_000);
    expect(instances).toHaveLength(1);
    expect(bus.source.state).toBe('stopped');
    expect(bus.source.detail).toContain(String(code));
    expect(bus.source.detail).toContain('token refused');
    expect(clock.pending).toBe(0);
  });

  it("stops, saying why, when the page's Content-Security-Policy refuses the URL", () => {
    const { clock, instances, visibility, bus } = setup();
    const unrelated = Object.assign(new Event('securitypolicyviolation'), {
      blockedURI: 'https://cdn.example/x.js',
      effectiveDirective: 'script-src',
      disposition: 'enforce',
    });
    visibility.dispatchEvent(unrelated);
    expect(bus.source.state).toBe('connecting');
    const ours = Object.assign(new Event('securitypolicyviolation'), {
      blockedURI: URL,
      effectiveDirective: 'connect-src',
      disposition: 'enforce',
    });
    visibility.dispatchEvent(ours);
    expect(bus.source.state).toBe('stopped');
    expect(bus.source.detail).toContain('Content-Security-Policy');
    expect(instances[0]!.attached).toBe(false);
    clock.advance(60_000);
    expect(instances).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });

  it('stops, saying why, when a socket made elsewhere (a worker) says it is refused', () => {
    const { clock, instances, bus, last } = setup();
    last().refuse(CSP_REFUSAL);
    expect(bus.source.state).toBe('stopped');
    expect(bus.source.detail).toBe(CSP_REFUSAL);
    expect(instances[0]!.attached).toBe(false);
    clock.advance(60_000);
    expect(instances).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });

  it('ignores a refusal from a socket it already replaced', () => {
    const { clock, instances, bus, last } = setup();
    const first = last();
    const refuse = first.onrefused!;
    first.drop();
    clock.advance(60_000);
    expect(instances.length).toBeGreaterThan(1);
    refuse('too late');
    expect(bus.source.state).not.toBe('stopped');
  });

  it('knows which close codes are terminal', () => {
    expect([1000, 1001, 1006, 1011, 1013, 4000, 4499, 5000].filter(isTerminalCloseCode)).toEqual([]);
    expect([1008, 1009, 4500, 4700, 4999].every(isTerminalCloseCode)).toBe(true);
  });

  it('marks the link stale after 30 s without a message, and live again on the next', () => {
    const { clock, bus, last } = setup();
    last().open();
    clock.advance(20_000);
    last().send(JSON.stringify(detection('h1')));
    clock.advance(29_000);
    expect(bus.source.state).toBe('live');
    clock.advance(1_000);
    expect(bus.source).toMatchObject({ state: 'stale', detail: 'no message for 30 s' });
    last().send(JSON.stringify(detection('h1')));
    expect(bus.source.state).toBe('live');
    clock.advance(30_000);
    expect(bus.source.state).toBe('stale');
  });

  it('never doubles handlers across reconnects: each event is counted once', () => {
    const { clock, instances, bus, last } = setup(() => 0);
    for (let i = 0; i < 4; i++) {
      last().open();
      last().drop();
      clock.advance(0);
    }
    expect(instances).toHaveLength(5);
    for (const old of instances.slice(0, -1)) expect(old.attached).toBe(false);
    last().open();
    last().send(JSON.stringify(detection('h1')));
    clock.advance(0);
    expect(bus.diagnostics.accepted).toBe(1);
    expect(bus.diagnostics.frames).toBe(1);
  });

  it('counts hostile frames and keeps going', () => {
    const { clock, bus, last } = setup();
    last().open();
    last().send(new ArrayBuffer(8));
    last().send('{"type": "live_detection", garbage');
    last().send('x'.repeat(1024 * 1024 + 1));
    last().send('{"type":"mystery","x":1}');
    last().send('{"type":"live_detection","host_id":"h1","predicted":"armed","confidence":NaN}');
    clock.advance(0);
    const d = bus.diagnostics;
    expect(d.droppedFrames).toMatchObject({ binary: 1, garbage: 1, oversize: 1 });
    expect(d.unknownTypes.get('mystery')).toBe(1);
    expect(d.accepted).toBe(1);
    expect(laneCells(bus.state.live, 'h1')[0]!.confidence).toBeUndefined();
    expect(bus.source.state).toBe('live');
  });

  it('stops cleanly: closes the socket, drops its timers and listeners', () => {
    const { clock, instances, visibility, network, bus, last, stop } = setup();
    last().open();
    last().send(JSON.stringify(detection('h1')));
    stop();
    expect(instances[0]!.closedWith).toBe(1000);
    expect(instances[0]!.attached).toBe(false);
    expect(clock.pending).toBe(0);
    expect(bus.source).toMatchObject({ state: 'stopped', detail: 'stopped' });
    visibility.set('hidden');
    visibility.set('visible');
    network.dispatchEvent(new Event('online'));
    clock.advance(120_000);
    expect(instances).toHaveLength(1);
    // The frame queued before the stop is discarded, not applied later.
    expect(bus.diagnostics.accepted).toBe(0);
  });

  it('re-dials a link silent for 60 s, and heartbeats keep an idle bus live', () => {
    const { clock, instances, bus, last, states } = setup();
    last().open();
    for (let i = 0; i < 10; i++) {
      clock.advance(10_000);
      last().send('[]');
    }
    expect(bus.source.state).toBe('live');
    expect(bus.diagnostics.heartbeats).toBe(10);
    expect(bus.diagnostics.frames).toBe(0);
    clock.advance(30_000);
    expect(bus.source.state).toBe('stale');
    const first = last();
    clock.advance(29_999);
    expect(instances).toHaveLength(1);
    clock.advance(1);
    expect(instances).toHaveLength(2);
    expect(first.attached).toBe(false);
    expect(states.at(-1)).toBe('connecting no message for 60 s: re-dialling');
  });

  it('tells the bus what it has seen when it reconnects, and shows "resynced" for a few seconds', () => {
    const { clock, bus, last, instances } = setup(() => 0);
    last().open();
    last().send(encodeRebuild('run7', 40, 'join'));
    last().send(
      encodeEventsFrame('run7', 41, [JSON.stringify(detection('h1')), JSON.stringify(detection('h2'))]),
    );
    // Dropped before these frames were applied: the dial applies them first, so the cursor is exact.
    last().drop(1006);
    clock.advance(0);
    expect(instances).toHaveLength(2);
    expect(last().url).toBe(`${URL}?run=run7&seq=42`);
    last().open();
    last().send(encodeResume('run7', 42));
    clock.advance(0);
    expect(bus.source).toMatchObject({ state: 'live', detail: 'resynced' });
    expect(bus.diagnostics.resumes).toBe(1);
    clock.advance(5_000);
    expect(bus.source.detail).toBeUndefined();
    expect(bus.state.live.total).toBe(2);
  });
});
