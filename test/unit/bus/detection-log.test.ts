import { describe, expect, it } from 'vitest';
import { DetectionLog } from '../../../src/bus/detection-log.js';
import type { EventOf } from '../../../src/contract/schemas.js';

type LiveDetection = EventOf<'live_detection'>;

const PHASES = ['clean', 'armed', 'infecting', 'infected_running', 'dormant'] as const;

/** Detection `i`, its optional fields present or absent by turns, with a distinct episode id each. */
function detection(i: number): LiveDetection {
  const event: LiveDetection = {
    type: 'live_detection',
    host_id: `host-${i % 37}`,
    predicted: PHASES[i % 5]!,
  };
  if (i % 2) event.actual = PHASES[(i + 1) % 5]!;
  if (i % 3) event.model = (['rnn', 'gru', 'lstm', 'bert', 'knn'] as const)[i % 5]!;
  if (i % 4) event.profile = `profile-${i % 6}`;
  if (i % 5) event.episode_id = `ep-${i}`;
  if (i % 6) event.confidence = (i % 100) / 100;
  if (i % 7) event.window_idx = i % 12;
  if (i % 8) event.latency_ms = i / 8;
  return event;
}

function logOf(from: number, to: number): DetectionLog {
  const log = new DetectionLog();
  for (let i = from; i < to; i++) log.append(detection(i));
  return log;
}

describe('DetectionLog', () => {
  it('gives back the fields the lanes read, absent where the event had none', () => {
    const log = logOf(0, 50);
    expect(log.end).toBe(50);
    expect(log.read(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => detection(i)));
    expect(log.read(10, 12)).toEqual([detection(10), detection(11)]);
    expect(log.read(7, 7)).toEqual([]);
  });

  it('does not keep t_wall, which the lanes never read', () => {
    const log = new DetectionLog();
    log.append({ ...detection(1), t_wall: 1_800_000_000 });
    expect(log.read(0, 1)).toEqual([detection(1)]);
  });

  it('is a copy: an event changed after it was appended does not change what the log holds', () => {
    const log = new DetectionLog();
    const reused = detection(3);
    log.append(reused);
    reused.predicted = 'dormant';
    reused.host_id = 'someone-else';
    log.append(reused);
    const [first, second] = log.read(0, 2);
    expect(first).toEqual(detection(3));
    expect(second!.host_id).toBe('someone-else');
  });

  it('numbers on through drops, growth and compaction, and refuses what it no longer holds', () => {
    const log = new DetectionLog();
    let next = 0;
    // Far past its first room, dropping as a history's window would, so it both grows and moves its tail down.
    for (let step = 0; step < 40; step++) {
      for (let k = 0; k < 700; k++) log.append(detection(next++));
      log.dropBefore(next - 1500);
      const from = Math.max(0, next - 1500);
      expect(log.held).toBe(next - from);
      expect(log.read(from, from + 3)).toEqual([detection(from), detection(from + 1), detection(from + 2)]);
      expect(log.read(next - 2, next)).toEqual([detection(next - 2), detection(next - 1)]);
    }
    expect(log.end).toBe(next);
    expect(() => log.read(next - 1600, next)).toThrow(RangeError);
    expect(() => log.read(next - 10, next + 1)).toThrow(RangeError);
  });

  it('forgets the strings no held detection uses, however many distinct ids went by', () => {
    const log = new DetectionLog();
    // Every detection has an episode id of its own: 30,000 of them pass through a window of 1,000.
    for (let i = 0; i < 30_000; i++) {
      log.append(detection(i * 5 + 1));
      log.dropBefore(i - 1000);
    }
    const table = (log as unknown as { strings: { strings: unknown[] } }).strings.strings;
    expect(table.length).toBeLessThan(8_000);
    expect(log.read(29_990, 30_000)).toEqual(
      Array.from({ length: 10 }, (_, k) => detection((29_990 + k) * 5 + 1)),
    );
  });
});
