/**
 * Wire decoding: a frame (WebSocket message, POST body, recording line) into
 * candidate events. A frame holds one event object, a JSON array of events, or
 * NDJSON. Python's `NaN`/`Infinity` tokens are read as absent values and `null`
 * as absent. Nothing here throws; what cannot be read is described.
 */

/** Default cap on a frame's size, checked before parsing. */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;

/** Why a whole frame was dropped. */
export type FrameDrop = 'binary' | 'oversize' | 'garbage' | 'empty';

export interface DecodedFrame {
  /** Parsed candidates, not yet validated. */
  readonly candidates: unknown[];
  /** Set when the frame was dropped whole. */
  readonly dropped?: FrameDrop;
  /** Lines or parts that could not be parsed (the rest of the frame is kept). */
  readonly garbage: number;
  /** A short description of the first problem, for diagnostics. */
  readonly detail?: string;
}

export interface DecodeOptions {
  readonly maxBytes?: number;
}

const NON_FINITE = /-?(?:NaN|Infinity)/;

/** UTF-8 byte length of a string, stopping early once past `limit`. */
function utf8Length(text: string, limit: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** True when a frame is larger than `maxBytes` in UTF-8, checked before parsing. */
export function isOversize(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return utf8Length(text, maxBytes) > maxBytes;
}

/**
 * Replaces `NaN`, `Infinity` and `-Infinity` outside JSON strings with `null`,
 * so a Python `json.dumps` body becomes JSON with those values absent.
 */
export function replaceNonFiniteTokens(text: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    let len = 0;
    if (c === 78 /* N */ && text.startsWith('NaN', i)) len = 3;
    else if (c === 73 /* I */ && text.startsWith('Infinity', i)) len = 8;
    else if (c === 45 /* - */ && text.startsWith('-Infinity', i)) len = 9;
    if (len > 0) {
      out += `${text.slice(last, i)}null`;
      i += len - 1;
      last = i + 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * Deletes `null` members of event objects (absent means unknown) down to the
 * depth events have, so `{"actual": null}` validates like a missing field.
 */
function dropNulls(value: unknown, depth: number): void {
  if (depth > 3 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) dropNulls(item, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const v = record[key];
    if (v === null) delete record[key];
    else if (typeof v === 'object') dropNulls(v, depth + 1);
  }
}

function parseLenient(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    if (NON_FINITE.test(text)) {
      try {
        return { ok: true, value: JSON.parse(replaceNonFiniteTokens(text)) };
      } catch {
        // fall through to the original error
      }
    }
    return { ok: false, error: error instanceof Error ? error.message.slice(0, 120) : 'unparseable' };
  }
}

function pushCandidates(value: unknown, into: unknown[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      dropNulls(item, 0);
      into.push(item);
    }
  } else {
    dropNulls(value, 0);
    into.push(value);
  }
}

/**
 * Decodes one frame into candidate events. Binary frames and frames over the
 * cap are dropped whole; an NDJSON frame keeps every line that parses.
 */
export function decodeFrame(data: unknown, options: DecodeOptions = {}): DecodedFrame {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FRAME_BYTES;
  if (typeof data !== 'string') {
    return { candidates: [], dropped: 'binary', garbage: 0, detail: 'binary frame ignored' };
  }
  if (isOversize(data, maxBytes)) {
    return {
      candidates: [],
      dropped: 'oversize',
      garbage: 0,
      detail: `frame over ${maxBytes} bytes (${data.length} chars)`,
    };
  }
  const candidates: unknown[] = [];
  const whole = parseLenient(data);
  if (whole.ok) {
    pushCandidates(whole.value, candidates);
    return { candidates, garbage: 0 };
  }
  if (!data.includes('\n')) {
    if (data.trim() === '') return { candidates, dropped: 'empty', garbage: 0 };
    return { candidates, dropped: 'garbage', garbage: 1, detail: whole.error };
  }
  let garbage = 0;
  let detail: string | undefined;
  for (const line of data.split('\n')) {
    if (line.trim() === '') continue;
    const parsed = parseLenient(line);
    if (parsed.ok) pushCandidates(parsed.value, candidates);
    else {
      garbage++;
      detail ??= parsed.error;
    }
  }
  if (candidates.length === 0) {
    return garbage > 0
      ? { candidates, dropped: 'garbage', garbage, detail }
      : { candidates, dropped: 'empty', garbage: 0 };
  }
  return { candidates, garbage, detail };
}
