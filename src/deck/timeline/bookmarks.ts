import type { TimeMode } from '../../bus/time-control.js';

/** Marks kept per deck session; past it the oldest go. */
export const MAX_BOOKMARKS = 50;

/** A moment the presenter marked: the scene on stage and the time shown. */
export interface Bookmark {
  readonly id: string;
  /** The scene's slug. */
  readonly slug: string;
  readonly mode: TimeMode;
  /**
   * Replay: ms into the recording. Live: the bus clock of the moment, which
   * means something only on the page load that made it (`page`).
   */
  readonly at: number;
  /** Wall-clock ms when the mark was made. */
  readonly made: number;
  /** Live: the page load whose history holds the moment. */
  readonly page?: string;
  /** Replay: a URL that opens the recording on this moment and scene. */
  readonly url?: string;
  /** How the moment read when marked ("2 min 10 s ago", "0:45 / 1:00"). */
  readonly label: string;
}

/** The storage key of a session's marks. */
export function bookmarksKey(session: string): string {
  return `fleet-deck:marks:${session}`;
}

const isString = (v: unknown, max = 2000): v is string => typeof v === 'string' && v.length <= max;

function readOne(value: unknown): Bookmark | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (!isString(m.id, 100) || !isString(m.slug, 100) || !isString(m.label, 200)) return undefined;
  if (m.mode !== 'live' && m.mode !== 'replay') return undefined;
  if (typeof m.at !== 'number' || !Number.isFinite(m.at)) return undefined;
  if (typeof m.made !== 'number' || !Number.isFinite(m.made)) return undefined;
  if (m.page !== undefined && !isString(m.page, 100)) return undefined;
  if (m.url !== undefined && !(isString(m.url) && /^https?:/.test(m.url))) return undefined;
  return {
    id: m.id,
    slug: m.slug,
    mode: m.mode,
    at: m.at,
    made: m.made,
    page: m.page as string | undefined,
    url: m.url as string | undefined,
    label: m.label,
  };
}

/** Reads stored marks defensively: anything malformed is left out, never thrown. */
export function readBookmarks(json: string | null): Bookmark[] {
  if (json === null) return [];
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data
    .map(readOne)
    .filter((m): m is Bookmark => m !== undefined)
    .slice(-MAX_BOOKMARKS);
}

/**
 * The URL of a replay moment: the deck page at `href` with `t=SECONDS` (one
 * decimal) and the scene in the hash; other parameters (the recording, its
 * rate) are kept, and `presenter` is dropped so it opens the deck.
 */
export function replayMomentUrl(href: string, msIntoRecording: number, slug: string): string {
  const url = new URL(href);
  url.searchParams.delete('presenter');
  url.searchParams.set('t', String(Math.round(msIntoRecording / 100) / 10));
  url.hash = `#/${slug}`;
  return url.href;
}

/** The part of `Storage` the marks use. */
export type MarkStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * A deck session's marks in `localStorage`, shared by the deck and its
 * presenter window and kept over reloads of either. Storage that refuses
 * (private mode, quota) leaves the marks in memory for this page.
 */
export class BookmarkStore {
  private readonly key: string;
  private memory: Bookmark[];

  constructor(
    session: string,
    private readonly storage: MarkStorage | undefined = globalThis.localStorage,
  ) {
    this.key = bookmarksKey(session);
    this.memory = this.load();
  }

  /** The marks, oldest first. */
  get list(): readonly Bookmark[] {
    return this.memory;
  }

  /** Re-reads the storage (another window changed it). Returns the marks. */
  refresh(): readonly Bookmark[] {
    this.memory = this.load();
    return this.memory;
  }

  /** Whether a `storage` event is about these marks. */
  concerns(event: { key: string | null }): boolean {
    return event.key === null || event.key === this.key;
  }

  /** Adds a mark (the oldest go past MAX_BOOKMARKS). */
  add(mark: Bookmark): void {
    this.memory = [...this.load(), mark].slice(-MAX_BOOKMARKS);
    this.save();
  }

  /** Removes the mark `id`. */
  remove(id: string): void {
    this.memory = this.load().filter((m) => m.id !== id);
    this.save();
  }

  private load(): Bookmark[] {
    try {
      return readBookmarks(this.storage?.getItem(this.key) ?? null);
    } catch {
      return this.memory ?? [];
    }
  }

  private save(): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.memory));
    } catch {
      // Kept in memory for this page.
    }
  }
}
