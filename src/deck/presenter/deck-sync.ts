/**
 * Keeps the audience deck and the presenter view on the same scene, both
 * ways, over a `BroadcastChannel` (so it works in a static build with no
 * server, unlike speaker views that rely on `window.opener`).
 *
 * The protocol is small and survives a reload of either window:
 * - a window that starts says `hello` with its role and scene;
 * - an audience deck answers every `hello` with `welcome` and its scene;
 * - a presenter adopts the audience's scene from its `hello` or `welcome`
 *   (the audience's hash survived its reload, so it is the truth on connect);
 * - a navigation in any window is a `goto`, applied by every other window;
 *   applying a `goto` does not echo it back;
 * - every message carries a Lamport stamp, and a `goto` older than the last
 *   one applied is dropped, so two windows that move at the same moment
 *   still end on the same scene (the later stamp, ties by window id);
 * - a window that goes away says `bye`.
 *
 * Pure apart from the channel it is given: tests pass two ends of a real
 * `BroadcastChannel` (Node has one) or any object with the same methods.
 */

/** The part of `BroadcastChannel` the sync uses. */
export interface SyncChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

/** Which window this is. */
export type SyncRole = 'audience' | 'presenter';

/** Messages on the channel. `from` is the sending window's id. */
export type SyncMessage =
  | {
      readonly kind: 'hello';
      readonly from: string;
      readonly seq: number;
      readonly role: SyncRole;
      readonly index: number;
    }
  | {
      readonly kind: 'welcome';
      readonly from: string;
      readonly seq: number;
      readonly to: string;
      readonly role: SyncRole;
      readonly index: number;
    }
  | { readonly kind: 'goto'; readonly from: string; readonly seq: number; readonly index: number }
  | { readonly kind: 'bye'; readonly from: string; readonly seq: number; readonly role: SyncRole };

export interface DeckSyncOptions {
  readonly channel: SyncChannel;
  readonly role: SyncRole;
  /** The scene on stage now (0-based). */
  readonly index: number;
  /** Number of scenes; indices outside 0…count-1 are ignored. */
  readonly count: number;
  /** Moves this window to `index` because another window asked. */
  readonly onGoto: (index: number) => void;
  /** Called when the set of other windows changes. */
  readonly onPeersChange?: (peers: ReadonlyMap<string, SyncRole>) => void;
  /** This window's id (random by default). */
  readonly id?: string;
}

/**
 * The name of the channel for one deck session: the deck page at `pathname`
 * (`/fleet/` and `/fleet/index.html` are one deck) in the browser tab that
 * holds `session`, so two deck tabs each keep their own presenter.
 */
export function syncChannelName(pathname: string, session: string, suffix = 'sync'): string {
  return `fleet-deck:${suffix}:${pathname.replace(/index\.html$/, '')}:${session}`;
}

function randomId(): string {
  return (
    globalThis.crypto?.randomUUID?.() ?? `w${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`
  );
}

const ROLES: readonly string[] = ['audience', 'presenter'];

/** Is stamp (seq, from) later than `than`? Ties on seq go to the larger window id, the same in every window. */
function newer(seq: number, from: string, than: { seq: number; from: string }): boolean {
  return seq > than.seq || (seq === than.seq && from > than.from);
}

/** Reads a message defensively: anything that is not a well-formed sync message is undefined. */
export function readSyncMessage(data: unknown, count: number): SyncMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  if (typeof m.from !== 'string' || m.from.length === 0 || m.from.length > 100) return undefined;
  if (typeof m.seq !== 'number' || !Number.isSafeInteger(m.seq) || m.seq < 0) return undefined;
  const validIndex =
    typeof m.index === 'number' && Number.isInteger(m.index) && m.index >= 0 && m.index < count;
  const validRole = typeof m.role === 'string' && ROLES.includes(m.role);
  switch (m.kind) {
    case 'hello':
      return validIndex && validRole ? (m as SyncMessage) : undefined;
    case 'welcome':
      return validIndex && validRole && typeof m.to === 'string' ? (m as SyncMessage) : undefined;
    case 'goto':
      return validIndex ? (m as SyncMessage) : undefined;
    case 'bye':
      return validRole ? (m as SyncMessage) : undefined;
    default:
      return undefined;
  }
}

/** One window's end of the deck sync. */
export class DeckSync {
  /** This window's id. */
  readonly id: string;
  readonly role: SyncRole;
  private readonly channel: SyncChannel;
  private readonly count: number;
  private readonly onGoto: (index: number) => void;
  private readonly onPeersChange?: (peers: ReadonlyMap<string, SyncRole>) => void;
  private readonly peerMap = new Map<string, SyncRole>();
  private current: number;
  /** Lamport clock, and the stamp of the last scene change applied (local or remote). */
  private clock = 0;
  private applied: { seq: number; from: string };
  private closed = false;
  private readonly listener = (event: MessageEvent) => this.receive(event.data);

  constructor(options: DeckSyncOptions) {
    this.id = options.id ?? randomId();
    this.role = options.role;
    this.channel = options.channel;
    this.count = options.count;
    this.onGoto = options.onGoto;
    this.onPeersChange = options.onPeersChange;
    this.current = options.index;
    this.applied = { seq: 0, from: this.id };
    this.channel.addEventListener('message', this.listener);
    this.post({ kind: 'hello', from: this.id, seq: this.clock, role: this.role, index: this.current });
  }

  /** The other windows heard from (id → role). */
  get peers(): ReadonlyMap<string, SyncRole> {
    return this.peerMap;
  }

  /** The scene this end believes is on stage. */
  get index(): number {
    return this.current;
  }

  /** Tells the other windows that this one moved to `index`. A move that a `goto` caused is not echoed. */
  navigated(index: number): void {
    if (this.closed || index === this.current) return;
    this.current = index;
    this.clock += 1;
    this.applied = { seq: this.clock, from: this.id };
    this.post({ kind: 'goto', from: this.id, seq: this.clock, index });
  }

  /** Says `bye` and lets go of the channel (call on `pagehide`). */
  close(): void {
    if (this.closed) return;
    this.post({ kind: 'bye', from: this.id, seq: this.clock, role: this.role });
    this.closed = true;
    this.channel.removeEventListener('message', this.listener);
    this.channel.close();
  }

  private post(message: SyncMessage): void {
    this.channel.postMessage(message);
  }

  private receive(data: unknown): void {
    if (this.closed) return;
    const message = readSyncMessage(data, this.count);
    if (!message || message.from === this.id) return;
    if (message.kind === 'welcome' && message.to !== this.id) return;
    this.clock = Math.max(this.clock, message.seq);
    switch (message.kind) {
      case 'hello':
        this.addPeer(message.from, message.role);
        // A presenter takes a (re)connecting audience's scene; every window tells the newcomer
        // that it is there, and its clock, so the newcomer's next goto is not taken as stale.
        if (this.role === 'presenter' && message.role === 'audience') {
          this.adopt(message.index, message.from, message.seq);
        }
        this.welcome(message.from);
        break;
      case 'welcome':
        this.addPeer(message.from, message.role);
        if (this.role === 'presenter' && message.role === 'audience') {
          this.adopt(message.index, message.from, message.seq);
        }
        break;
      case 'goto':
        if (!newer(message.seq, message.from, this.applied)) return;
        this.adopt(message.index, message.from, message.seq);
        break;
      case 'bye':
        if (this.peerMap.delete(message.from)) this.onPeersChange?.(this.peerMap);
        break;
    }
  }

  private welcome(to: string): void {
    this.post({ kind: 'welcome', from: this.id, seq: this.clock, to, role: this.role, index: this.current });
  }

  /** Moves to `index` as `from` asked at stamp `seq`. */
  private adopt(index: number, from: string, seq: number): void {
    this.applied = { seq, from };
    if (index === this.current) return;
    this.current = index;
    this.onGoto(index);
  }

  private addPeer(id: string, role: SyncRole): void {
    if (this.peerMap.get(id) === role) return;
    this.peerMap.set(id, role);
    this.onPeersChange?.(this.peerMap);
  }
}
