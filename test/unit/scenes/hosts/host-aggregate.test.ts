import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { phaseLabel } from '../../../../src/contract/vocabulary.js';
import { offlineFirst } from '../../../../src/scenes/hosts/host-aggregate.js';
import type { HostView } from '../../../../src/store/fleet.js';

const host = (host_id: string, online?: boolean, phase?: string, profile?: string): HostView => ({
  host_id,
  online,
  phase,
  profile,
});

/** What offlineFirst promises, written plainly: the matching hosts, a stable sort by status. */
function reference(hosts: readonly HostView[], filter: string): HostView[] {
  const q = filter.trim().toLowerCase();
  const rank = (h: HostView) => (h.online === false ? 0 : h.online === undefined ? 1 : 2);
  return hosts
    .filter(
      (h) =>
        q === '' ||
        h.host_id.toLowerCase().includes(q) ||
        (h.profile ?? '').toLowerCase().includes(q) ||
        (h.phase !== undefined && (h.phase.toLowerCase().includes(q) || phaseLabel(h.phase).includes(q))),
    )
    .map((h, i) => ({ h, i }))
    .sort((a, b) => rank(a.h) - rank(b.h) || a.i - b.i)
    .map(({ h }) => h);
}

describe('offlineFirst', () => {
  it('lists offline hosts, then those of unknown status, then online ones, each group in the given order', () => {
    const hosts = [
      host('host-1', true),
      host('host-2', false),
      host('host-3'),
      host('host-4', false),
      host('host-5', true),
    ];
    expect(offlineFirst(hosts).map((h) => h.host_id)).toEqual([
      'host-2',
      'host-4',
      'host-3',
      'host-1',
      'host-5',
    ]);
  });

  it('keeps only the hosts whose id, profile or phase matches the filter, in the same order', () => {
    const hosts = [
      host('web-1', true, 'clean', 'ransomware'),
      host('db-1', false, 'infected_running', 'miner'),
      host('web-2', false, 'armed', 'miner'),
    ];
    expect(offlineFirst(hosts, '  WEB ').map((h) => h.host_id)).toEqual(['web-2', 'web-1']);
    expect(offlineFirst(hosts, 'miner').map((h) => h.host_id)).toEqual(['db-1', 'web-2']);
    expect(offlineFirst(hosts, 'nothing')).toEqual([]);
  });

  it('agrees with a stable sort of the matching hosts for any fleet and filter', () => {
    const arbHost = fc.record({
      host_id: fc.stringMatching(/^[a-c]{0,2}-[0-9]{1,2}$/),
      online: fc.option(fc.boolean(), { nil: undefined }),
      phase: fc.option(fc.constantFrom('clean', 'armed', 'dormant', 'Odd'), { nil: undefined }),
      profile: fc.option(fc.constantFrom('miner', 'worm'), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(arbHost, { maxLength: 60 }),
        fc.constantFrom('', 'a', 'b-1', 'min', ' ARM', 'x'),
        (hosts, filter) => {
          const got = offlineFirst(hosts, filter);
          const want = reference(hosts, filter);
          // The same objects in the same order, not just equal ones.
          expect(got.length).toBe(want.length);
          for (const [i, h] of got.entries()) expect(h).toBe(want[i]);
        },
      ),
    );
  });
});
