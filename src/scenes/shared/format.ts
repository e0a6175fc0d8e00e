/**
 * Number and time formatting for the data scenes. One fixed locale, so a
 * scene reads the same on every presenter's machine and tests can assert
 * exact text.
 */

const LOCALE = 'en';

/**
 * A formatter made on first use. The first Intl formatter a page makes loads
 * the locale data, 30–80 ms here; the live and hosts scenes' first view
 * formats only counts, which need none (see formatCount).
 */
function lazyFormat(options: Intl.NumberFormatOptions): (n: number) => string {
  let format: Intl.NumberFormat | undefined;
  return (n) => {
    format ??= new Intl.NumberFormat(LOCALE, options);
    return format.format(n);
  };
}

const integer = lazyFormat({ maximumFractionDigits: 0 });
const oneDecimal = lazyFormat({ minimumFractionDigits: 1, maximumFractionDigits: 1 });
const upToOneDecimal = lazyFormat({ maximumFractionDigits: 1 });

/** Below this a double's decimal text has no exponent (`String` switches at 1e21). */
const PLAIN_DIGITS_BELOW = 1e21;

/**
 * A count with thousands separators: 738000 → "738,000". The same text as
 * `Intl.NumberFormat('en', { maximumFractionDigits: 0 })` (rounding half away
 * from zero, "-0" for a negative that rounds to zero), written by hand for
 * finite numbers so a first view needs no locale data.
 */
export function formatCount(n: number): string {
  const magnitude = Math.abs(n);
  if (!(magnitude < PLAIN_DIGITS_BELOW)) return integer(n);
  const digits = String(Math.round(magnitude));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 || Object.is(n, -0) ? `-${out}` : out;
}

/** "1 host", "2 hosts": `n` as formatCount writes it, then the noun that agrees with it. */
export function formatCountOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

/** A rate: one decimal below 100, whole numbers (grouped) above. */
export function formatRate(n: number): string {
  return Math.abs(n) < 100 ? oneDecimal(n) : formatCount(n);
}

/** A frequency without a trailing ".0": 10 → "10", 12.5 → "12.5". */
export function formatHz(n: number): string {
  return upToOneDecimal(n);
}

/** A share 0–1 as a percent with one decimal: 0.4213 → "42.1%". */
export function formatPercent(share: number): string {
  return `${oneDecimal(share * 100)}%`;
}

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;

/** A size in decimal units, as disks are sold: 52000000 → "52.0 MB". */
export function formatBytes(bytes: number): string {
  if (!(bytes >= 0) || !Number.isFinite(bytes)) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  // Whole bytes are exact; scaled values keep three significant digits.
  const text = unit === 0 || value >= 100 ? formatCount(value) : oneDecimal(value);
  return `${text} ${BYTE_UNITS[unit]}`;
}

/**
 * How long ago, for a clock that keeps ticking: "just now", "7 s ago",
 * "3 min ago", "2 h ago", "4 d ago". Whole units, rounded down, so the text
 * changes at most once a second.
 */
export function formatAgo(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.floor(seconds));
  if (s < 2) return 'just now';
  if (s < 60) return `${s} s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}
