import { type FromSocketWorker, socketWorkerScript, type ToSocketWorker } from './socket-worker.js';
import type { SocketConstructor, SocketLike } from './ws-source.js';

/** What the page side needs of a worker (the DOM one, or a fake in tests). */
export interface WorkerLike {
  onmessage: ((event: { readonly data: FromSocketWorker }) => void) | null;
  /** The worker failed: its script refused (a policy without `blob:` in `worker-src`), or it threw. */
  onerror: ((event: unknown) => void) | null;
  postMessage(message: ToSocketWorker): void;
  terminate(): void;
}

/** Makes a worker running `script` (JavaScript text); may throw, or fail later (`onerror`), where the page may not. */
export type WorkerFactory = (script: string) => WorkerLike;

/** Where a worker cannot be had: the page's own socket, and whom to tell so that later dials go straight to it. */
export interface PageSocketFallback {
  readonly PageSocket: SocketConstructor;
  /** Called once the worker failed before it relayed anything. */
  readonly unavailable?: () => void;
}

let scriptUrl: string | undefined;

/**
 * A classic worker from a blob: URL. From a blob:, the worker inherits the
 * page's Content-Security-Policy, so its socket is held to the page's
 * `connect-src` as a socket of the page's own would be (a worker script
 * served as a file would bring no policy with it on a static host).
 */
const blobWorker: WorkerFactory = (script) => {
  scriptUrl ??= URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
  return new Worker(scriptUrl) as unknown as WorkerLike;
};

/**
 * A WebSocket held by a worker: the page gets each frame as the socket
 * delivered it, and the same events, through `SocketLike`.
 *
 * Why: receiving a frame costs its thread more than parsing it. In a flood of
 * 500-event frames, the page's main thread spent as long in the browser's own
 * work of taking each message (about 2.5 ms a 100 kB frame, measured on the
 * bench's parse-and-count page) as in everything the deck does with it, and
 * scenes draw on that thread too. A string posted from a worker reaches the
 * page as a copy. With the socket in a worker, the bench's floods of
 * 500-event frames went from about 40,000 to 56,000 events/s on two cores
 * (see bench/HISTORY.md).
 */
export class WorkerSocket implements SocketLike {
  /** Ignored: the worker always takes binary frames as ArrayBuffers, which the source expects. */
  binaryType = 'arraybuffer';
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  onrefused: SocketLike['onrefused'] = null;
  private worker?: WorkerLike;
  /** The page's own socket, once the worker failed before it relayed anything. */
  private inner?: SocketLike;
  /** Whether the worker relayed anything yet (it loaded and ran). */
  private heard = false;

  /**
   * Throws where the page may not make the worker at all. A worker that fails
   * later, before it relayed anything, is replaced by the page's own socket
   * (`fallback`); one that fails after reads as a dropped link.
   */
  constructor(
    private readonly url: string,
    makeWorker: WorkerFactory = blobWorker,
    private readonly fallback?: PageSocketFallback,
  ) {
    const worker = makeWorker(socketWorkerScript());
    this.worker = worker;
    worker.onmessage = (event) => {
      this.heard = true;
      this.receive(event.data);
    };
    worker.onerror = () => this.workerFailed();
    worker.postMessage({ kind: 'dial', url });
  }

  close(code?: number, reason?: string): void {
    if (this.inner) this.inner.close(code, reason);
    else this.worker?.postMessage({ kind: 'close', code, reason });
  }

  private workerFailed(): void {
    if (!this.worker) return;
    this.end();
    if (this.heard || !this.fallback) {
      this.onclose?.({ code: 1006, reason: 'the socket worker failed' });
      return;
    }
    this.fallback.unavailable?.();
    let inner: SocketLike;
    try {
      inner = new this.fallback.PageSocket(this.url);
    } catch (error) {
      this.onrefused?.(error instanceof Error ? error.message.slice(0, 120) : 'cannot open the socket');
      return;
    }
    this.inner = inner;
    inner.binaryType = 'arraybuffer';
    inner.onopen = (event) => this.onopen?.(event);
    inner.onmessage = (event) => this.onmessage?.(event);
    inner.onerror = (event) => this.onerror?.(event);
    inner.onclose = (event) => this.onclose?.(event);
  }

  private receive(message: FromSocketWorker): void {
    if (typeof message === 'string' || message instanceof ArrayBuffer) {
      this.onmessage?.({ data: message });
      return;
    }
    switch (message.kind) {
      case 'open':
        this.onopen?.(message);
        return;
      case 'error':
        this.onerror?.(message);
        return;
      case 'failed':
        this.end();
        this.onrefused?.(message.reason.slice(0, 120) || 'cannot open the socket');
        return;
      case 'violation':
        // The refused socket never connects, and may never close: nothing is left to close gracefully.
        if (message.disposition === 'report' || message.directive !== 'connect-src') return;
        this.end();
        this.onrefused?.(CSP_REFUSAL);
        return;
      case 'close':
        this.end();
        this.onclose?.(message);
    }
  }

  /** Lets the worker go: it closed itself, failed, or holds a socket that will never open. */
  private end(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }
}

/** What the badge says when the page's policy refuses the socket's URL. */
export const CSP_REFUSAL = "refused by this page's Content-Security-Policy: use wss: or a loopback host";

/**
 * The socket a `?ws=` source opens by default: one held by a worker, or,
 * where the page cannot make workers (none, or a policy without `blob:` in
 * `worker-src`), the page's own WebSocket. Once a worker could not be had,
 * later dials go straight to the page's socket.
 */
export function offThreadSockets(
  makeWorker: WorkerFactory = blobWorker,
  PageSocket: SocketConstructor | undefined = globalThis.WebSocket as unknown as
    | SocketConstructor
    | undefined,
): ((url: string) => SocketLike) | undefined {
  if (!PageSocket) return undefined;
  let workers = typeof Worker === 'function' || makeWorker !== blobWorker;
  const fallback: PageSocketFallback = {
    PageSocket,
    unavailable: () => {
      workers = false;
    },
  };
  return (url) => {
    if (workers) {
      try {
        return new WorkerSocket(url, makeWorker, fallback);
      } catch {
        workers = false;
      }
    }
    return new PageSocket(url);
  };
}
