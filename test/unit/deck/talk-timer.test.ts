import { describe, expect, it } from 'vitest';
import {
  elapsedMs,
  formatClock,
  pauseTimer,
  readTimer,
  resumeTimer,
  startTimer,
  timerView,
  withLength,
} from '../../../src/deck/presenter/talk-timer.js';

const MIN = 60_000;

describe('talk timer', () => {
  it('formats clocks', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(59_999)).toBe('0:59');
    expect(formatClock(61_000)).toBe('1:01');
    expect(formatClock(3_725_000)).toBe('1:02:05');
    expect(formatClock(-65_000)).toBe('−1:05');
    expect(formatClock(-400)).toBe('0:00');
  });

  it('counts elapsed time and down to the set length', () => {
    const t = startTimer(1000, 20 * MIN);
    expect(timerView(t, 1000)).toMatchObject({
      elapsed: '0:00',
      remaining: '20:00',
      overtime: false,
      fraction: 0,
    });
    expect(timerView(t, 1000 + 5 * MIN + 12_300)).toMatchObject({ elapsed: '5:12', remaining: '14:48' });
    expect(timerView(t, 1000 + 20 * MIN)).toMatchObject({ remaining: '0:00', overtime: false, fraction: 1 });
    expect(timerView(t, 1000 + 21 * MIN + 5000)).toMatchObject({
      elapsed: '21:05',
      remaining: '−1:05',
      overtime: true,
      fraction: 1,
    });
  });

  it('does not count paused time', () => {
    let t = startTimer(0, 10 * MIN);
    t = pauseTimer(t, 2 * MIN);
    expect(timerView(t, 7 * MIN)).toMatchObject({ elapsed: '2:00', paused: true });
    expect(pauseTimer(t, 8 * MIN)).toBe(t);
    t = resumeTimer(t, 7 * MIN);
    expect(elapsedMs(t, 8 * MIN)).toBe(3 * MIN);
    expect(timerView(t, 8 * MIN).paused).toBe(false);
  });

  it('clamps the length to whole minutes', () => {
    const t = startTimer(0);
    expect(t.lengthMs).toBe(20 * MIN);
    expect(withLength(t, 0).lengthMs).toBe(MIN);
    expect(withLength(t, 30.4).lengthMs).toBe(30 * MIN);
    expect(withLength(t, 10_000).lengthMs).toBe(600 * MIN);
  });

  it('round-trips through storage and refuses junk', () => {
    const t = pauseTimer(startTimer(5, 15 * MIN), 99);
    expect(readTimer(JSON.stringify(t))).toEqual(t);
    expect(readTimer(null)).toBeUndefined();
    expect(readTimer('{')).toBeUndefined();
    expect(readTimer('{"startedAt":"x","lengthMs":5}')).toBeUndefined();
    expect(readTimer('{"startedAt":1,"lengthMs":0}')).toBeUndefined();
    expect(readTimer('{"startedAt":1,"lengthMs":60000,"pausedAt":"no"}')).toBeUndefined();
  });
});
