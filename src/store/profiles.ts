import type { EventOf } from '../contract/schemas.js';

type AttackProfile = EventOf<'attack_profile'>;

/** Profiles kept; past this the one updated longest ago goes. */
export const MAX_PROFILES = 64;

export interface ProfileCurve {
  readonly name: string;
  readonly shape?: string;
  /** The curve as received. */
  readonly curve: readonly number[];
  /** The curve divided by its largest magnitude: a flat zero curve stays zero. */
  readonly normalized: readonly number[];
  readonly peak: number;
}

export interface ProfilesState {
  /** By name, in order of arrival of each name's latest event. */
  readonly byName: ReadonlyMap<string, ProfileCurve>;
}

export const emptyProfiles: ProfilesState = { byName: new Map() };

/** Rescales a curve to its own peak magnitude without dividing by zero. */
export function normalizeCurve(curve: readonly number[]): { normalized: number[]; peak: number } {
  let peak = 0;
  for (const v of curve) peak = Math.max(peak, Math.abs(v));
  return { normalized: peak > 0 ? curve.map((v) => v / peak) : curve.map(() => 0), peak };
}

/** The latest event per name replaces the earlier one. */
export function reduceProfiles(state: ProfilesState, events: readonly AttackProfile[]): ProfilesState {
  if (events.length === 0) return state;
  const byName = new Map(state.byName);
  for (const event of events) {
    const { normalized, peak } = normalizeCurve(event.curve);
    byName.delete(event.name);
    byName.set(event.name, { name: event.name, shape: event.shape, curve: event.curve, normalized, peak });
    if (byName.size > MAX_PROFILES) byName.delete(byName.keys().next().value as string);
  }
  return { byName };
}
