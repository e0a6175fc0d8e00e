import type { z } from 'zod/mini';

/**
 * A fast path for validation, compiled from the zod schemas themselves (so
 * the schemas stay the one source of truth) into plain closures: no `eval`,
 * so it runs under the page's CSP, where zod itself must run jitless.
 *
 * Zod's jitless parser builds a payload and an issue list per field and runs
 * each check through a generic dispatcher; for the event mix of a busy fleet
 * that was most of the cost of ingest. The closures here only answer "surely
 * valid" and build the same output zod would (a fresh object, the shape's
 * keys in the shape's order, unknown keys stripped). Whenever they are not
 * sure — anything invalid, and edge cases zod measures differently (strings
 * near a length bound, counted in code points; a record that may not be a
 * plain object) — they answer `UNSURE` and zod decides, and describes the
 * rejection. A schema using anything this compiler does not know (a refine, a
 * transform, another type or check) gets no fast path at all.
 */

/** "Ask zod": the value is invalid, or this fast path cannot be sure it is valid. */
export const UNSURE: unique symbol = Symbol('unsure');

/** The parsed value as zod would return it, or UNSURE. */
export type FastCheck = (value: unknown) => unknown;

type AnySchema = z.core.$ZodType;

interface CheckDef {
  readonly check: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly value?: unknown;
  readonly inclusive?: boolean;
  readonly format?: string;
}

interface SchemaDef {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly coerce?: boolean;
  readonly shape?: Readonly<Record<string, AnySchema>>;
  readonly catchall?: AnySchema;
  readonly innerType?: AnySchema;
  readonly element?: AnySchema;
  readonly keyType?: AnySchema;
  readonly valueType?: AnySchema;
  readonly values?: readonly unknown[];
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly mode?: string;
}

function defOf(schema: AnySchema): SchemaDef {
  return schema._zod.def as unknown as SchemaDef;
}

function checksOf(def: SchemaDef): CheckDef[] {
  return (def.checks ?? []).map((c) => c._zod.def);
}

/** Length bounds from min_length / max_length checks; undefined if any other check is present. */
function lengthBounds(checks: readonly CheckDef[]): { min: number; max: number } | undefined {
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  for (const c of checks) {
    if (c.check === 'min_length' && typeof c.minimum === 'number') min = Math.max(min, c.minimum);
    else if (c.check === 'max_length' && typeof c.maximum === 'number') max = Math.min(max, c.maximum);
    else return undefined;
  }
  return { min, max };
}

function compileString(def: SchemaDef): FastCheck | undefined {
  const bounds = lengthBounds(checksOf(def));
  if (!bounds) return undefined;
  const { max } = bounds;
  // Zod counts code points; a string has between length/2 and length of them. A string
  // within `max` UTF-16 units is within `max` code points; at least one unit is at least
  // one code point, and twice the minimum in units is surely the minimum in code points.
  const surelyLongEnough = bounds.min <= 1 ? bounds.min : bounds.min * 2;
  return (value) =>
    typeof value === 'string' && value.length <= max && value.length >= surelyLongEnough ? value : UNSURE;
}

function compileNumber(def: SchemaDef): FastCheck | undefined {
  let lo = Number.NEGATIVE_INFINITY;
  let loInclusive = true;
  let hi = Number.POSITIVE_INFINITY;
  let hiInclusive = true;
  let integer = false;
  for (const c of checksOf(def)) {
    if (c.check === 'greater_than' && typeof c.value === 'number') {
      if (c.value > lo || (c.value === lo && !c.inclusive)) {
        lo = c.value;
        loInclusive = c.inclusive === true;
      }
    } else if (c.check === 'less_than' && typeof c.value === 'number') {
      if (c.value < hi || (c.value === hi && !c.inclusive)) {
        hi = c.value;
        hiInclusive = c.inclusive === true;
      }
    } else if (c.check === 'number_format' && c.format === 'safeint') integer = true;
    else return undefined;
  }
  return (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return UNSURE;
    if (loInclusive ? value < lo : value <= lo) return UNSURE;
    if (hiInclusive ? value > hi : value >= hi) return UNSURE;
    if (integer && !Number.isSafeInteger(value)) return UNSURE;
    return value;
  };
}

function compileSet(values: readonly unknown[]): FastCheck {
  const set = new Set(values);
  return (value) => (set.has(value) ? value : UNSURE);
}

function compileArray(def: SchemaDef): FastCheck | undefined {
  const bounds = lengthBounds(checksOf(def));
  const element = def.element && compileSchema(def.element);
  if (!bounds || !element) return undefined;
  const { min, max } = bounds;
  return (value) => {
    if (!Array.isArray(value) || value.length < min || value.length > max) return UNSURE;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = element(value[i]);
      if (item === UNSURE) return UNSURE;
      out[i] = item;
    }
    return out;
  };
}

/** One field of an object schema: its fast check (of the inner type, when optional). */
export interface FastField {
  readonly key: string;
  readonly optional: boolean;
  readonly check: FastCheck;
}

function compileFields(def: SchemaDef): FastField[] | undefined {
  if (def.catchall !== undefined || checksOf(def).length > 0 || !def.shape) return undefined;
  const shape = def.shape;
  const keys = Object.keys(shape);
  if (Object.getOwnPropertySymbols(shape).length > 0 || keys.includes('__proto__')) return undefined;
  const fields: FastField[] = [];
  for (const key of keys) {
    let field = shape[key]!;
    const optional = defOf(field).type === 'optional';
    if (optional) field = defOf(field).innerType!;
    const check = compileSchema(field);
    if (!check) return undefined;
    fields.push({ key, optional, check });
  }
  return fields;
}

/**
 * The fast checks of an object schema's fields, in the shape's order, or
 * undefined when it uses something this compiler does not know: for a
 * reader that takes the fields somewhere other than a fresh object.
 */
export function compileShape(schema: AnySchema): readonly FastField[] | undefined {
  const def = defOf(schema);
  return def.type === 'object' ? compileFields(def) : undefined;
}

function compileObject(def: SchemaDef): FastCheck | undefined {
  const compiled = compileFields(def);
  if (!compiled) return undefined;
  const keys = compiled.map((f) => f.key);
  const optional = compiled.map((f) => f.optional);
  const fields = compiled.map((f) => f.check);
  const n = keys.length;
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return UNSURE;
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      const v = input[key];
      if (v === undefined) {
        if (!optional[i]) return UNSURE;
        // Zod keeps an optional key that is present with the value undefined.
        if (key in input) out[key] = undefined;
        continue;
      }
      const parsed = fields[i]!(v);
      if (parsed === UNSURE) return UNSURE;
      out[key] = parsed;
    }
    return out;
  };
}

function compileRecord(def: SchemaDef): FastCheck | undefined {
  if (!def.keyType || !def.valueType || checksOf(def).length > 0) return undefined;
  if (def.mode !== undefined && def.mode !== 'strict') return undefined;
  const keyDef = defOf(def.keyType);
  if (keyDef.type !== 'string' || keyDef.coerce) return undefined;
  const key = compileString(keyDef);
  const item = compileSchema(def.valueType);
  if (!key || !item) return undefined;
  return (value) => {
    if (typeof value !== 'object' || value === null) return UNSURE;
    // Only the plainest objects: zod's notion of a plain object has corners not worth copying.
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return UNSURE;
    if (Object.hasOwn(value, 'constructor') || Object.hasOwn(value, '__proto__')) return UNSURE;
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Reflect.ownKeys(input)) {
      if (typeof k !== 'string' || !Object.prototype.propertyIsEnumerable.call(input, k)) return UNSURE;
      if (key(k) === UNSURE) return UNSURE;
      const parsed = item(input[k]);
      if (parsed === UNSURE) return UNSURE;
      out[k] = parsed;
    }
    return out;
  };
}

/**
 * The fast path for `schema`, or undefined when it uses something this
 * compiler does not know (then zod alone validates it).
 */
export function compileSchema(schema: AnySchema): FastCheck | undefined {
  const def = defOf(schema);
  if (def.coerce) return undefined;
  switch (def.type) {
    case 'string':
      return compileString(def);
    case 'number':
      return compileNumber(def);
    case 'boolean':
      return checksOf(def).length === 0
        ? (value) => (typeof value === 'boolean' ? value : UNSURE)
        : undefined;
    case 'literal':
      return checksOf(def).length === 0 && def.values ? compileSet(def.values) : undefined;
    case 'enum':
      return checksOf(def).length === 0 && def.entries ? compileSet(Object.values(def.entries)) : undefined;
    case 'array':
      return compileArray(def);
    case 'object':
      return compileObject(def);
    case 'record':
      return compileRecord(def);
    default:
      // optional is handled by the object holding it; anything else is zod's alone
      return undefined;
  }
}

/** Fast paths per key of `schemas`, for those that compile. */
export function compileSchemas<K extends string>(
  schemas: Readonly<Record<K, AnySchema>>,
): Partial<Record<K, FastCheck>> {
  const out: Partial<Record<K, FastCheck>> = {};
  for (const name of Object.keys(schemas) as K[]) {
    const check = compileSchema(schemas[name]);
    if (check) out[name] = check;
  }
  return out;
}
