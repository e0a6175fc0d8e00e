import { DEFAULT_SUBJECT_PREFIX, isValidPrefix } from './nats-subjects.js';

/**
 * What `?nats=` (or `<fleet-bus nats="…">`) asks for: the WebSocket
 * endpoints of one NATS cluster, the subject prefix, and credentials in the
 * forms the NATS client accepts. Credentials stay in this object: they are
 * never logged, never put on the badge or in diagnostics.
 */
export interface NatsSettings {
  /** ws:// or wss:// URLs, tried in turn and on failover. */
  readonly servers: readonly string[];
  /** Subject prefix (default `fleet`). */
  readonly prefix: string;
  readonly user?: string;
  readonly pass?: string;
  readonly token?: string;
}

/** At most this many endpoints are taken from one parameter. */
const MAX_SERVERS = 16;

/**
 * Reads the NATS settings from URL parameters (`nats`, `subject`, `user`,
 * `pass`, `token`), or undefined when `nats` is absent. An invalid prefix
 * falls back to the default rather than subscribing to a wildcard.
 */
export function readNatsSettings(params: URLSearchParams): NatsSettings | undefined {
  const raw = params.get('nats');
  if (raw === null) return undefined;
  const servers = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .slice(0, MAX_SERVERS);
  const subject = params.get('subject')?.trim();
  const text = (name: string) => {
    const value = params.get(name);
    return value === null || value === '' ? undefined : value;
  };
  return {
    servers,
    prefix: subject && isValidPrefix(subject) ? subject : DEFAULT_SUBJECT_PREFIX,
    user: text('user'),
    pass: text('pass'),
    token: text('token'),
  };
}
