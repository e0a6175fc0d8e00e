import { describe, expect, it } from 'vitest';
import {
  type Bookmark,
  BookmarkStore,
  MAX_BOOKMARKS,
  readBookmarks,
  replayMomentUrl,
} from '../../../../src/deck/timeline/bookmarks.js';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const mark = (id: string, over: Partial<Bookmark> = {}): Bookmark => ({
  id,
  slug: 'knn',
  mode: 'replay',
  at: 45_000,
  made: 1,
  label: '0:45 / 1:00',
  url: 'http://127.0.0.1/fleet/?replay=x.ndjson&t=45#/knn',
  ...over,
});

describe('bookmarks', () => {
  it('builds a replay moment URL that keeps the recording and names the scene', () => {
    const url = replayMomentUrl('http://h/fleet/?replay=sample.ndjson&rate=2&t=3#/live', 45_123, 'knn');
    expect(url).toBe('http://h/fleet/?replay=sample.ndjson&rate=2&t=45.1#/knn');
    expect(replayMomentUrl('http://h/?presenter=abc&replay=r', 10_000, 'live')).toBe(
      'http://h/?replay=r&t=10#/live',
    );
  });

  it('are shared through storage by two stores of one session, and kept over a new store (reload)', () => {
    const storage = new MemoryStorage();
    const deck = new BookmarkStore('s1', storage);
    const presenter = new BookmarkStore('s1', storage);
    deck.add(mark('a'));
    expect(presenter.refresh().map((m) => m.id)).toEqual(['a']);
    presenter.add(mark('b'));
    expect(new BookmarkStore('s1', storage).list.map((m) => m.id)).toEqual(['a', 'b']);
    expect(new BookmarkStore('other', storage).list).toEqual([]);
    deck.remove('a');
    expect(presenter.refresh().map((m) => m.id)).toEqual(['b']);
  });

  it('keeps the newest MAX_BOOKMARKS', () => {
    const storage = new MemoryStorage();
    const store = new BookmarkStore('s', storage);
    for (let i = 0; i < MAX_BOOKMARKS + 5; i++) store.add(mark(`m${i}`));
    expect(store.list).toHaveLength(MAX_BOOKMARKS);
    expect(store.list[0]!.id).toBe('m5');
  });

  it('reads malformed storage as no marks, leaving bad entries out', () => {
    expect(readBookmarks('{')).toEqual([]);
    expect(readBookmarks('{"a":1}')).toEqual([]);
    const good = mark('ok');
    const bad = [
      { ...good, mode: 'weird' },
      { ...good, at: 'x' },
      { ...good, url: 'javascript:alert(1)' },
      null,
    ];
    expect(readBookmarks(JSON.stringify([...bad, good]))).toEqual([good]);
  });

  it('works without storage (refused), in memory', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const store = new BookmarkStore('s', refusing);
    store.add(mark('a'));
    expect(store.list.map((m) => m.id)).toEqual(['a']);
  });
});
