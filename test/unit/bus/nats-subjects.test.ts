import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeToken,
  encodeToken,
  isValidPrefix,
  parseSubject,
  STREAM_TYPES,
  streamName,
  streamSubject,
  subjectFor,
} from '../../../src/bus/nats-subjects.js';

/** What nats-server accepts in one token of a published subject. */
const VALID_TOKEN = /^[^\s.*>]+$/;

/** Strings as producers may send them: any code point, including lone surrogates. */
const anyKey = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    '.',
    '*',
    '>',
    'a.b',
    'a b',
    ' ',
    '~',
    '~41',
    'host-01',
    'Ünïcödé',
    '\u202Eevil',
    '\t\n',
  ),
);
/** Strings encodable as UTF-8 (no lone surrogates): these round-trip exactly. */
const wellFormed = anyKey.filter((s) => !/\p{Cs}/u.test(s));

describe('subject tokens', () => {
  it('any key maps to one valid token', () => {
    fc.assert(
      fc.property(anyKey, (key) => {
        const token = encodeToken(key);
        expect(token).toMatch(VALID_TOKEN);
        expect(token).toMatch(/^[A-Za-z0-9_~-]+$/);
      }),
    );
  });

  it('round-trips every well-formed key', () => {
    fc.assert(
      fc.property(wellFormed, (key) => {
        expect(decodeToken(encodeToken(key))).toBe(key);
      }),
    );
  });

  it('a lone surrogate is written as U+FFFD, as the UTF-8 on the wire would carry it', () => {
    expect(decodeToken(encodeToken('a\uD800b'))).toBe('a\uFFFDb');
  });

  it('distinct keys get distinct tokens', () => {
    fc.assert(
      fc.property(wellFormed, wellFormed, (a, b) => {
        fc.pre(a !== b);
        expect(encodeToken(a)).not.toBe(encodeToken(b));
      }),
    );
  });

  it('each token decodes to at most one key: foreign spellings are refused', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (token) => {
        const key = decodeToken(token);
        if (key !== undefined) expect(encodeToken(key)).toBe(token);
      }),
    );
    expect(decodeToken('~41')).toBeUndefined(); // "A" spelled escaped
    expect(decodeToken('~2e')).toBeUndefined(); // lower-case hex
    expect(decodeToken('~FF')).toBeUndefined(); // not UTF-8
    expect(decodeToken('a.b')).toBeUndefined();
    expect(decodeToken('')).toBeUndefined();
  });

  it('writes the documented examples', () => {
    expect(encodeToken('host-01')).toBe('host-01');
    expect(encodeToken('a.b')).toBe('a~2Eb');
    expect(encodeToken('é')).toBe('~C3~A9');
    expect(encodeToken('')).toBe('~');
    expect(encodeToken('*')).toBe('~2A');
    expect(encodeToken('>')).toBe('~3E');
  });
});

describe('subjects', () => {
  it('keyed types carry their key, others do not', () => {
    expect(subjectFor('fleet', { type: 'live_detection', host_id: 'h.1' } as never)).toBe(
      'fleet.live_detection.h~2E1',
    );
    expect(subjectFor('fleet', { type: 'attack_profile', name: 'worm' } as never)).toBe(
      'fleet.attack_profile.worm',
    );
    expect(subjectFor('fleet', { type: 'prediction', episode_id: '' } as never)).toBe('fleet.prediction.~');
    expect(subjectFor('a.b', { type: 'snapshot' })).toBe('a.b.snapshot');
    expect(subjectFor('fleet', { type: 'nope' })).toBeUndefined();
  });

  it('every subject lies inside its stream and parses back', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STREAM_TYPES), wellFormed, (type, key) => {
        const event = { type, host_id: key, name: key, model: key, episode_id: key };
        const subject = subjectFor('fleet', event)!;
        const pattern = streamSubject('fleet', type);
        const tokens = subject.split('.');
        const wanted = pattern.split('.');
        expect(tokens.length).toBe(wanted.length);
        wanted.forEach((t, i) => {
          if (t !== '*') expect(tokens[i]).toBe(t);
        });
        const parsed = parseSubject('fleet', subject);
        expect(parsed?.type).toBe(type);
        if (tokens.length === 3) expect(parsed?.key).toBe(key);
      }),
    );
  });

  it('refuses subjects outside the scheme', () => {
    expect(parseSubject('fleet', 'other.snapshot')).toBeUndefined();
    expect(parseSubject('fleet', 'fleet.snapshot.x')).toBeUndefined();
    expect(parseSubject('fleet', 'fleet.live_detection')).toBeUndefined();
    expect(parseSubject('fleet', 'fleet.live_detection.a.b')).toBeUndefined();
    expect(parseSubject('fleet', 'fleet.live_detection.~41')).toBeUndefined();
  });

  it('prefixes and stream names', () => {
    expect(isValidPrefix('fleet')).toBe(true);
    expect(isValidPrefix('acme.prod-1')).toBe(true);
    for (const bad of ['', '.', 'a..b', 'a.', '*', 'a.>', 'a b', 'é']) expect(isValidPrefix(bad)).toBe(false);
    expect(streamName('fleet', 'live_detection')).toBe('FLEET_LIVE_DETECTION');
    expect(streamName('acme.prod', 'snapshot')).toBe('ACME_PROD_SNAPSHOT');
  });
});
