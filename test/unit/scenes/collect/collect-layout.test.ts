import { describe, expect, it } from 'vitest';
import {
  countRecording,
  DEFAULT_EPISODE_S,
  episodeAxisS,
  MAX_ROW_PX,
  MIN_ROW_PX,
  recordingRow,
  rowMetrics,
} from '../../../../src/scenes/collect/collect-layout.js';
import { labelledUntil, stripSegments } from '../../../../src/scenes/shared/phase-bar.js';
import { type EpisodeRecord, emptyFleet, MAX_EPISODES, reduceFleet } from '../../../../src/store/fleet.js';

const record = (extra: Partial<EpisodeRecord> = {}): EpisodeRecord => ({
  type: 'episode',
  episode_id: 'e',
  host_id: 'h',
  profile: 'p',
  status: 'recording',
  updated: 10_000,
  phases: [
    { phase: 'clean', start_s: 0, end_s: 12 },
    { phase: 'armed', start_s: 12, end_s: 30 },
  ],
  ...extra,
});

describe('stripSegments', () => {
  it('lays spans as fractions of the axis, clamped, dropping empty ones', () => {
    expect(
      stripSegments(
        [
          { phase: 'clean', start_s: 0, end_s: 15 },
          { phase: 'armed', start_s: 15, end_s: 15 },
          { phase: 'dormant', start_s: 45, end_s: 90 },
        ],
        60,
      ),
    ).toEqual([
      { phase: 'clean', left: 0, width: 0.25 },
      { phase: 'dormant', left: 0.75, width: 0.25 },
    ]);
    expect(stripSegments(undefined, 60)).toEqual([]);
    expect(stripSegments([{ phase: 'clean', start_s: 0, end_s: 1 }], 0)).toEqual([]);
    expect(labelledUntil(record().phases)).toBe(30);
  });
});

describe('episodeAxisS', () => {
  it('uses the stated length, the default without one, and stretches for an episode that runs long', () => {
    expect(episodeAxisS([record()], [])).toBe(DEFAULT_EPISODE_S);
    expect(episodeAxisS([record()], [record({ duration_s: 90, status: 'complete' })])).toBe(90);
    const long = record({ phases: [{ phase: 'clean', start_s: 0, end_s: 75 }] });
    expect(episodeAxisS([long], [])).toBe(75);
  });
});

describe('recordingRow', () => {
  it('grows the unlabelled tail with time since the update, capped at the axis', () => {
    const r = record();
    const at = (ms: number) => recordingRow(r, ms, 60);
    expect(at(10_000).tail).toEqual({ from: 0.5, to: 0.5, phase: 'armed' });
    expect(at(16_000).tail.to).toBeCloseTo(0.6, 9);
    expect(at(16_000).elapsedS).toBeCloseTo(36, 9);
    expect(at(100_000).tail.to).toBe(1);
    // A clock behind the update (skew) never shrinks the labelled part.
    expect(at(5_000).tail.to).toBe(0.5);
    expect(at(10_000).segments.map((s) => s.phase)).toEqual(['clean', 'armed']);
  });
});

describe('rowMetrics', () => {
  it('makes rows as tall as fit, within bounds, and says when the box must scroll', () => {
    expect(rowMetrics(5, 600)).toMatchObject({ rowHeight: MAX_ROW_PX, spanLabels: true, scrolls: false });
    expect(rowMetrics(20, 600)).toMatchObject({ rowHeight: 30, spanLabels: false, scrolls: false });
    expect(rowMetrics(200, 600)).toMatchObject({ rowHeight: MIN_ROW_PX, scrolls: true });
    expect(rowMetrics(0, 600).scrolls).toBe(false);
  });
});

describe('countRecording', () => {
  // More hosts recording than the store keeps episode records for: the oldest records are gone.
  const hosts = MAX_EPISODES + 100;
  const profile = (i: number) => (i % 2 === 0 ? 'bursty-c2' : 'slow-exfil');
  let fleet = reduceFleet(
    emptyFleet,
    [
      {
        type: 'snapshot',
        hosts: Array.from({ length: hosts }, (_, i) => ({
          host_id: `host-${i}`,
          online: true,
          profile: profile(i),
        })),
        totals: { episodes: 0, windows: 0, samples: 0 },
      },
    ],
    0,
  );
  fleet = reduceFleet(
    fleet,
    Array.from({ length: hosts }, (_, i) => ({
      type: 'episode' as const,
      episode_id: `ep-${i}`,
      host_id: `host-${i}`,
      profile: profile(i),
      status: 'recording' as const,
    })),
    1,
  );

  it('counts every host recording, not only the episode records held', () => {
    expect(fleet.episodes.size).toBe(MAX_EPISODES);
    expect(countRecording(fleet)).toBe(hosts);
    expect(countRecording(fleet, '  ')).toBe(hosts);
  });

  it('matches host id, episode id and profile, a gone record by the snapshot profile', () => {
    // host-5, host-50…59, host-500…599: 111 hosts, host-5 and host-50…59 with no record left.
    expect(fleet.episodes.has('ep-5')).toBe(false);
    expect(countRecording(fleet, 'HOST-5')).toBe(111);
    expect(countRecording(fleet, 'ep-61')).toBe(countRecording(fleet, 'host-61'));
    expect(countRecording(fleet, 'slow-exfil')).toBe(hosts / 2);
    expect(countRecording(fleet, 'no such host')).toBe(0);
  });
});
