import type { TimeStatus } from '../../bus/time-control.js';
import type { DeckAction } from '../keymap.js';
import type { SyncChannel } from '../presenter/deck-sync.js';

/** How far `[` and `]` move the moment shown. */
export const STEP_KEY_MS = 10_000;

/** What the presenter (or the deck's own bar) asks of time control. */
export type TimeCommand =
  | { readonly action: 'toggle' }
  | { readonly action: 'live' }
  | { readonly action: 'mark' }
  | { readonly action: 'seek'; readonly t: number }
  | { readonly action: 'step'; readonly delta: number }
  | { readonly action: 'jump'; readonly id: string };

/**
 * The command a time key (`.`, `m`, `[`, `]`) asks for, the same from the
 * deck and the presenter view; undefined for any other action.
 */
export function timeKeyCommand(action: DeckAction): TimeCommand | undefined {
  switch (action.kind) {
    case 'pause':
      return { action: 'toggle' };
    case 'mark':
      return { action: 'mark' };
    case 'rewind':
      return { action: 'step', delta: -STEP_KEY_MS };
    case 'forward':
      return { action: 'step', delta: STEP_KEY_MS };
    default:
      return undefined;
  }
}

/**
 * Messages on a deck session's `time` channel:
 * - the deck (audience) says its `status` on every change and when asked;
 * - a presenter `ask`s when it starts and sends `command`s.
 */
export type TimeMessage =
  | { readonly kind: 'status'; readonly from: string; readonly status: TimeStatus }
  | { readonly kind: 'ask'; readonly from: string }
  | { readonly kind: 'command'; readonly from: string; readonly command: TimeCommand };

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function readStatus(value: unknown): TimeStatus | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const s = value as Record<string, unknown>;
  if (s.mode !== 'live' && s.mode !== 'replay') return undefined;
  if (typeof s.paused !== 'boolean' || typeof s.ended !== 'boolean') return undefined;
  if (![s.position, s.start, s.end, s.held, s.heldDropped].every(finite)) return undefined;
  return s as unknown as TimeStatus;
}

function readCommand(value: unknown): TimeCommand | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const c = value as Record<string, unknown>;
  switch (c.action) {
    case 'toggle':
    case 'live':
    case 'mark':
      return { action: c.action };
    case 'seek':
      return finite(c.t) ? { action: 'seek', t: c.t } : undefined;
    case 'step':
      return finite(c.delta) ? { action: 'step', delta: c.delta } : undefined;
    case 'jump':
      return typeof c.id === 'string' && c.id.length <= 100 ? { action: 'jump', id: c.id } : undefined;
    default:
      return undefined;
  }
}

/** Reads a message defensively: anything malformed is undefined. */
export function readTimeMessage(data: unknown): TimeMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  if (typeof m.from !== 'string' || m.from.length === 0 || m.from.length > 100) return undefined;
  switch (m.kind) {
    case 'ask':
      return { kind: 'ask', from: m.from };
    case 'status': {
      const status = readStatus(m.status);
      return status ? { kind: 'status', from: m.from, status } : undefined;
    }
    case 'command': {
      const command = readCommand(m.command);
      return command ? { kind: 'command', from: m.from, command } : undefined;
    }
    default:
      return undefined;
  }
}

function randomId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `w${Math.random().toString(36).slice(2)}`;
}

function listen(channel: SyncChannel, signal: AbortSignal, handle: (message: TimeMessage) => void): void {
  const listener = (event: MessageEvent) => {
    const message = readTimeMessage(event.data);
    if (message) handle(message);
  };
  channel.addEventListener('message', listener);
  signal.addEventListener('abort', () => channel.removeEventListener('message', listener), { once: true });
}

/**
 * The deck's end: says `status()` whenever `notify` is called (at most once
 * per `throttleMs`, the last one always sent) and whenever a presenter asks,
 * and hands commands to `onCommand`. Returns `notify` and `close`.
 */
export function shareTime(
  channel: SyncChannel,
  status: () => TimeStatus,
  onCommand: (command: TimeCommand) => void,
  throttleMs = 100,
): { notify: () => void; close: () => void } {
  const id = randomId();
  const lifetime = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  const send = () => {
    timer = undefined;
    last = Date.now();
    channel.postMessage({ kind: 'status', from: id, status: status() } satisfies TimeMessage);
  };
  listen(channel, lifetime.signal, (message) => {
    if (message.kind === 'ask') send();
    else if (message.kind === 'command') onCommand(message.command);
  });
  send();
  return {
    notify: () => {
      if (lifetime.signal.aborted || timer !== undefined) return;
      const wait = last + throttleMs - Date.now();
      if (wait <= 0) send();
      else timer = setTimeout(send, wait);
    },
    close: () => {
      lifetime.abort();
      if (timer !== undefined) clearTimeout(timer);
      channel.close();
    },
  };
}

/**
 * The presenter's end: asks for the deck's status, passes every status to
 * `onStatus`, and sends commands. Returns `send` and `close`.
 */
export function followTime(
  channel: SyncChannel,
  onStatus: (status: TimeStatus) => void,
): { send: (command: TimeCommand) => void; close: () => void } {
  const id = randomId();
  const lifetime = new AbortController();
  listen(channel, lifetime.signal, (message) => {
    if (message.kind === 'status') onStatus(message.status);
  });
  channel.postMessage({ kind: 'ask', from: id } satisfies TimeMessage);
  return {
    send: (command) => {
      if (!lifetime.signal.aborted)
        channel.postMessage({ kind: 'command', from: id, command } satisfies TimeMessage);
    },
    close: () => {
      lifetime.abort();
      channel.close();
    },
  };
}
