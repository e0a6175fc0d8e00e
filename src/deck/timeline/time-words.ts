import type { TimeStatus } from '../../bus/time-control.js';
import { formatCount } from '../../scenes/shared/format.js';

/**
 * A duration in words for screen readers and labels: 130,000 → "2 min 10 s",
 * 3,725,000 → "1 h 2 min 5 s", under a second → "0 s". Whole seconds.
 */
export function durationWords(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const min = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [h > 0 ? `${h} h` : '', min > 0 ? `${min} min` : '', s > 0 || total === 0 ? `${s} s` : ''];
  return parts.filter(Boolean).join(' ');
}

/** A duration as a clock: 130,000 → "2:10", 3,725,000 → "1:02:05". */
export function durationClock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const min = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(min).padStart(2, '0')}:${s}` : `${min}:${s}`;
}

/** Milliseconds into a replay of the moment shown. */
export function replayOffset(status: TimeStatus): number {
  return Math.max(0, status.position - status.start);
}

/**
 * The moment shown, in words (the slider's `aria-valuetext`): live, "2 min
 * 10 s ago"; replay, "45 s into the recording, of 1 min".
 */
export function momentWords(status: TimeStatus): string {
  if (status.mode === 'replay') {
    return `${durationWords(replayOffset(status))} into the recording, of ${durationWords(status.end - status.start)}`;
  }
  const ago = status.end - status.position;
  return ago < 500 ? 'now' : `${durationWords(ago)} ago`;
}

/** The moment shown, short, for the bar: "−2:10" live, "0:45 / 1:00" replay. */
export function momentClock(status: TimeStatus): string {
  if (status.mode === 'replay')
    return `${durationClock(replayOffset(status))} / ${durationClock(status.end - status.start)}`;
  const ago = status.end - status.position;
  return ago < 500 ? 'now' : `−${durationClock(ago)}`;
}

/** What the badge says: "paused · 12 held", "paused", or undefined while running. */
export function pausedWords(status: TimeStatus): string | undefined {
  if (!status.paused) return undefined;
  if (status.ended) return 'replay finished';
  return status.held > 0 ? `paused · ${formatCount(status.held)} held` : 'paused';
}
