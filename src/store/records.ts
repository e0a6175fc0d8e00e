/**
 * Counting by producer-supplied keys. A phase label such as `__proto__` must
 * count like any other string and never reach a prototype, so counts live in
 * prototype-less objects and are read with `Object.hasOwn`.
 */

/** A fresh, prototype-less record. */
export function countRecord(): Record<string, number> {
  return Object.create(null) as Record<string, number>;
}

/** The count under `key`, 0 when absent, never an inherited value. */
export function countOf(record: Readonly<Record<string, number>>, key: string): number {
  return Object.hasOwn(record, key) ? record[key]! : 0;
}
