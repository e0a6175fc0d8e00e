import type { z } from 'zod';
import { compileSchemas, UNSURE } from './fast-validate.js';
import { type EventType, type FleetEvent, SCHEMAS_BY_TYPE } from './schemas.js';
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

/** A string outside the vocabulary, accepted but worth telling the producer. */
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

/**
 * Validates one candidate event against the contract. Never throws. Unknown
 * types are not errors (forward compatibility) and are reported separately.
 */
export function validateEvent(candidate: unknown): Validation {
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
  const fastPath = FAST_PATHS[typeName as EventType];
  const parsed = fastPath ? fastPath(candidate) : UNSURE;
  if (parsed !== UNSURE) {
    const event = parsed as FleetEvent;
    return { kind: 'accepted', event, warnings: warningsOf(event) };
  }
  const schema = SCHEMAS_BY_TYPE[typeName as EventType];
  const result = schema.safeParse(candidate);
  if (result.success) {
    const event = result.data as FleetEvent;
    return { kind: 'accepted', event, warnings: warningsOf(event) };
  }
  const issue = result.error.issues[0]!;
  return {
    kind: 'rejected',
    rejection: {
      type: typeName,
      field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(event)',
      expected: expectedOf(issue),
      got: describeValue(valueAt(candidate, issue.path)),
    },
  };
}
