import { afterEach, describe, expect, it } from 'vitest';
import {
  DeckSync,
  readSyncMessage,
  type SyncRole,
  syncChannelName,
} from '../../../src/deck/presenter/deck-sync.js';

const COUNT = 14;
let channelSeq = 0;
let open: DeckSync[] = [];

/** A window's end on a real BroadcastChannel (Node has one), recording the gotos it was asked to apply. */
function end(name: string, role: SyncRole, index: number, id?: string) {
  const moves: number[] = [];
  const peerLog: string[][] = [];
  const sync = new DeckSync({
    channel: new BroadcastChannel(name),
    role,
    index,
    count: COUNT,
    id,
    onGoto: (i) => moves.push(i),
    onPeersChange: (peers) => peerLog.push([...peers.values()]),
  });
  open.push(sync);
  return { sync, moves, peerLog };
}

async function until(check: () => boolean, what: string, ms = 2000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Lets in-flight messages arrive (for asserting that nothing more happens). */
const quiet = () => new Promise((r) => setTimeout(r, 60));

afterEach(() => {
  for (const sync of open) sync.close();
  open = [];
});

const fresh = () => syncChannelName(`/deck-${++channelSeq}/`, 'session-1');

describe('DeckSync over a BroadcastChannel', () => {
  it('a presenter that opens takes the audience scene', async () => {
    const name = fresh();
    const audience = end(name, 'audience', 4);
    const presenter = end(name, 'presenter', 0);
    await until(() => presenter.moves.length === 1, 'presenter to adopt');
    expect(presenter.moves).toEqual([4]);
    expect(presenter.sync.index).toBe(4);
    await until(() => audience.sync.peers.size === 1, 'audience to see the presenter');
    expect([...audience.sync.peers.values()]).toEqual(['presenter']);
    expect([...presenter.sync.peers.values()]).toEqual(['audience']);
    await quiet();
    expect(audience.moves, 'the audience keeps its own scene on connect').toEqual([]);
  });

  it('navigating in either window moves the other, without echo', async () => {
    const name = fresh();
    const audience = end(name, 'audience', 0);
    const presenter = end(name, 'presenter', 0);
    await until(() => presenter.sync.peers.size === 1 && audience.sync.peers.size === 1, 'connect');

    audience.sync.navigated(5);
    await until(() => presenter.moves.length === 1, 'presenter to follow');
    expect(presenter.moves).toEqual([5]);
    // The presenter's deck reports the move it was asked to make: no goto goes back.
    presenter.sync.navigated(5);

    presenter.sync.navigated(7);
    await until(() => audience.moves.length === 1, 'audience to follow');
    expect(audience.moves).toEqual([7]);
    audience.sync.navigated(7);

    await quiet();
    expect(presenter.moves).toEqual([5]);
    expect(audience.moves).toEqual([7]);
    expect(audience.sync.index).toBe(7);
    expect(presenter.sync.index).toBe(7);
  });

  it('reconnects after the presenter reloads', async () => {
    const name = fresh();
    const audience = end(name, 'audience', 2);
    const first = end(name, 'presenter', 0);
    await until(() => first.moves.length === 1, 'first presenter');
    first.sync.close();
    await until(() => audience.sync.peers.size === 0, 'audience to hear bye');
    audience.sync.navigated(9); // the audience moves while the presenter is away

    const reloaded = end(name, 'presenter', 0);
    await until(() => reloaded.moves.length === 1, 'reloaded presenter to adopt');
    expect(reloaded.moves).toEqual([9]);

    reloaded.sync.navigated(10);
    await until(() => audience.moves.length === 1, 'audience to follow the reloaded presenter');
    expect(audience.moves).toEqual([10]);
    audience.sync.navigated(10);
    audience.sync.navigated(11);
    await until(() => reloaded.moves.length === 2, 'reloaded presenter to follow');
    expect(reloaded.moves).toEqual([9, 11]);
  });

  it('reconnects after the audience reloads, and takes its scene', async () => {
    const name = fresh();
    const first = end(name, 'audience', 3);
    const presenter = end(name, 'presenter', 0);
    await until(() => presenter.moves.length === 1, 'connect');
    // Several moves so the presenter's clock is well ahead of a fresh window's.
    for (const i of [4, 5, 6]) {
      presenter.sync.navigated(i);
      await until(() => first.moves.at(-1) === i, `audience at ${i}`);
      first.sync.navigated(i);
    }
    first.sync.close();
    await until(() => presenter.sync.peers.size === 0, 'presenter to hear bye');

    // The reloaded audience comes back on the scene its URL hash names.
    const reloaded = end(name, 'audience', 8);
    await until(() => presenter.moves.at(-1) === 8, 'presenter to adopt the reloaded audience');
    await until(() => reloaded.sync.peers.size === 1, 'reloaded audience to see the presenter');

    reloaded.sync.navigated(9);
    await until(() => presenter.moves.at(-1) === 9, 'presenter to follow a fresh window');
    presenter.sync.navigated(9);
    presenter.sync.navigated(12);
    await until(() => reloaded.moves.at(-1) === 12, 'reloaded audience to follow');
    expect(presenter.moves).toEqual([3, 8, 9]);
    expect(reloaded.moves).toEqual([12]);
  });

  it('two windows moving at the same moment end on the same scene', async () => {
    const name = fresh();
    const audience = end(name, 'audience', 0, 'a-window');
    const presenter = end(name, 'presenter', 0, 'p-window');
    await until(() => presenter.sync.peers.size === 1 && audience.sync.peers.size === 1, 'connect');
    // Both move before either hears the other.
    audience.sync.navigated(5);
    presenter.sync.navigated(6);
    await quiet();
    expect(audience.sync.index).toBe(presenter.sync.index);
    // Equal stamps: the larger window id wins, the same in both windows.
    expect(audience.sync.index).toBe(6);
  });

  it('tells who is connected and who left', async () => {
    const name = fresh();
    const audience = end(name, 'audience', 0);
    const presenter = end(name, 'presenter', 0);
    await until(() => audience.peerLog.length === 1, 'peer joined');
    presenter.sync.close();
    await until(() => audience.peerLog.length === 2, 'peer left');
    expect(audience.peerLog).toEqual([['presenter'], []]);
  });

  it('ignores malformed messages and scenes out of range', async () => {
    const name = fresh();
    const audience = end(name, 'audience', 1);
    const rogue = new BroadcastChannel(name);
    for (const message of [
      null,
      'goto 3',
      { kind: 'goto', from: 'x', seq: 99, index: 14 },
      { kind: 'goto', from: 'x', seq: 99, index: -1 },
      { kind: 'goto', from: 'x', seq: 99, index: 2.5 },
      { kind: 'goto', from: 'x', index: 3 },
      { kind: 'goto', from: '', seq: 99, index: 3 },
      { kind: 'hello', from: 'x', seq: 0, role: 'admin', index: 3 },
      { kind: 'explode', from: 'x', seq: 0 },
    ]) {
      rogue.postMessage(message);
    }
    rogue.postMessage({ kind: 'goto', from: 'x', seq: 100, index: 13 });
    await until(() => audience.moves.length === 1, 'the one valid goto');
    expect(audience.moves).toEqual([13]);
    rogue.close();
  });
});

describe('readSyncMessage', () => {
  it('accepts well-formed messages only', () => {
    expect(readSyncMessage({ kind: 'goto', from: 'a', seq: 1, index: 0 }, 3)).toEqual({
      kind: 'goto',
      from: 'a',
      seq: 1,
      index: 0,
    });
    expect(readSyncMessage({ kind: 'goto', from: 'a', seq: 1, index: 3 }, 3)).toBeUndefined();
    expect(
      readSyncMessage({ kind: 'welcome', from: 'a', seq: 1, role: 'audience', index: 0 }, 3),
    ).toBeUndefined();
    expect(readSyncMessage({ kind: 'bye', from: 'a', seq: 0, role: 'presenter' }, 3)?.kind).toBe('bye');
    expect(readSyncMessage({ kind: 'goto', from: 'a', seq: -1, index: 0 }, 3)).toBeUndefined();
  });

  it('names one channel per deck page', () => {
    expect(syncChannelName('/fleet/index.html', 'a')).toBe(syncChannelName('/fleet/', 'a'));
    expect(syncChannelName('/fleet/', 'a')).not.toBe(syncChannelName('/other/', 'a'));
    expect(syncChannelName('/fleet/', 'a'), 'another tab, another session').not.toBe(
      syncChannelName('/fleet/', 'b'),
    );
    expect(syncChannelName('/fleet/', 'a', 'bus')).not.toBe(syncChannelName('/fleet/', 'a'));
  });
});
