import { describe, expect, it } from 'vitest';
import type { TimeStatus } from '../../../../src/bus/time-control.js';
import {
  durationClock,
  durationWords,
  momentClock,
  momentWords,
  pausedWords,
} from '../../../../src/deck/timeline/time-words.js';

const status = (over: Partial<TimeStatus>): TimeStatus => ({
  mode: 'live',
  paused: true,
  position: 1_000_000,
  start: 400_000,
  end: 1_000_000,
  held: 0,
  heldDropped: 0,
  ended: false,
  ...over,
});

describe('time words', () => {
  it('says durations in words and as a clock', () => {
    expect(durationWords(130_000)).toBe('2 min 10 s');
    expect(durationWords(120_000)).toBe('2 min');
    expect(durationWords(3_725_000)).toBe('1 h 2 min 5 s');
    expect(durationWords(200)).toBe('0 s');
    expect(durationClock(130_000)).toBe('2:10');
    expect(durationClock(3_725_000)).toBe('1:02:05');
  });

  it('says a live moment as time ago, a replay moment as time into the recording', () => {
    expect(momentWords(status({ position: 1_000_000 - 130_000 }))).toBe('2 min 10 s ago');
    expect(momentWords(status({}))).toBe('now');
    expect(momentClock(status({ position: 1_000_000 - 130_000 }))).toBe('−2:10');
    const replay = status({ mode: 'replay', start: 0, position: 45_000, end: 60_000 });
    expect(momentWords(replay)).toBe('45 s into the recording, of 1 min');
    expect(momentClock(replay)).toBe('0:45 / 1:00');
  });

  it('says paused with what is held', () => {
    expect(pausedWords(status({ held: 1234 }))).toBe('paused · 1,234 held');
    expect(pausedWords(status({}))).toBe('paused');
    expect(pausedWords(status({ paused: false }))).toBeUndefined();
    expect(pausedWords(status({ ended: true }))).toBe('replay finished');
  });
});
