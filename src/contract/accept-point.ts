import { compileShape, type FastCheck, UNSURE } from './fast-validate.js';
import { SCHEMAS_BY_TYPE } from './schemas.js';
import { isKnownPhase, PHASES } from './vocabulary.js';

/** Where `acceptPoint` puts a point's fields (undefined: the field is absent). */
export interface PointSink {
  add(
    x: number,
    y: number,
    z: number | undefined,
    phase: string | undefined,
    predicted: string | undefined,
    cluster: number | undefined,
  ): void;
}

/**
 * The embedding fields this path reads, and whether each is optional: a
 * schema with any other field, or another field optional, gets no such path.
 */
const FIELDS = {
  type: false,
  x: false,
  y: false,
  z: true,
  phase: true,
  predicted: true,
  cluster: true,
} as const;
type Field = keyof typeof FIELDS;

/** The schema's own fast checks for each field, when it has exactly these. */
function fieldChecks(): Readonly<Record<Field, FastCheck>> | undefined {
  const shape = compileShape(SCHEMAS_BY_TYPE.embedding);
  if (!shape || shape.length !== Object.keys(FIELDS).length) return undefined;
  const checks: Partial<Record<Field, FastCheck>> = {};
  for (const field of shape) {
    if (!Object.hasOwn(FIELDS, field.key) || FIELDS[field.key as Field] !== field.optional) return undefined;
    checks[field.key as Field] = field.check;
  }
  return checks as Record<Field, FastCheck>;
}

/** The schema's checks, or none: then every point takes the usual path. */
const CHECKS = fieldChecks();

/**
 * A test for "a coordinate the schema takes, in 0–1 (nothing to clamp or warn
 * of)". A compiled number check is bounds and integrality only, so when the
 * schema's check passes 0, ½ and 1 it passes every number between, and the
 * test needs no call to it: a point's fields are read a hundred thousand
 * times a second in a flood.
 */
function coordinateTest(check: FastCheck): (v: unknown) => boolean {
  const inRange = (v: unknown): boolean => typeof v === 'number' && v >= 0 && v <= 1;
  return [0, 0.5, 1].every((v) => check(v) !== UNSURE) ? inRange : (v) => inRange(v) && check(v) !== UNSURE;
}

/** Likewise a known phase: when the schema's check passes every known phase, knowing the phase is enough. */
function labelTest(check: FastCheck): (v: unknown) => boolean {
  const known = (v: unknown): boolean => typeof v === 'string' && isKnownPhase(v);
  return PHASES.every((phase) => check(phase) !== UNSURE) ? known : (v) => known(v) && check(v) !== UNSURE;
}

/** An optional field's value is absent (undefined and not even a key), or it passes `ok`. */
function absentOr(holder: object, key: string, v: unknown, ok: (v: unknown) => boolean): boolean {
  return v === undefined ? !(key in holder) : ok(v);
}

function acceptorOf(
  checks: Readonly<Record<Field, FastCheck>>,
): (candidate: unknown, sink: PointSink) => boolean {
  const isX = coordinateTest(checks.x);
  const isY = coordinateTest(checks.y);
  const isZ = coordinateTest(checks.z);
  const isPhase = labelTest(checks.phase);
  const isPredicted = labelTest(checks.predicted);
  const isCluster = (v: unknown) => checks.cluster(v) !== UNSURE;
  return (candidate, sink) => {
    if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return false;
    const c = candidate as Record<Field, unknown>;
    if (checks.type(c.type) === UNSURE) return false;
    const { x, y, z, phase, predicted, cluster } = c;
    if (!isX(x) || !isY(y)) return false;
    if (!absentOr(c, 'z', z, isZ) || !absentOr(c, 'cluster', cluster, isCluster)) return false;
    if (!absentOr(c, 'phase', phase, isPhase) || !absentOr(c, 'predicted', predicted, isPredicted))
      return false;
    sink.add(
      x as number,
      y as number,
      z as number | undefined,
      phase as string | undefined,
      predicted as string | undefined,
      cluster as number | undefined,
    );
    return true;
  };
}

/**
 * Takes `candidate` into `sink` without making an event of it, when it is an
 * embedding the contract surely accepts as it is: each field passes the
 * schema's own check, the coordinates are in 0–1 (none to clamp) and the
 * labels are known phases (no warning). Returns false for anything else
 * (another type, anything invalid or doubtful, anything to warn of), which
 * then takes the usual path (`acceptEvent`) to be accepted, warned of or
 * rejected as ever.
 *
 * A flood of points is the largest stream a deck takes, and an object per
 * point made there cost more (in garbage collection) than all the rest done
 * with the point. Each field is read once.
 */
export const acceptPoint: (candidate: unknown, sink: PointSink) => boolean = CHECKS
  ? acceptorOf(CHECKS)
  : () => false;
