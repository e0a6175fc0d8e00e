import type { EventType, FleetEvent } from '../contract/schemas.js';

/**
 * `events` grouped by `keyOf` of their type, in order within each group.
 *
 * `keyOf` runs only where the type changes: a frame is mostly runs of one
 * type, and two keyed lookups per event were a sizeable share of ingest at
 * 10,000 events a frame. A batch of one type (a flood's frame, as a rule) is
 * its own group, not copied: at 100,000 points a second the copies were
 * arrays of tens of thousands grown by push, twice per batch.
 */
export function groupEvents<K>(
  events: readonly FleetEvent[],
  keyOf: (type: EventType) => K,
): Map<K, readonly FleetEvent[]> {
  const groups = new Map<K, readonly FleetEvent[]>();
  const first = events[0];
  if (first === undefined) return groups;
  if (events.every((event) => event.type === first.type)) {
    groups.set(keyOf(first.type), events);
    return groups;
  }
  let type: EventType | undefined;
  let group: FleetEvent[] = [];
  for (const event of events) {
    if (event.type !== type) {
      type = event.type;
      const key = keyOf(type);
      group = (groups.get(key) as FleetEvent[] | undefined) ?? [];
      groups.set(key, group);
    }
    group.push(event);
  }
  return groups;
}
