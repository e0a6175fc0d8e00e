import { describe, expect, it } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import {
  checkReplayUrl,
  LOOP_GAP_MS,
  parseRecording,
  playRecording,
  startReplaySource,
} from '../../../src/bus/replay-source.js';
import { FakeClock } from './support/fakes.js';

const line = (t: number | undefined, phase: string) => JSON.stringify({ t, type: 'phase', phase });

const RECORDING = [line(0, 'clean'), line(100, 'armed'), line(1000, 'infecting'), line(3000, 'dormant')].join(
  '\n',
);

function phasesSeen(bus: FleetBus): string[] {
  const seen: string[] = [];
  bus.addEventListener('phase', (e) => {
    for (const event of (e as CustomEvent<{ phase: string }[]>).detail) seen.push(event.phase);
  });
  return seen;
}

describe('parseRecording', () => {
  it('keeps t monotone and counts unreadable lines', () => {
    const text = [line(500, 'clean'), 'not json', line(undefined, 'armed'), line(200, 'dormant'), ''].join(
      '\n',
    );
    const parsed = parseRecording(text);
    expect(parsed.lines.map((l) => l.t)).toEqual([500, 500, 500]);
    expect(parsed.garbage).toBe(1);
    expect(parsed.detail).toBeTruthy();
  });

  it('reads a JSON array too', () => {
    const parsed = parseRecording(`[${line(0, 'clean')},${line(10, 'armed')}]`);
    expect(parsed.lines.map((l) => l.t)).toEqual([0, 10]);
  });
});

describe('playRecording', () => {
  it('plays at the original pace', () => {
    const clock = new FakeClock();
    const bus = new FleetBus({ now: clock.now, schedule: () => {} });
    const seen = phasesSeen(bus);
    const states: string[] = [];
    playRecording(bus, parseRecording(RECORDING).lines, {
      now: clock.now,
      timers: clock,
      onState: (s, d) => states.push(`${s}${d ? ` ${d}` : ''}`),
    });
    expect(seen).toEqual(['clean']);
    clock.advance(50);
    expect(seen).toEqual(['clean']);
    clock.advance(50);
    expect(seen).toEqual(['clean', 'armed']);
    clock.advance(850);
    expect(seen).toEqual(['clean', 'armed']);
    clock.advance(100);
    expect(seen).toEqual(['clean', 'armed', 'infecting']);
    clock.advance(1900);
    expect(seen).toHaveLength(3);
    clock.advance(100);
    expect(seen).toEqual(['clean', 'armed', 'infecting', 'dormant']);
    expect(states).toEqual(['live', 'stopped finished · 4 events']);
    expect(clock.pending).toBe(0);
  });

  it('scales the pace by rate', () => {
    const clock = new FakeClock();
    const bus = new FleetBus({ now: clock.now, schedule: () => {} });
    const seen = phasesSeen(bus);
    playRecording(bus, parseRecording(RECORDING).lines, { rate: 4, now: clock.now, timers: clock });
    clock.advance(240);
    expect(seen).toEqual(['clean', 'armed']);
    clock.advance(10);
    expect(seen).toEqual(['clean', 'armed', 'infecting']);
    clock.advance(500);
    expect(seen).toHaveLength(4);
  });

  it('loops when asked, with a gap between passes, until stopped', () => {
    const clock = new FakeClock();
    const bus = new FleetBus({ now: clock.now, schedule: () => {} });
    const seen = phasesSeen(bus);
    const states: string[] = [];
    const stop = playRecording(bus, parseRecording(RECORDING).lines, {
      loop: true,
      now: clock.now,
      timers: clock,
      onState: (s, d) => states.push(`${s} ${d}`),
    });
    clock.advance(3000);
    expect(seen).toHaveLength(4);
    clock.advance(LOOP_GAP_MS - 1);
    expect(seen).toHaveLength(4);
    clock.advance(1);
    expect(seen).toEqual(['clean', 'armed', 'infecting', 'dormant', 'clean']);
    expect(states).toEqual(['live pass 1', 'live pass 2']);
    // Pass 2 keeps the recorded pace.
    clock.advance(999);
    expect(seen).toHaveLength(6);
    clock.advance(1);
    expect(seen).toHaveLength(7);
    stop();
    expect(clock.pending).toBe(0);
    clock.advance(60_000);
    expect(seen).toHaveLength(7);
  });
});

describe('startReplaySource', () => {
  it('fetches a recording relative to the page, plays it and says so on the badge', async () => {
    const clock = new FakeClock();
    const bus = new FleetBus({ now: clock.now, schedule: () => {} });
    const fetched: string[] = [];
    const stop = startReplaySource(bus, 'sample-recording.ndjson', {
      baseUrl: 'https://example.org/fleet/?replay=sample-recording.ndjson',
      rate: 2,
      fetch: async (url) => {
        fetched.push(url);
        return { ok: true, status: 200, text: async () => `${RECORDING}\n{broken` };
      },
      now: clock.now,
      timers: clock,
    });
    expect(bus.source).toMatchObject({
      kind: 'replay',
      label: 'replay · sample-recording.ndjson',
      state: 'connecting',
    });
    await Promise.resolve();
    await Promise.resolve();
    await new Promise((ok) => setTimeout(ok, 0));
    expect(fetched).toEqual(['https://example.org/fleet/sample-recording.ndjson']);
    expect(bus.source).toMatchObject({ state: 'live', detail: '×2' });
    expect(bus.diagnostics.garbageParts).toBe(1);
    clock.advance(1500);
    expect(bus.diagnostics.accepted).toBe(4);
    expect(bus.source).toMatchObject({ state: 'stopped', detail: 'finished · 4 events' });
    stop();
  });

  it('says why when the recording cannot be loaded', async () => {
    const bus = new FleetBus({ schedule: () => {} });
    startReplaySource(bus, '/missing.ndjson', {
      baseUrl: 'http://127.0.0.1:1/',
      fetch: async () => ({ ok: false, status: 404, text: async () => '' }),
    });
    await new Promise((ok) => setTimeout(ok, 0));
    expect(bus.source).toMatchObject({ state: 'stopped', detail: 'cannot load: HTTP 404' });
  });

  it('loads only http(s) URLs without credentials', () => {
    expect(checkReplayUrl('javascript:alert(1)', 'http://x/').ok).toBe(false);
    expect(checkReplayUrl('data:text/plain,{}', 'http://x/').ok).toBe(false);
    expect(checkReplayUrl('http://u:p@x/r.ndjson', 'http://x/').ok).toBe(false);
    const ok = checkReplayUrl('../r.ndjson', 'http://x/a/b/');
    expect(ok.ok && ok.url.href).toBe('http://x/a/r.ndjson');
  });
});
