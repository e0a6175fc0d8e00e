import { afterEach, describe, expect, it } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import { startSources } from '../../../src/bus/start-source.js';
import { readSourceOptions } from '../../../src/bus/url-options.js';

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

function start(query: string): FleetBus {
  const bus = new FleetBus({ schedule: () => {} });
  const kinds: string[] = [];
  bus.addEventListener('source', () => kinds.push(bus.source.kind));
  stops.push(startSources(bus, readSourceOptions(new URLSearchParams(query))));
  (bus as FleetBus & { kinds: string[] }).kinds = kinds;
  return bus;
}

const kindsOf = (bus: FleetBus) => (bus as FleetBus & { kinds: string[] }).kinds;

describe('startSources', () => {
  it('runs only the WebSocket source for ?ws= (the simulator stays off)', () => {
    const bus = start('ws=http://example.org/ws');
    expect(kindsOf(bus)).toEqual(['ws']);
    expect(bus.source).toMatchObject({ kind: 'ws', state: 'stopped' });
    expect(bus.source.detail).toContain('only ws: and wss:');
    expect(bus.diagnostics.accepted).toBe(0);
  });

  it('loads the NATS source on its own for ?nats= (the simulator stays off) and says why it refuses a URL', async () => {
    const bus = start('nats=http://example.org:4222&user=viewer&pass=s3cret');
    expect(bus.source).toMatchObject({
      kind: 'nats',
      state: 'connecting',
      detail: 'loading the NATS client',
    });
    await expect.poll(() => bus.source.state, { timeout: 10_000 }).toBe('stopped');
    expect(kindsOf(bus).every((k) => k === 'nats')).toBe(true);
    expect(bus.source.detail).toContain('only ws: and wss:');
    expect(JSON.stringify(bus.source)).not.toContain('s3cret');
    expect(bus.diagnostics.accepted).toBe(0);
  });

  it('reads the NATS settings: servers, prefix (a bad one falls back), credentials', () => {
    const options = readSourceOptions(
      new URLSearchParams('nats= ws://a:1 , ws://b:2 ,&subject=acme.prod&user=u&pass=p'),
    );
    expect(options.nats).toEqual({
      servers: ['ws://a:1', 'ws://b:2'],
      prefix: 'acme.prod',
      user: 'u',
      pass: 'p',
    });
    expect(readSourceOptions(new URLSearchParams('nats=ws://a&subject=fleet.>&token=t')).nats).toMatchObject({
      prefix: 'fleet',
      token: 't',
    });
    expect(readSourceOptions(new URLSearchParams('ws=x')).nats).toBeUndefined();
  });

  it('runs the replay for ?replay=, with rate and loop read from the URL', () => {
    const bus = start('replay=javascript:alert(1)&rate=2&loop');
    expect(kindsOf(bus)).toEqual(['replay']);
    expect(bus.source.detail).toContain('only http: and https:');
    expect(readSourceOptions(new URLSearchParams('replay=x&loop'))).toMatchObject({ loop: true });
    expect(readSourceOptions(new URLSearchParams('replay=x&loop=0'))).toMatchObject({ loop: false });
  });

  it('adds the simulator to an external source only when sim=1', () => {
    const bus = start('sim=1&ws=http://example.org/ws');
    expect(kindsOf(bus)).toEqual(['sim', 'ws']);
    expect(bus.diagnostics.accepted).toBeGreaterThan(0);
  });

  it('runs the simulator when nothing else is asked for', () => {
    const bus = start('seed=3');
    expect(bus.source).toMatchObject({ kind: 'sim', label: 'simulator · seed 3' });
  });
});
