/**
 * Number and time formatting for the data scenes. One fixed locale, so a
 * scene reads the same on every presenter's machine and tests can assert
 * exact text.
 */

const LOCALE = 'en';
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A count with thousands separators: 738000 → "738,000". */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** A rate: one decimal below 100, whole numbers (grouped) above. */
export function formatRate(n: number): string {
  return Math.abs(n) < 100 ? oneDecimal.format(n) : integer.format(n);
}

const upToOneDecimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });

/** A frequency without a trailing ".0": 10 → "10", 12.5 → "12.5". */
export function formatHz(n: number): string {
  return upToOneDecimal.format(n);
}

/** A share 0–1 as a percent with one decimal: 0.4213 → "42.1%". */
export function formatPercent(share: number): string {
  return `${oneDecimal.format(share * 100)}%`;
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
  const text =
    unit === 0 ? integer.format(value) : value >= 100 ? integer.format(value) : oneDecimal.format(value);
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
