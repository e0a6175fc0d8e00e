import type { z } from 'zod/mini';
import { compileSchemas, UNSURE } from './fast-validate.js';
import { type EventType, type FleetEvent, SCHEMAS_BY_TYPE, UNIT_TOLERANCE } from './schemas.js';
import { isKnownModel, isKnownPhase } from './vocabulary.js';

/** Why an event was rejected: which field, what the contract expects, what came. */
export interface Rejection {
  /** The event's `type`, or `"?"` when it had none. */
  readonly type: string;
  /** Dotted path of the offending field, `"type"` or `"(event)"` for the whole. */
  readonly field: string;
  readonly expected: string;
  /** A short, printable description of the value received (never markup). */
  readonly got: string;
}

/**
 * Something accepted but worth telling the producer: a string outside the
 * vocabulary (`value` is the string), or a fraction a hair outside 0–1 that
 * was clamped (`value` says from what to what, e.g. `1.0000000000000002 → 1`).
 */
export interface VocabularyWarning {
  readonly type: string;
  readonly field: string;
  readonly value: string;
}

export type Validation =
  | { readonly kind: 'accepted'; readonly event: FleetEvent; readonly warnings: readonly VocabularyWarning[] }
  | { readonly kind: 'rejected'; readonly rejection: Rejection }
  | { readonly kind: 'unknown_type'; readonly typeName: string };

const NO_WARNINGS: readonly VocabularyWarning[] = Object.freeze([]);
/** Closures compiled from the schemas that accept what is surely valid; zod decides the rest. */
const FAST_PATHS = compileSchemas(SCHEMAS_BY_TYPE);

/** A short, safe description of any value, for diagnostics. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'absent';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array(${value.length})`;
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'object';
    default:
      return typeof value;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Object.hasOwn(cur, key) ? (cur as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return cur;
}

function expectedOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'too_small':
      return issue.origin === 'string'
        ? 'non-empty string'
        : `${issue.origin} ${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}`;
    case 'too_big':
      return `${issue.origin} ${issue.inclusive === false ? '<' : '≤'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_key': {
      // The field is the key itself; say what a key must be (the value there is not the problem).
      const inner = issue.issues[0];
      return inner ? `a ${issue.origin} key: ${expectedOf(inner)}` : `a valid ${issue.origin} key`;
    }
    default:
      return issue.message;
  }
}

function addWarning(
  warnings: VocabularyWarning[] | undefined,
  type: string,
  field: string,
  value: string,
): VocabularyWarning[] {
  const list = warnings ?? [];
  list.push({ type, field, value });
  return list;
}

/**
 * Labels outside the vocabulary. Runs on every accepted event, so the fields
 * are read by name (not through a loop over field names, a keyed load across
 * every event shape) and nothing is allocated when all is known.
 */
function warningsOf(event: FleetEvent): readonly VocabularyWarning[] {
  const type = event.type;
  const fields = event as { phase?: unknown; predicted?: unknown; actual?: unknown; model?: unknown };
  let warnings: VocabularyWarning[] | undefined;
  const { phase, predicted, actual, model } = fields;
  if (typeof phase === 'string' && !isKnownPhase(phase))
    warnings = addWarning(warnings, type, 'phase', phase);
  if (typeof predicted === 'string' && !isKnownPhase(predicted))
    warnings = addWarning(warnings, type, 'predicted', predicted);
  if (typeof actual === 'string' && !isKnownPhase(actual))
    warnings = addWarning(warnings, type, 'actual', actual);
  if (typeof model === 'string' && !isKnownModel(model))
    warnings = addWarning(warnings, type, 'model', model);
  if (event.type === 'snapshot') {
    for (const host of event.hosts)
      if (host.phase !== undefined && !isKnownPhase(host.phase))
        warnings = addWarning(warnings, type, 'hosts.phase', host.phase);
  } else if (event.type === 'episode' && event.phases) {
    for (const span of event.phases)
      if (!isKnownPhase(span.phase)) warnings = addWarning(warnings, type, 'phases.phase', span.phase);
  } else if (event.type === 'phase_mix') {
    for (const key of Object.keys(event.mix))
      if (!isKnownPhase(key)) warnings = addWarning(warnings, type, 'mix', key);
  }
  return warnings ?? NO_WARNINGS;
}

/** The largest value a 0–1 field accepts (UNIT_TOLERANCE above 1): how its too_big issue is recognised. */
const UNIT_MAX = 1 + UNIT_TOLERANCE;
/** A percentage is at most this: above it no "did you mean" is offered. */
const PERCENT_MAX = 100;

/** A tolerated value clamped into 0–1, with its warning. */
function clampUnit(
  holder: Record<string, unknown>,
  key: string,
  type: string,
  warnings: VocabularyWarning[] | undefined,
): VocabularyWarning[] | undefined {
  const v = holder[key];
  if (typeof v !== 'number' || (v >= 0 && v <= 1)) return warnings;
  const clamped = v < 0 ? 0 : 1;
  holder[key] = clamped;
  return addWarning(warnings, type, key, `${String(v)} → ${clamped} (clamped)`);
}

/**
 * Clamps the 0–1 fields of an accepted event that came within UNIT_TOLERANCE
 * outside the range (the schemas let them through). The event is the
 * validator's own copy, so it is written in place.
 */
function clampUnits(event: FleetEvent, warnings: readonly VocabularyWarning[]): readonly VocabularyWarning[] {
  let extra: VocabularyWarning[] | undefined;
  const fields = event as unknown as Record<string, unknown>;
  switch (event.type) {
    case 'embedding':
      extra = clampUnit(fields, 'x', event.type, extra);
      extra = clampUnit(fields, 'y', event.type, extra);
      extra = clampUnit(fields, 'z', event.type, extra);
      break;
    case 'model_metric':
    case 'model_perf':
      extra = clampUnit(fields, 'accuracy', event.type, extra);
      break;
    case 'live_detection':
      extra = clampUnit(fields, 'confidence', event.type, extra);
      break;
    default:
      return warnings;
  }
  return extra === undefined ? warnings : [...warnings, ...extra];
}

function accept(event: FleetEvent): Validation {
  return { kind: 'accepted', event, warnings: clampUnits(event, warningsOf(event)) };
}

/**
 * What a rejected 0–1 field expected. A value in (1, 100] is most likely a
 * percentage: the hint names the fraction meant (92.8 → 0.928).
 */
function expectedFraction(value: unknown): string {
  if (typeof value === 'number' && value > 1 && value <= PERCENT_MAX) {
    return `a fraction 0–1; did you mean ${String(Number((value / 100).toPrecision(12)))}?`;
  }
  return 'a fraction 0–1';
}

function isUnitIssue(issue: z.core.$ZodIssue): boolean {
  return (
    (issue.code === 'too_big' && issue.origin === 'number' && issue.maximum === UNIT_MAX) ||
    (issue.code === 'too_small' && issue.origin === 'number' && issue.minimum === -UNIT_TOLERANCE)
  );
}

/**
 * The event as the contract accepts it, where the fast path is sure it is
 * valid (before clamping and warnings); undefined where zod must decide.
 */
function fastParse(candidate: unknown): FleetEvent | undefined {
  if (candidate === null || typeof candidate !== 'object') return undefined;
  const typeName = (candidate as { type?: unknown }).type;
  if (typeof typeName !== 'string' || !Object.hasOwn(FAST_PATHS, typeName)) return undefined;
  const parsed = FAST_PATHS[typeName as EventType]!(candidate);
  return parsed === UNSURE ? undefined : (parsed as FleetEvent);
}

/** validateEvent for what the fast path was not sure of: zod decides and describes. */
function validateSlowly(candidate: unknown): Validation {
  if (candidate === null || typeof candidate !== 'object' || Array.isArray(candidate)) {
    return {
      kind: 'rejected',
      rejection: { type: '?', field: '(event)', expected: 'object', got: describeValue(candidate) },
    };
  }
  const typeName = (candidate as { type?: unknown }).type;
  if (typeof typeName !== 'string') {
    return {
      kind: 'rejected',
      rejection: { type: '?', field: 'type', expected: 'string', got: describeValue(typeName) },
    };
  }
  if (!Object.hasOwn(SCHEMAS_BY_TYPE, typeName)) return { kind: 'unknown_type', typeName };
  const schema = SCHEMAS_BY_TYPE[typeName as EventType];
  const result = schema.safeParse(candidate);
  if (result.success) return accept(result.data as FleetEvent);
  const issue = result.error.issues[0]!;
  const got = valueAt(candidate, issue.path);
  return {
    kind: 'rejected',
    rejection: {
      type: typeName,
      field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(event)',
      expected: isUnitIssue(issue) ? expectedFraction(got) : expectedOf(issue),
      got: describeValue(got),
    },
  };
}

/**
 * Validates one candidate event against the contract. Never throws. Unknown
 * types are not errors (forward compatibility) and are reported separately.
 */
export function validateEvent(candidate: unknown): Validation {
  const parsed = fastParse(candidate);
  return parsed ? accept(parsed) : validateSlowly(candidate);
}

/**
 * Validates every candidate as `validateEvent` does and returns the accepted
 * events in order; each other outcome (a rejection, an unknown type, an
 * accepted event that carries warnings) goes to `report`. An event accepted
 * without warnings costs nothing but its own copy: the bus takes every event
 * through here, and a result object per event was a good share of a flood's
 * garbage.
 */
export function acceptEvents(
  candidates: readonly unknown[],
  report: (outcome: Validation) => void,
): FleetEvent[] {
  const accepted: FleetEvent[] = [];
  for (const candidate of candidates) {
    const event = acceptEvent(candidate, report);
    if (event) accepted.push(event);
  }
  return accepted;
}

/** One candidate as `acceptEvents` takes it: the accepted event, or undefined; other outcomes go to `report`. */
export function acceptEvent(
  candidate: unknown,
  report: (outcome: Validation) => void,
): FleetEvent | undefined {
  const parsed = fastParse(candidate);
  if (parsed) {
    const warnings = clampUnits(parsed, warningsOf(parsed));
    if (warnings.length > 0) report({ kind: 'accepted', event: parsed, warnings });
    return parsed;
  }
  const outcome = validateSlowly(candidate);
  if (outcome.kind !== 'accepted' || outcome.warnings.length > 0) report(outcome);
  return outcome.kind === 'accepted' ? outcome.event : undefined;
}
