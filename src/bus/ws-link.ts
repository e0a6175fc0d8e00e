/**
 * The WebSocket source's lifecycle as an explicit state machine, in the shape
 * of Lit's `Task` status: `as const` states, the events that move between
 * them, and one table that says where each event leads. Anything not in the
 * table is ignored in that state (a late timer, a close of a socket already
 * replaced), which is what keeps the source free of boolean flags.
 */

export const LINK_STATES = {
  /** A socket is opening; the connect timeout runs. */
  connecting: 'connecting',
  /** Open, and a message arrived within the stale window. */
  live: 'live',
  /** Open, but no message for 30 s; 60 s re-dials. */
  stale: 'stale',
  /** Waiting out the backoff before the next attempt. */
  waiting: 'waiting',
  /** Would be waiting, but the tab is hidden: no attempts until it shows or the network returns. */
  paused: 'paused',
  /** Refused for good (terminal close code, bad URL, CSP) or stopped by its owner. */
  stopped: 'stopped',
} as const;
export type LinkState = (typeof LINK_STATES)[keyof typeof LINK_STATES];

export const LINK_EVENTS = {
  /** The socket opened. */
  opened: 'opened',
  /** A frame arrived (heartbeats included). */
  message: 'message',
  /** No message for the stale window. */
  quiet: 'quiet',
  /** No message for the re-dial window (a stale link): presumed half-open. */
  silent: 'silent',
  /** No open within the connect timeout. */
  timedOut: 'timedOut',
  /** The socket closed with a code worth retrying after. */
  dropped: 'dropped',
  /** A close the server means (1008, 1009, 4500–4999), or a refusal nothing can retry. */
  refused: 'refused',
  /** The backoff wait is over. */
  retryDue: 'retryDue',
  /** The tab was hidden. */
  hidden: 'hidden',
  /** The tab shows again, or the browser came back online. */
  resumed: 'resumed',
  /** The owner stopped the source. */
  stop: 'stop',
} as const;
export type LinkEvent = (typeof LINK_EVENTS)[keyof typeof LINK_EVENTS];

/**
 * Where each event leads from each state. `dropped` and `timedOut` lead to
 * `waiting`; the source goes to `paused` instead while the tab is hidden (see
 * `afterLoss`).
 */
export const LINK_TRANSITIONS: Readonly<Record<LinkState, Partial<Record<LinkEvent, LinkState>>>> = {
  connecting: {
    opened: 'live',
    timedOut: 'waiting',
    dropped: 'waiting',
    refused: 'stopped',
    stop: 'stopped',
  },
  live: {
    message: 'live',
    quiet: 'stale',
    dropped: 'waiting',
    refused: 'stopped',
    stop: 'stopped',
  },
  stale: {
    message: 'live',
    silent: 'connecting',
    dropped: 'waiting',
    refused: 'stopped',
    stop: 'stopped',
  },
  waiting: {
    retryDue: 'connecting',
    hidden: 'paused',
    resumed: 'connecting',
    refused: 'stopped',
    stop: 'stopped',
  },
  paused: {
    resumed: 'connecting',
    refused: 'stopped',
    stop: 'stopped',
  },
  stopped: {},
};

/** The state `event` leads to from `state`, or undefined when the event means nothing there. */
export function nextLinkState(state: LinkState, event: LinkEvent): LinkState | undefined {
  return LINK_TRANSITIONS[state][event];
}

/** Where a lost connection waits: hidden tabs do not retry until they show. */
export function afterLoss(next: LinkState, hidden: boolean): LinkState {
  return next === 'waiting' && hidden ? 'paused' : next;
}
