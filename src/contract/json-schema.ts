import { z } from 'zod/mini';
import { FleetEventSchema } from './schemas.js';

/**
 * The contract as JSON Schema (draft 2020-12), generated from the zod schemas
 * so producers in other languages validate against exactly what the deck
 * accepts. Written to `dist/events.schema.json` by the build.
 */
export function contractJsonSchema(): Record<string, unknown> {
  // The input side: what a producer may send. The output side would add
  // `additionalProperties: false`, refusing extra fields the deck ignores
  // (the contract keeps them for forward compatibility).
  const schema = z.toJSONSchema(FleetEventSchema, { target: 'draft-2020-12', io: 'input' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'events.schema.json',
    title: 'Fleet deck event',
    description:
      'One event of the fleet deck contract. A frame holds one event, an array of events, or NDJSON. ' +
      'Unknown types are ignored; unknown phase and model strings are accepted with a warning.',
  };
}
