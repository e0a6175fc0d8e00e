import { describe, expect, it } from 'vitest';
import {
  type FromSocketWorker,
  type SocketWorkerScope,
  socketWorkerMain,
  socketWorkerScript,
  type ToSocketWorker,
} from '../../../src/bus/socket-worker.js';
import {
  CSP_REFUSAL,
  offThreadSockets,
  type WorkerLike,
  WorkerSocket,
} from '../../../src/bus/worker-socket.js';
import type { SocketConstructor } from '../../../src/bus/ws-source.js';
import { fakeSocketClass } from './support/fakes.js';

/** A worker's global scope around `socketWorkerMain`, with a fake WebSocket; the test plays the page. */
function workerScope() {
  const { FakeSocket, instances } = fakeSocketClass();
  const posted: { message: FromSocketWorker; transfer?: Transferable[] }[] = [];
  const violations = new EventTarget();
  const scope = {
    onmessage: null as SocketWorkerScope['onmessage'],
    closed: false,
    postMessage(message: FromSocketWorker, transfer?: Transferable[]) {
      posted.push({ message, transfer });
    },
    addEventListener(type: string, listener: (event: Event) => void) {
      violations.addEventListener(type, listener);
    },
    close() {
      this.closed = true;
    },
    WebSocket: FakeSocket as unknown as SocketWorkerScope['WebSocket'],
  };
  const send = (message: ToSocketWorker) => scope.onmessage?.({ data: message });
  return { scope, posted, instances, violations, send };
}

/** A worker the page side drives: what it was sent, and a way to answer as the worker. */
function fakeWorker() {
  const sent: ToSocketWorker[] = [];
  let scripts = 0;
  const worker: WorkerLike & { terminated: boolean } = {
    onmessage: null,
    onerror: null,
    terminated: false,
    postMessage: (message) => sent.push(message),
    terminate() {
      this.terminated = true;
    },
  };
  const answer = (message: FromSocketWorker) => worker.onmessage?.({ data: message });
  const fail = () => worker.onerror?.({});
  const make = (script: string) => {
    expect(script).toContain('socketWorkerMain');
    scripts++;
    return worker;
  };
  return { worker, sent, answer, fail, make, scripts: () => scripts };
}

describe('the socket worker', () => {
  it('dials when asked, and relays open, frames as they came, errors and the close', () => {
    const { scope, posted, instances, send } = workerScope();
    socketWorkerMain(scope);
    expect(instances).toHaveLength(0);
    send({ kind: 'dial', url: 'ws://127.0.0.1:1/ws' });
    const socket = instances[0]!;
    expect(socket.url).toBe('ws://127.0.0.1:1/ws');
    expect(socket.binaryType).toBe('arraybuffer');
    socket.open();
    socket.send('[{"type":"live_detection"}]');
    const bytes = new ArrayBuffer(4);
    socket.send(bytes);
    socket.send({ not: 'a frame' });
    socket.drop(1006, 'gone');
    expect(posted.map((p) => p.message)).toEqual([
      { kind: 'open' },
      '[{"type":"live_detection"}]',
      bytes,
      { kind: 'error' },
      { kind: 'close', code: 1006, reason: 'gone' },
    ]);
    // Bytes are handed over, not copied.
    expect(posted[2]!.transfer).toEqual([bytes]);
    expect(scope.closed).toBe(true);
  });

  it('holds one socket: a second dial is ignored, and a close request closes it', () => {
    const { scope, instances, send } = workerScope();
    socketWorkerMain(scope);
    send({ kind: 'dial', url: 'ws://127.0.0.1:1/a' });
    send({ kind: 'dial', url: 'ws://127.0.0.1:1/b' });
    expect(instances).toHaveLength(1);
    send({ kind: 'close', code: 1000 });
    expect(instances[0]!.closedWith).toBe(1000);
  });

  it('closes plainly when asked to close with a code a page may not send', () => {
    const { scope, instances, send } = workerScope();
    socketWorkerMain(scope);
    send({ kind: 'dial', url: 'ws://127.0.0.1:1/ws' });
    const socket = instances[0]!;
    const closes: (number | undefined)[] = [];
    socket.close = (code?: number) => {
      if (code !== undefined && code !== 1000) throw new DOMException('bad code', 'InvalidAccessError');
      closes.push(code);
    };
    send({ kind: 'close', code: 1006 });
    expect(closes).toEqual([undefined]);
  });

  it('says so when the socket cannot be made, and ends', () => {
    const { scope, posted, send } = workerScope();
    scope.WebSocket = class {
      constructor(url: string) {
        throw new SyntaxError(`bad URL ${url}`);
      }
    } as unknown as SocketWorkerScope['WebSocket'];
    socketWorkerMain(scope);
    send({ kind: 'dial', url: 'nope' });
    expect(posted.map((p) => p.message)).toEqual([{ kind: 'failed', reason: 'bad URL nope' }]);
    expect(scope.closed).toBe(true);
  });

  it("relays the page's policy refusing something", () => {
    const { scope, posted, violations } = workerScope();
    socketWorkerMain(scope);
    violations.dispatchEvent(
      Object.assign(new Event('securitypolicyviolation'), {
        effectiveDirective: 'connect-src',
        blockedURI: 'ws://10.0.0.1:1',
        disposition: 'enforce',
      }),
    );
    expect(posted.map((p) => p.message)).toEqual([
      { kind: 'violation', directive: 'connect-src', blockedURI: 'ws://10.0.0.1:1', disposition: 'enforce' },
    ]);
  });

  it('runs from its own text alone, as the worker runs it', () => {
    const { scope, instances, send } = workerScope();
    // Evaluated apart from this module: a name from outside the function would throw here.
    new Function('self', socketWorkerScript())(scope);
    send({ kind: 'dial', url: 'ws://127.0.0.1:1/ws' });
    expect(instances).toHaveLength(1);
  });
});

describe('WorkerSocket, the page side', () => {
  it('asks its worker to dial, and gives the source what the worker relays', () => {
    const { sent, answer, make, worker } = fakeWorker();
    const socket = new WorkerSocket('ws://127.0.0.1:1/ws', make);
    const seen: unknown[] = [];
    socket.onopen = () => seen.push('open');
    socket.onmessage = (e) => seen.push(e.data);
    socket.onerror = () => seen.push('error');
    socket.onclose = (e) => seen.push(`close ${e.code} ${e.reason}`);
    expect(sent).toEqual([{ kind: 'dial', url: 'ws://127.0.0.1:1/ws' }]);
    const bytes = new ArrayBuffer(2);
    answer({ kind: 'open' });
    answer('frame');
    answer(bytes);
    answer({ kind: 'error' });
    expect(worker.terminated).toBe(false);
    answer({ kind: 'close', code: 1001, reason: 'bye' });
    expect(seen).toEqual(['open', 'frame', bytes, 'error', 'close 1001 bye']);
    expect(worker.terminated).toBe(true);
  });

  it('passes a close on to the worker, which closes the socket gracefully', () => {
    const { sent, make } = fakeWorker();
    new WorkerSocket('ws://127.0.0.1:1/ws', make).close(1000, 'done');
    expect(sent.at(-1)).toEqual({ kind: 'close', code: 1000, reason: 'done' });
  });

  it('reports a connect-src refusal as refused, and ignores report-only and other directives', () => {
    const { answer, make, worker } = fakeWorker();
    const socket = new WorkerSocket('ws://10.0.0.1:1/ws', make);
    const refused: string[] = [];
    socket.onrefused = (reason) => refused.push(reason);
    const violation = { kind: 'violation', blockedURI: 'ws://10.0.0.1:1' } as const;
    answer({ ...violation, directive: 'connect-src', disposition: 'report' });
    answer({ ...violation, directive: 'img-src', disposition: 'enforce' });
    expect(refused).toEqual([]);
    answer({ ...violation, directive: 'connect-src', disposition: 'enforce' });
    expect(refused).toEqual([CSP_REFUSAL]);
    expect(worker.terminated).toBe(true);
  });

  it('reports a socket the worker could not make as refused, with the reason', () => {
    const { answer, make } = fakeWorker();
    const socket = new WorkerSocket('ws://x', make);
    const refused: string[] = [];
    socket.onrefused = (reason) => refused.push(reason);
    answer({ kind: 'failed', reason: 'bad URL' });
    expect(refused).toEqual(['bad URL']);
  });
});

describe('WorkerSocket when its worker fails', () => {
  it("hands over to the page's own socket when the worker failed before relaying anything", () => {
    const { fail, make, worker } = fakeWorker();
    const { FakeSocket, instances } = fakeSocketClass();
    let unavailable = 0;
    const socket = new WorkerSocket('ws://127.0.0.1:1/ws', make, {
      PageSocket: FakeSocket,
      unavailable: () => unavailable++,
    });
    const seen: unknown[] = [];
    socket.onopen = () => seen.push('open');
    socket.onmessage = (e) => seen.push(e.data);
    socket.onclose = (e) => seen.push(`close ${e.code}`);
    // A page whose policy allows no blob: workers: the worker's script is refused after construction.
    fail();
    expect(worker.terminated).toBe(true);
    expect(unavailable).toBe(1);
    const page = instances[0]!;
    expect(page.url).toBe('ws://127.0.0.1:1/ws');
    expect(page.binaryType).toBe('arraybuffer');
    page.open();
    page.send('frame');
    socket.close(1000);
    expect(page.closedWith).toBe(1000);
    page.drop(1000);
    expect(seen).toEqual(['open', 'frame', 'close 1000']);
  });

  it('reads as a dropped link when the worker fails after it relayed something', () => {
    const { answer, fail, make } = fakeWorker();
    const { FakeSocket, instances } = fakeSocketClass();
    const socket = new WorkerSocket('ws://127.0.0.1:1/ws', make, { PageSocket: FakeSocket });
    const closes: number[] = [];
    socket.onclose = (e) => closes.push(e.code);
    answer({ kind: 'open' });
    fail();
    expect(closes).toEqual([1006]);
    expect(instances).toHaveLength(0);
  });

  it("reports refused when the page's own socket cannot be made either", () => {
    const { fail, make } = fakeWorker();
    const Refusing = class {
      constructor() {
        throw new SyntaxError('not a URL');
      }
    } as unknown as SocketConstructor;
    const socket = new WorkerSocket('ws://x', make, { PageSocket: Refusing });
    const refused: string[] = [];
    socket.onrefused = (reason) => refused.push(reason);
    fail();
    expect(refused).toEqual(['not a URL']);
  });
});

describe('offThreadSockets', () => {
  it('opens sockets in workers while it can make them', () => {
    const { make, scripts } = fakeWorker();
    const { FakeSocket, instances } = fakeSocketClass();
    const open = offThreadSockets(make, FakeSocket)!;
    expect(open('ws://127.0.0.1:1/a')).toBeInstanceOf(WorkerSocket);
    expect(open('ws://127.0.0.1:1/b')).toBeInstanceOf(WorkerSocket);
    expect(scripts()).toBe(2);
    expect(instances).toHaveLength(0);
  });

  it("falls back to the page's own socket for good once a worker cannot be made", () => {
    let tries = 0;
    const refuse = () => {
      tries++;
      throw new DOMException('refused by worker-src', 'SecurityError');
    };
    const { FakeSocket, instances } = fakeSocketClass();
    const open = offThreadSockets(refuse, FakeSocket)!;
    expect(open('ws://127.0.0.1:1/a')).toBe(instances[0]);
    expect(open('ws://127.0.0.1:1/b')).toBe(instances[1]);
    expect(tries).toBe(1);
  });

  it('goes straight to the page socket after a worker failed to load', () => {
    const { fail, make, scripts } = fakeWorker();
    const { FakeSocket, instances } = fakeSocketClass();
    const open = offThreadSockets(make, FakeSocket)!;
    open('ws://127.0.0.1:1/a');
    fail();
    expect(instances).toHaveLength(1);
    expect(open('ws://127.0.0.1:1/b')).toBe(instances[1]);
    expect(scripts()).toBe(1);
  });

  it('is undefined where there is no WebSocket at all', () => {
    expect(offThreadSockets(fakeWorker().make, undefined)).toBeUndefined();
  });
});
