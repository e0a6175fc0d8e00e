/**
 * The guard in front of `?ws=`: a URL typed by anyone (or planted in a link)
 * decides where the page opens a socket, so it is parsed strictly and refused
 * with a reason the badge can show.
 */

/** A WebSocket URL the page may open. */
export interface AcceptedWsUrl {
  readonly ok: true;
  readonly url: URL;
  /** Host (and port) for the source badge, shown as text. */
  readonly host: string;
}

/** A refused URL and why, in words for the badge. */
export interface RefusedWsUrl {
  readonly ok: false;
  readonly reason: string;
  /** What can be shown of the host, if the URL parsed at all. */
  readonly host?: string;
}

export type WsUrlCheck = AcceptedWsUrl | RefusedWsUrl;

/** True for hosts that never leave the machine: localhost, *.localhost, 127/8, ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  // `new URL` has already normalised IPv4 forms (e.g. 2130706433 → 127.0.0.1).
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Checks a `?ws=` value. Only absolute `ws:`/`wss:` URLs without credentials
 * pass; a page served over https refuses plain `ws:` to a host other than
 * loopback (the browser would block it as mixed content, and the stream would
 * travel in clear text).
 *
 * @param raw the URL as given
 * @param pageProtocol `location.protocol` of the page, e.g. `"https:"`
 */
export function checkWsUrl(raw: string, pageProtocol: string): WsUrlCheck {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'no WebSocket URL given' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'not a URL (expected ws://host:port/path or wss://…)' };
  }
  const host = url.host;
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return { ok: false, reason: `only ws: and wss: URLs are allowed, not ${url.protocol}`, host };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'credentials in the URL are refused', host };
  }
  if (host === '') return { ok: false, reason: 'the URL has no host' };
  if (pageProtocol === 'https:' && url.protocol === 'ws:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      reason: 'an https page does not open plain ws: to another host (clear text); use wss:',
      host,
    };
  }
  // Fragments are meaningless on a socket; drop them so they are not sent or shown.
  url.hash = '';
  return { ok: true, url, host };
}
