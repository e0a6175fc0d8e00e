import type { BusTimers } from './frame-stream.js';

/**
 * A zero-delay task through a MessageChannel. Chained `setTimeout(…, 0)`
 * calls are clamped to 4 ms from the fifth on (HTML's timer nesting rule), so
 * a backlog drained in slices idled a third of the time between them.
 */
interface Task {
  readonly callback: () => void;
  cancelled: boolean;
}

let channel: MessageChannel | undefined;
const tasks: Task[] = [];

function postTask(callback: () => void): Task {
  const task: Task = { callback, cancelled: false };
  tasks.push(task);
  if (!channel) {
    channel = new MessageChannel();
    // One message per task, in order: each runs as a task of its own.
    channel.port1.onmessage = () => {
      const next = tasks.shift();
      if (next && !next.cancelled) next.callback();
    };
  }
  channel.port2.postMessage(null);
  return task;
}

const isTask = (handle: unknown): handle is Task =>
  typeof handle === 'object' && handle !== null && 'cancelled' in handle;

/** In a page; elsewhere (Node, fake timers in tests) the global timers serve as they are. */
const inPage = typeof document === 'object' && typeof MessageChannel === 'function';

/** The bus's timers: in a page zero delays as tasks and frames from requestAnimationFrame. */
export const defaultBusTimers: BusTimers = {
  setTimeout: (callback, ms) =>
    inPage && ms <= 0 ? postTask(callback) : globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => {
    if (isTask(handle)) handle.cancelled = true;
    else globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
  ...(inPage && typeof requestAnimationFrame === 'function'
    ? {
        requestFrame: (callback: (sinceFrameMs: number) => void) =>
          void requestAnimationFrame((frameAt) => callback(Math.max(0, performance.now() - frameAt))),
      }
    : {}),
};
