/**
 * The numbered stream of the project's bus (`npm run bus`), as it travels on
 * the wire. Plain frames (an event, an array of events, NDJSON) from any other
 * WebSocket server stay exactly as they are; the project's bus adds a few
 * JSON objects with a `bus` member, which no event has (events have `type`):
 *
 * - `{"bus":"events","run":R,"seq":N,"events":[…]}`: events numbered N, N+1, …
 *   of bus run R (a fresh id each time the bus starts);
 * - `{"bus":"rebuild","run":R,"seq":N,"reason":…}`: forget what you hold; the
 *   plain frames that follow are the bus's present as of event N;
 * - `{"bus":"resume","run":R,"seq":N}`: you are up to date to N; what you
 *   missed follows as numbered events;
 * - `[]`: a heartbeat (an empty frame), every 10 s, so a quiet bus does not
 *   read as a dead link.
 *
 * A viewer reconnects to `/ws?run=R&seq=N` (the last event it applied) and
 * gets either a resume or a rebuild. README "Producers" has the full story.
 */

/** What a viewer holds of a numbered stream: run and last event applied. */
export interface BusCursor {
  readonly run: string;
  readonly seq: number;
}

export type BusControl =
  | { readonly kind: 'events'; readonly run: string; readonly seq: number; readonly events: unknown[] }
  | { readonly kind: 'rebuild'; readonly run: string; readonly seq: number; readonly reason: string }
  | { readonly kind: 'resume'; readonly run: string; readonly seq: number };

/** Why a bus sent its present instead of what the viewer missed. */
export const REBUILD_REASONS = {
  /** A viewer that stated no position. */
  join: 'join',
  /** The viewer's run is not this bus's: the bus restarted. */
  restarted: 'restarted',
  /** The viewer's position is older than the bus's recent ring (or ahead of it). */
  gap: 'gap',
} as const;
export type RebuildReason = keyof typeof REBUILD_REASONS;

/** The heartbeat frame: an empty array, which any deck reads as nothing. */
export const HEARTBEAT_FRAME = '[]';

/** Run ids are short printable tokens. */
const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;

function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Checks a run id and sequence, as read from a viewer's URL or a frame. */
export function readCursor(run: unknown, seq: unknown): BusCursor | undefined {
  if (typeof run !== 'string' || !RUN_ID.test(run)) return undefined;
  const n = typeof seq === 'string' && /^\d{1,16}$/.test(seq) ? Number(seq) : seq;
  return isSeq(n) ? { run, seq: n } : undefined;
}

/**
 * Reads a decoded frame value as a bus control frame, or undefined when it is
 * anything else (an event, garbage): those go the ordinary way.
 */
export function readBusControl(value: unknown): BusControl | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.bus !== 'string' || 'type' in v) return undefined;
  const cursor = readCursor(v.run, v.seq);
  if (!cursor) return undefined;
  switch (v.bus) {
    case 'events':
      return Array.isArray(v.events) ? { kind: 'events', ...cursor, events: v.events } : undefined;
    case 'rebuild':
      return {
        kind: 'rebuild',
        ...cursor,
        reason: typeof v.reason === 'string' ? v.reason.slice(0, 32) : '',
      };
    case 'resume':
      return { kind: 'resume', ...cursor };
    default:
      return undefined;
  }
}

/** The opening of a numbered frame; `events` comes last so frames are built by concatenation. */
export function eventsFramePrefix(run: string, seq: number): string {
  return `{"bus":"events","run":${JSON.stringify(run)},"seq":${seq},"events":[`;
}

/** A numbered frame of already serialized events, the first numbered `seq`. */
export function encodeEventsFrame(run: string, seq: number, serialized: readonly string[]): string {
  return `${eventsFramePrefix(run, seq)}${serialized.join(',')}]}`;
}

export function encodeRebuild(run: string, seq: number, reason: RebuildReason): string {
  return JSON.stringify({ bus: 'rebuild', run, seq, reason });
}

export function encodeResume(run: string, seq: number): string {
  return JSON.stringify({ bus: 'resume', run, seq });
}
