import { describe, expect, it } from 'vitest';
import type { EventOf } from '../../../src/contract/schemas.js';
import { emptyFleet, fleetHosts, hostsOnline, recordingNow, reduceFleet } from '../../../src/store/fleet.js';

type Snapshot = EventOf<'snapshot'>;
type Episode = EventOf<'episode'>;

const snapshot = (hosts: Snapshot['hosts'], extra: Partial<Snapshot> = {}): Snapshot => ({
  type: 'snapshot',
  hosts,
  totals: { episodes: 0, windows: 0, samples: 0 },
  ...extra,
});

const episode = (
  id: string,
  host: string,
  status: Episode['status'],
  extra: Partial<Episode> = {},
): Episode => ({
  type: 'episode',
  episode_id: id,
  host_id: host,
  profile: 'bursty-c2',
  status,
  ...extra,
});

describe('hostsOnline', () => {
  it('is undefined before a snapshot and counts online hosts after', () => {
    expect(hostsOnline(emptyFleet)).toBeUndefined();
    const state = reduceFleet(
      emptyFleet,
      [
        snapshot([
          { host_id: 'a', online: true },
          { host_id: 'b', online: false },
          { host_id: 'c', online: true },
        ]),
      ],
      0,
    );
    expect(hostsOnline(state)).toEqual({ online: 2, total: 3 });
  });
});

describe('fleetHosts', () => {
  it('sorts ids numerically and keeps the snapshot fields', () => {
    const state = reduceFleet(
      emptyFleet,
      [
        snapshot([
          { host_id: 'host-10', online: true, phase: 'armed', profile: 'p', episodes: 4 },
          { host_id: 'host-2', online: false, phase: 'dormant' },
        ]),
      ],
      1000,
    );
    const hosts = fleetHosts(state, 1000);
    expect(hosts.map((h) => h.host_id)).toEqual(['host-2', 'host-10']);
    expect(hosts[1]).toMatchObject({ online: true, phase: 'armed', profile: 'p', episodes: 4 });
    expect(hosts[0]).toMatchObject({ online: false, phase: 'dormant' });
  });

  it('measures last seen on the producer clock and keeps ticking after the snapshot', () => {
    // The producer's clock is far from the viewer's: t_wall 5000 s, viewer at 1 ms.
    const state = reduceFleet(
      emptyFleet,
      [snapshot([{ host_id: 'a', online: true, last_seen: 4990 }], { t_wall: 5000 })],
      1,
    );
    expect(fleetHosts(state, 1)[0]!.lastSeenAgoS).toBeCloseTo(10, 6);
    expect(fleetHosts(state, 30_001)[0]!.lastSeenAgoS).toBeCloseTo(40, 6);
  });

  it('uses the viewer clock when the snapshot has no t_wall, never negative', () => {
    const state = reduceFleet(
      emptyFleet,
      [snapshot([{ host_id: 'a', online: true, last_seen: 95 }])],
      100_000,
    );
    expect(fleetHosts(state, 100_000)[0]!.lastSeenAgoS).toBeCloseTo(5, 6);
    const future = reduceFleet(
      emptyFleet,
      [snapshot([{ host_id: 'a', online: true, last_seen: 200 }])],
      100_000,
    );
    expect(fleetHosts(future, 100_000)[0]!.lastSeenAgoS).toBe(0);
  });

  it('lists hosts that only episodes name, with phase, profile, completed count and age', () => {
    let state = reduceFleet(
      emptyFleet,
      [episode('e1', 'solo', 'complete', { phases: [{ phase: 'clean', start_s: 0, end_s: 60 }] })],
      1000,
    );
    state = reduceFleet(
      state,
      [
        episode('e2', 'solo', 'recording', {
          profile: 'worm-scan',
          phases: [
            { phase: 'clean', start_s: 0, end_s: 10 },
            { phase: 'infecting', start_s: 10, end_s: 20 },
          ],
        }),
      ],
      2000,
    );
    const [solo] = fleetHosts(state, 7000);
    expect(solo).toEqual({
      host_id: 'solo',
      phase: 'infecting',
      profile: 'worm-scan',
      episodes: 1,
      lastSeenAgoS: 5,
      recording: 'e2',
    });
  });

  it("fills a snapshot host's missing phase from its recording episode", () => {
    const state = reduceFleet(
      emptyFleet,
      [
        episode('e1', 'a', 'recording', { phases: [{ phase: 'armed', start_s: 0, end_s: 10 }] }),
        snapshot([{ host_id: 'a', online: true }]),
      ],
      0,
    );
    expect(fleetHosts(state, 0)[0]).toMatchObject({ online: true, phase: 'armed', profile: 'bursty-c2' });
  });
});

describe('recordingNow', () => {
  it('returns the episode recording per host, sorted by host', () => {
    const state = reduceFleet(
      emptyFleet,
      [
        episode('e1', 'h-10', 'recording'),
        episode('e2', 'h-9', 'recording'),
        episode('e3', 'h-1', 'recording'),
        episode('e3', 'h-1', 'complete'),
      ],
      0,
    );
    expect(recordingNow(state).map((e) => e.episode_id)).toEqual(['e2', 'e1']);
  });
});
