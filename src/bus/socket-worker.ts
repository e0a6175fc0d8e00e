/**
 * The inside of the worker that holds a `?ws=` source's WebSocket (see
 * `worker-socket.ts` for why, and for the page's side). It runs as the text
 * of `socketWorkerMain`, so the function must stay self-contained: no
 * imports, no names from this module, only what its scope is given.
 */

/** What the page asks of the worker. */
export type ToSocketWorker =
  | { readonly kind: 'dial'; readonly url: string }
  | { readonly kind: 'close'; readonly code?: number; readonly reason?: string };

/**
 * What the worker tells the page. A frame is posted as it came (its text, or
 * its bytes transferred), never wrapped, so a frame costs the page one copy of
 * a string and nothing more; everything else is an object.
 */
export type FromSocketWorker =
  | string
  | ArrayBuffer
  | { readonly kind: 'open' }
  | { readonly kind: 'error' }
  | { readonly kind: 'close'; readonly code: number; readonly reason: string }
  /** The socket could not even be made (the URL, say). */
  | { readonly kind: 'failed'; readonly reason: string }
  /** The page's Content-Security-Policy, which a worker made from a blob: URL inherits, refused something. */
  | {
      readonly kind: 'violation';
      readonly directive: string;
      readonly blockedURI: string;
      readonly disposition: string;
    };

/** What the worker's global scope gives `socketWorkerMain` (a fake in tests). */
export interface SocketWorkerScope {
  onmessage: ((event: { readonly data: ToSocketWorker }) => void) | null;
  postMessage(message: FromSocketWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'securitypolicyviolation', listener: (event: Event) => void): void;
  close(): void;
  readonly WebSocket: new (url: string) => WebSocket;
}

/** The worker's program: one socket, dialled when the page asks, relayed until it closes. */
export function socketWorkerMain(scope: SocketWorkerScope): void {
  let socket: WebSocket | undefined;
  scope.addEventListener('securitypolicyviolation', (event) => {
    const v = event as Event & { effectiveDirective?: string; blockedURI?: string; disposition?: string };
    scope.postMessage({
      kind: 'violation',
      directive: v.effectiveDirective ?? '',
      blockedURI: v.blockedURI ?? '',
      disposition: v.disposition ?? '',
    });
  });
  scope.onmessage = (event) => {
    const message = event.data;
    if (message.kind === 'close') {
      if (!socket) scope.close();
      else {
        // A code the browser does not allow a page to send throws: close plainly rather than not at all.
        try {
          socket.close(message.code, message.reason);
        } catch {
          socket.close();
        }
      }
      return;
    }
    if (socket) return;
    try {
      socket = new scope.WebSocket(message.url);
    } catch (error) {
      scope.postMessage({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
      scope.close();
      return;
    }
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => scope.postMessage({ kind: 'open' });
    socket.onmessage = (frame: MessageEvent<unknown>) => {
      const data = frame.data;
      if (data instanceof ArrayBuffer) scope.postMessage(data, [data]);
      else if (typeof data === 'string') scope.postMessage(data);
    };
    socket.onerror = () => scope.postMessage({ kind: 'error' });
    socket.onclose = (closed: CloseEvent) => {
      scope.postMessage({ kind: 'close', code: closed.code, reason: closed.reason });
      scope.close();
    };
  };
}

/** The worker's script: `socketWorkerMain` run on the worker's own global scope. */
export function socketWorkerScript(): string {
  return `(${socketWorkerMain.toString()})(self);\n`;
}
