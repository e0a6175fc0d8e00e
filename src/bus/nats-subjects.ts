/**
 * The subject scheme of the NATS bus, shared by the deck (which reads) and
 * the gateway (which writes), and written down in the README for producers
 * in any language:
 *
 *     <prefix>.<type>            snapshot, phase, phase_mix, embedding
 *     <prefix>.<type>.<key>      the types with a natural key (see KEY_FIELDS)
 *
 * A key may be any string (dots, spaces, `*`, `>`, unicode); `encodeToken`
 * maps it to exactly one valid token and `decodeToken` maps it back.
 * Pure: no NATS client here, so the main bundle can import it for free.
 */

/** The default subject prefix (`?subject=`). */
export const DEFAULT_SUBJECT_PREFIX = 'fleet';

/** The event field that keys each keyed type's subject. */
export const KEY_FIELDS = {
  live_detection: 'host_id',
  attack_profile: 'name',
  model_metric: 'model',
  model_perf: 'model',
  episode: 'episode_id',
  prediction: 'episode_id',
} as const;

export type KeyedType = keyof typeof KEY_FIELDS;

/** Every event type that has a stream, keyed or not. */
export const STREAM_TYPES = [
  'snapshot',
  'episode',
  'phase',
  'phase_mix',
  'attack_profile',
  'prediction',
  'model_metric',
  'embedding',
  'model_perf',
  'live_detection',
] as const;

export type StreamType = (typeof STREAM_TYPES)[number];

/** Characters that stand for themselves in a token; everything else is escaped. */
const PLAIN = /^[A-Za-z0-9_-]$/;
/** The escape: `~` and two upper-case hex digits per UTF-8 byte. */
const ESCAPE = '~';
/** The token for the empty key (a lone `~` is not otherwise produced). */
const EMPTY_TOKEN = '~';
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Escapes any string to one NATS subject token: `[A-Za-z0-9_-]` stay,
 * every other character becomes `~HH` per UTF-8 byte (`a.b` → `a~2Eb`,
 * `é` → `~C3~A9`), the empty string becomes `~`. A lone surrogate (not
 * encodable as UTF-8) is written as U+FFFD, as TextEncoder does.
 */
export function encodeToken(key: string): string {
  if (key === '') return EMPTY_TOKEN;
  let out = '';
  for (const char of key) {
    if (PLAIN.test(char)) {
      out += char;
      continue;
    }
    for (const byte of encoder.encode(char)) out += ESCAPE + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

const TOKEN = /^(?:[A-Za-z0-9_-]|~[0-9A-F]{2})+$/;

/**
 * The key a token stands for, or undefined when the token is not one that
 * `encodeToken` writes (wrong escape, invalid UTF-8, a character that should
 * have been escaped or one that should not have been).
 */
export function decodeToken(token: string): string | undefined {
  if (token === EMPTY_TOKEN) return '';
  if (!TOKEN.test(token)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < token.length; ) {
    if (token[i] === ESCAPE) {
      bytes.push(Number.parseInt(token.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      bytes.push(token.charCodeAt(i));
      i++;
    }
  }
  let key: string;
  try {
    key = decoder.decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
  // One key, one token: refuse spellings encodeToken would not write (e.g. `~41` for `A`).
  return encodeToken(key) === token ? key : undefined;
}

/** True when `prefix` is one or more tokens of `[A-Za-z0-9_-]` joined by dots. */
export function isValidPrefix(prefix: string): boolean {
  return prefix.length <= 64 && /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/.test(prefix);
}

/** True for the types whose subject carries a key token. */
export function isKeyedType(type: string): type is KeyedType {
  return Object.hasOwn(KEY_FIELDS, type);
}

/** True for the types that have a stream. */
export function isStreamType(type: string): type is StreamType {
  return (STREAM_TYPES as readonly string[]).includes(type);
}

/**
 * The subject an event is published on, or undefined for a type without a
 * stream. A keyed event without its key (e.g. a prediction's empty
 * episode id) still gets a token: the empty key's.
 */
export function subjectFor(prefix: string, event: { readonly type: string }): string | undefined {
  if (!isStreamType(event.type)) return undefined;
  if (!isKeyedType(event.type)) return `${prefix}.${event.type}`;
  const value = (event as unknown as Record<string, unknown>)[KEY_FIELDS[event.type]];
  return `${prefix}.${event.type}.${encodeToken(typeof value === 'string' ? value : '')}`;
}

/** The subjects one type's stream holds: `<prefix>.<type>` or `<prefix>.<type>.*`. */
export function streamSubject(prefix: string, type: StreamType): string {
  return isKeyedType(type) ? `${prefix}.${type}.*` : `${prefix}.${type}`;
}

/** The stream name of one type: `FLEET_LIVE_DETECTION` for prefix `fleet` (dots become `_`). */
export function streamName(prefix: string, type: StreamType): string {
  return `${prefix.replaceAll('.', '_')}_${type}`.toUpperCase();
}

/** What a subject says: its type and, for keyed types, its key; undefined if it is not one of ours. */
export function parseSubject(
  prefix: string,
  subject: string,
): { readonly type: StreamType; readonly key?: string } | undefined {
  if (!subject.startsWith(`${prefix}.`)) return undefined;
  const rest = subject.slice(prefix.length + 1).split('.');
  const type = rest[0] ?? '';
  if (!isStreamType(type)) return undefined;
  if (!isKeyedType(type)) return rest.length === 1 ? { type } : undefined;
  if (rest.length !== 2) return undefined;
  const key = decodeToken(rest[1]!);
  return key === undefined ? undefined : { type, key };
}
