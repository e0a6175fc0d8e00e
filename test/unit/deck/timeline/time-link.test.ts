import { afterEach, describe, expect, it } from 'vitest';
import type { TimeStatus } from '../../../../src/bus/time-control.js';
import {
  followTime,
  readTimeMessage,
  STEP_KEY_MS,
  shareTime,
  type TimeCommand,
  timeKeyCommand,
} from '../../../../src/deck/timeline/time-link.js';

const status = (position: number): TimeStatus => ({
  mode: 'live',
  paused: true,
  position,
  start: 0,
  end: 100,
  held: 3,
  heldDropped: 0,
  ended: false,
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

describe('time link', () => {
  it('gives the presenter the deck’s status and the deck the presenter’s commands, over a real BroadcastChannel', async () => {
    let position = 10;
    const commands: TimeCommand[] = [];
    const deck = shareTime(
      new BroadcastChannel('t1'),
      () => status(position),
      (c) => commands.push(c),
      0,
    );
    const seen: TimeStatus[] = [];
    const presenter = followTime(new BroadcastChannel('t1'), (s) => seen.push(s));
    closers.push(deck.close, presenter.close);
    await until(() => seen.some((s) => s.position === 10));
    position = 42;
    deck.notify();
    await until(() => seen.some((s) => s.position === 42));
    presenter.send({ action: 'seek', t: 5 });
    presenter.send({ action: 'toggle' });
    await until(() => commands.length === 2);
    expect(commands).toEqual([{ action: 'seek', t: 5 }, { action: 'toggle' }]);
  });

  it('reads malformed messages as nothing', () => {
    expect(readTimeMessage(null)).toBeUndefined();
    expect(
      readTimeMessage({ kind: 'command', from: 'x', command: { action: 'seek', t: 'soon' } }),
    ).toBeUndefined();
    expect(readTimeMessage({ kind: 'command', from: 'x', command: { action: 'rm -rf' } })).toBeUndefined();
    expect(
      readTimeMessage({ kind: 'status', from: 'x', status: { ...status(1), position: Number.NaN } }),
    ).toBeUndefined();
    expect(readTimeMessage({ kind: 'ask', from: '' })).toBeUndefined();
    expect(
      readTimeMessage({ kind: 'command', from: 'x', command: { action: 'step', delta: -5000 } }),
    ).toEqual({
      kind: 'command',
      from: 'x',
      command: { action: 'step', delta: -5000 },
    });
  });
});

describe('timeKeyCommand', () => {
  it('maps the four time keys to commands, for the deck and the presenter alike', () => {
    expect(timeKeyCommand({ kind: 'pause' })).toEqual({ action: 'toggle' });
    expect(timeKeyCommand({ kind: 'mark' })).toEqual({ action: 'mark' });
    expect(timeKeyCommand({ kind: 'rewind' })).toEqual({ action: 'step', delta: -STEP_KEY_MS });
    expect(timeKeyCommand({ kind: 'forward' })).toEqual({ action: 'step', delta: STEP_KEY_MS });
  });

  it('leaves every other action alone', () => {
    expect(timeKeyCommand({ kind: 'next' })).toBeUndefined();
    expect(timeKeyCommand({ kind: 'digit', digit: '3' })).toBeUndefined();
  });
});
