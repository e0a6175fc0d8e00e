import { describe, expect, it } from 'vitest';
import { checkWsUrl, isLoopbackHost } from '../../../src/bus/ws-url.js';

describe('checkWsUrl', () => {
  it('accepts ws: and wss: and shows the host as text', () => {
    const plain = checkWsUrl('ws://127.0.0.1:8787/ws', 'http:');
    expect(plain.ok && plain.url.href).toBe('ws://127.0.0.1:8787/ws');
    expect(plain.ok && plain.host).toBe('127.0.0.1:8787');
    const secure = checkWsUrl(' wss://bus.example.org/ws?token=abc#frag ', 'https:');
    expect(secure.ok).toBe(true);
    if (secure.ok) {
      expect(secure.host).toBe('bus.example.org');
      // The fragment is dropped; the query (a token, say) stays.
      expect(secure.url.href).toBe('wss://bus.example.org/ws?token=abc');
    }
  });

  it.each([
    ['', 'no WebSocket URL'],
    ['/ws', 'not a URL'],
    ['bus:8787', 'only ws: and wss:'],
    ['http://127.0.0.1:8787/ws', 'only ws: and wss:'],
    ['javascript:alert(1)', 'only ws: and wss:'],
    ['ws://user:pw@127.0.0.1/ws', 'credentials'],
    ['ws://user@127.0.0.1/ws', 'credentials'],
  ])('refuses %j (%s)', (raw, reason) => {
    const result = checkWsUrl(raw, 'http:');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('an https page refuses plain ws: to a non-loopback host, saying why', () => {
    const result = checkWsUrl('ws://bus.example.org:8787/ws', 'https:');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(/https page.*plain ws:.*wss:/);
      expect(result.host).toBe('bus.example.org:8787');
    }
    // The same URL from an http page is fine.
    expect(checkWsUrl('ws://bus.example.org:8787/ws', 'http:').ok).toBe(true);
  });

  it.each([
    'ws://localhost:8787/ws',
    'ws://127.0.0.1:8787/ws',
    'ws://127.1.2.3/ws',
    'ws://[::1]:8787/ws',
    'ws://deck.localhost/ws',
  ])('an https page may use plain ws: to loopback %s', (raw) => {
    expect(checkWsUrl(raw, 'https:').ok).toBe(true);
  });
});

describe('isLoopbackHost', () => {
  it('knows loopback from the rest', () => {
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('127.0.0.1.evil.org')).toBe(false);
    expect(isLoopbackHost('localhost.evil.org')).toBe(false);
    expect(isLoopbackHost('10.0.0.1')).toBe(false);
  });
});
