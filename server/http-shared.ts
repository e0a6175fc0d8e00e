import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What the local bus and the NATS gateway answer alike on `POST /publish`:
 * one copy, so the two servers cannot drift apart in what they accept.
 */

/** A JSON type keeps other web pages from posting: a browser preflights it, and no preflight is answered. */
export const JSON_TYPES = /^application\/(?:json|x-ndjson|[\w.+-]+\+json)\s*(?:;|$)/i;

/** Compares a given secret with the token in constant time. */
export function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token a request carries: `Authorization: Bearer`, `X-Bus-Token`, or `?token=`. */
export function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const header = req.headers['x-bus-token'];
  if (typeof header === 'string') return header;
  return url.searchParams.get('token') ?? undefined;
}

/** Answers with a JSON body that no cache keeps. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(text);
}
