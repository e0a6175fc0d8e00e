import { describe, expect, it } from 'vitest';
import { FleetBus } from '../../src/bus/fleet-bus.js';
import { FleetSimulator } from '../../src/sim/fleet-sim.js';

describe('pipeline smoke', () => {
  it('simulator events are all accepted by the bus', () => {
    const sim = new FleetSimulator({ seed: 3, hosts: 5 });
    const bus = new FleetBus({ now: () => 0, schedule: () => {} });
    let sent = 0;
    let accepted = 0;
    for (let t = 0; t <= 120_000; t += 100) {
      const events = sim.tick(1_700_000_000_000 + t);
      sent += events.length;
      accepted += bus.publish(JSON.parse(JSON.stringify(events)));
    }
    expect(bus.diagnostics.lastRejections).toEqual([]);
    expect(accepted).toBe(sent);
    expect(bus.diagnostics.vocabularyWarnings).toBe(0);
    const types = [...bus.diagnostics.acceptedByType.keys()].sort();
    expect(types).toEqual([
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
  });
});
