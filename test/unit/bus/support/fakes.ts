import type { SocketLike, SourceTimers } from '../../../../src/bus/ws-source.js';

interface Task {
  readonly at: number;
  readonly seq: number;
  readonly run: () => void;
}

/** A hand-driven clock and timers: time moves only on `advance`. */
export class FakeClock implements SourceTimers {
  time = 0;
  private seq = 0;
  private readonly tasks = new Map<number, Task>();

  readonly now = (): number => this.time;

  readonly setTimeout = (run: () => void, ms: number): unknown => {
    const seq = ++this.seq;
    this.tasks.set(seq, { at: this.time + Math.max(0, ms), seq, run });
    return seq;
  };

  readonly clearTimeout = (handle: unknown): void => {
    this.tasks.delete(handle as number);
  };

  /** Timers not yet run. */
  get pending(): number {
    return this.tasks.size;
  }

  /** Moves time forward by `ms`, running every timer due on the way, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let next: Task | undefined;
      for (const task of this.tasks.values()) {
        if (task.at <= end && (!next || task.at < next.at || (task.at === next.at && task.seq < next.seq)))
          next = task;
      }
      if (!next) break;
      this.tasks.delete(next.seq);
      this.time = next.at;
      next.run();
    }
    this.time = end;
  }
}

/** A fake WebSocket class with its own list of instances; drive it from the "server" side. */
export function fakeSocketClass() {
  const instances: FakeSocket[] = [];
  class FakeSocket implements SocketLike {
    binaryType = 'blob';
    onopen: SocketLike['onopen'] = null;
    onmessage: SocketLike['onmessage'] = null;
    onclose: SocketLike['onclose'] = null;
    onerror: SocketLike['onerror'] = null;
    onrefused: SocketLike['onrefused'] = null;
    /** The code the client closed with, if it did. */
    closedWith?: number;

    constructor(readonly url: string) {
      instances.push(this);
    }

    close(code?: number): void {
      this.closedWith = code ?? 1005;
    }

    /** The server accepts. */
    open(): void {
      this.onopen?.({});
    }

    /** The server sends a frame. */
    send(data: unknown): void {
      this.onmessage?.({ data });
    }

    /** The link goes away with `code`. */
    drop(code = 1006, reason = ''): void {
      this.onerror?.({});
      this.onclose?.({ code, reason });
    }

    /** The socket will not be made (a worker's socket hears so after construction). */
    refuse(reason: string): void {
      this.onrefused?.(reason);
    }

    get attached(): boolean {
      return (
        this.onopen !== null ||
        this.onmessage !== null ||
        this.onclose !== null ||
        this.onerror !== null ||
        this.onrefused !== null
      );
    }
  }
  return { FakeSocket, instances };
}

/** A `document` stand-in whose visibility the test sets. */
export class FakeVisibility extends EventTarget {
  visibilityState = 'visible';

  set(state: 'visible' | 'hidden'): void {
    this.visibilityState = state;
    this.dispatchEvent(new Event('visibilitychange'));
  }
}
