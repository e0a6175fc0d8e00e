/** Where a bus's events come from, for the source badge. */
export interface SourceInfo {
  readonly kind: 'sim' | 'ws' | 'nats' | 'replay' | 'page';
  /** Short text for the badge, e.g. "simulator · seed 7" or the WebSocket host. */
  readonly label: string;
  /** Link state: connecting, live, retrying, stale, stopped. */
  readonly state: 'connecting' | 'live' | 'retrying' | 'stale' | 'stopped';
  /** Detail for the state, e.g. "in 3 s" or why it stopped. */
  readonly detail?: string;
}

/** The source of a bus that only a page publishes to. */
export const PAGE_SOURCE: SourceInfo = { kind: 'page', label: 'page', state: 'live' };

/**
 * True when `a` and `b` show the same badge. Sources that re-state their
 * state on every tick compare first, so the badge's listeners hear changes
 * only.
 */
export function sameSource(a: SourceInfo, b: SourceInfo): boolean {
  return a.kind === b.kind && a.state === b.state && a.detail === b.detail && a.label === b.label;
}
