import type { FleetEvent } from '../src/contract/schemas.js';
import { type Rejection, validateEvent } from '../src/contract/validate.js';
import { decodeFrame } from '../src/contract/wire.js';

/** One problem in a refused `/publish` body (the same shape the local bus answers with). */
export interface BodyProblem extends Partial<Rejection> {
  /** Position of the event in the body (0-based), when it concerns one event. */
  readonly index?: number;
  readonly field: string;
  readonly expected: string;
  readonly got: string;
}

/** A body that passed: the events, in order; unknown types are kept for forward compatibility. */
export interface CheckedBody {
  readonly events: readonly FleetEvent[];
  /** Events of types this deck does not know, as sent. */
  readonly unknown: readonly unknown[];
}

/** Problems listed in a 400 answer; the rest are counted. */
const MAX_PROBLEMS = 50;

/**
 * Decodes and validates a `/publish` body (one JSON event, an array, or
 * NDJSON; Python's `NaN` reads as absent) with the deck's own contract code.
 * All or nothing: one invalid event refuses the body, with a list of what is
 * wrong, as the local bus does.
 */
export function checkPublishBody(body: string, maxBytes: number): CheckedBody | { problems: BodyProblem[] } {
  const frame = decodeFrame(body, { maxBytes });
  if (frame.dropped || frame.garbage > 0) {
    return {
      problems: [
        {
          field: '(body)',
          expected: 'one JSON event object, a JSON array of events, or NDJSON',
          got: frame.dropped === 'empty' ? 'an empty body' : (frame.detail ?? 'unreadable JSON'),
        },
      ],
    };
  }
  const events: FleetEvent[] = [];
  const unknown: unknown[] = [];
  const problems: BodyProblem[] = [];
  let more = 0;
  frame.candidates.forEach((candidate, index) => {
    const result = validateEvent(candidate);
    if (result.kind === 'accepted') events.push(result.event);
    else if (result.kind === 'unknown_type') unknown.push(candidate);
    else if (problems.length < MAX_PROBLEMS) problems.push({ index, ...result.rejection });
    else more++;
  });
  if (more > 0) problems.push({ field: '(body)', expected: 'valid events', got: `${more} more invalid` });
  return problems.length > 0 ? { problems } : { events, unknown };
}
