import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FleetBus } from '../../../src/bus/fleet-bus.js';
import { parseRecording } from '../../../src/bus/replay-source.js';

const FILE = resolve('public/sample-recording.ndjson');

describe('the sample recording shipped with the site', () => {
  it('is small, paced over 30–60 s, and entirely valid', () => {
    expect(statSync(FILE).size).toBeLessThan(256 * 1024);
    const recording = parseRecording(readFileSync(FILE, 'utf8'));
    expect(recording.garbage).toBe(0);
    const last = recording.lines[recording.lines.length - 1]!.t;
    expect(last).toBeGreaterThanOrEqual(30_000);
    expect(last).toBeLessThanOrEqual(60_000);
    const bus = new FleetBus({ schedule: () => {} });
    expect(bus.publish(recording.lines.map((l) => l.event))).toBe(recording.lines.length);
    expect(bus.diagnostics.rejected + bus.diagnostics.unknown + bus.diagnostics.vocabularyWarnings).toBe(0);
    // It feeds every scene the simulator feeds.
    expect([...bus.diagnostics.acceptedByType.keys()].sort()).toEqual([
      'attack_profile',
      'embedding',
      'episode',
      'live_detection',
      'model_metric',
      'model_perf',
      'phase',
      'prediction',
      'snapshot',
    ]);
    expect(bus.state.predictions.cells.filter(Boolean)).toHaveLength(6);
  });
});
