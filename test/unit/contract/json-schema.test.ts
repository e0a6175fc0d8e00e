import { describe, expect, it } from 'vitest';
import { contractJsonSchema } from '../../../src/contract/json-schema.js';
import { EVENT_TYPES } from '../../../src/contract/schemas.js';

describe('contractJsonSchema', () => {
  it('describes every event type with its required fields', () => {
    const schema = contractJsonSchema() as {
      oneOf?: { properties: { type: { const: string } }; required: string[] }[];
      anyOf?: unknown;
    };
    const variants = (schema.oneOf ?? schema.anyOf) as {
      properties: { type: { const: string } };
      required: string[];
    }[];
    const types = variants.map((v) => v.properties.type.const);
    expect(types.sort()).toEqual([...EVENT_TYPES].sort());
    const live = variants.find((v) => v.properties.type.const === 'live_detection')!;
    expect(live.required.sort()).toEqual(['host_id', 'predicted', 'type']);
  });
});
