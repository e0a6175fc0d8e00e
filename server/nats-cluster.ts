import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A local NATS cluster for development, tests and the bench: N
 * `nats-server` processes on loopback, each with JetStream, a WebSocket
 * listener for browsers and an HTTP monitor, in one temporary folder that
 * goes when the cluster stops.
 */

/** Who may do what on the cluster (see `permissionsConfig`). */
export interface NatsUsers {
  /** Creates and updates the streams, publishes (the gateway, `npm run bus -- --nats`). */
  readonly bridge: Credentials;
  /** Publishes events only: cannot read the fleet, cannot touch streams. */
  readonly producer: Credentials;
  /** Reads only: stream info and its own ordered consumers; cannot publish events. */
  readonly viewer: Credentials;
}

export interface Credentials {
  readonly user: string;
  readonly pass: string;
}

export interface NatsNode {
  readonly name: string;
  /** nats://127.0.0.1:port (Node clients, the gateway). */
  readonly clientUrl: string;
  /** ws://127.0.0.1:port (browsers). */
  readonly wsUrl: string;
  /** http://127.0.0.1:port (monitoring: /healthz, /varz). */
  readonly monitorUrl: string;
  /** The process id, while it runs. */
  readonly pid: number | undefined;
  /** True until the process exits. */
  readonly running: boolean;
  /** Kills the process at once (SIGKILL), as a crash would; resolves when it is gone. */
  kill(): Promise<void>;
}

export interface NatsCluster {
  readonly nodes: readonly NatsNode[];
  readonly users: NatsUsers;
  /** The folder holding configs and JetStream data. */
  readonly dir: string;
  /** Client URLs of every node, comma-separated, for `--nats`. */
  readonly clientUrls: string;
  /** Resident memory of the running nodes in bytes, summed (from /proc). */
  rssBytes(): number;
  /** Stops every node (SIGTERM, then SIGKILL after 5 s) and removes the folder. */
  stop(): Promise<void>;
}

export interface NatsClusterOptions {
  /** Nodes (default 3). */
  readonly nodes?: number;
  /**
   * First port: node i listens for clients on base+i, WebSocket on base+100+i,
   * routes on base+200+i, monitoring on base+300+i. 0 (default) picks free
   * ports at random, as tests must.
   */
  readonly basePort?: number;
  /** The cluster's subject prefix, for the permissions (default `fleet`). */
  readonly prefix?: string;
  /** Passwords; random when not given. */
  readonly users?: Partial<NatsUsers>;
  /** The nats-server binary (default: $NATS_SERVER, `nats-server` on PATH, or /usr/sbin/nats-server). */
  readonly binary?: string;
  /** Where the temporary folder goes (default: the OS temp folder). */
  readonly parentDir?: string;
  /** Each node's output lines, prefixed with its name (default: dropped). */
  readonly log?: (line: string) => void;
  /** How long to wait for JetStream to be ready (default 30 s). */
  readonly readyTimeoutMs?: number;
}

/** Free TCP ports on 127.0.0.1, found by binding port 0 (released before returning). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** The nats-server binary to start, or an error saying how to install it. */
export function findNatsServer(binary?: string): string {
  const given = binary ?? process.env.NATS_SERVER;
  if (given) return given;
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'nats-server'))) return join(dir, 'nats-server');
  }
  if (existsSync('/usr/sbin/nats-server')) return '/usr/sbin/nats-server';
  throw new Error(
    'nats-server not found: install it (Debian: apt-get install nats-server) or set NATS_SERVER',
  );
}

const quote = (s: string) => JSON.stringify(s);

/**
 * The `authorization` block every node shares. Three users:
 *
 * - `bridge` may publish events and manage streams (`$JS.API.>`): the
 *   gateway creates the streams at start and publishes with acks;
 * - `producer` may publish events under the prefix and hear the acks
 *   (`_INBOX.>`), nothing else: it cannot read the fleet or change streams;
 * - `viewer` may publish nothing under the prefix; it may only ask for
 *   stream info and create, read from and delete its own consumers, the
 *   calls an ordered consumer makes, and hear the answers on `_INBOX.>`.
 */
export function permissionsConfig(users: NatsUsers, prefix = 'fleet'): string {
  const viewerApi = [
    '$JS.API.INFO',
    '$JS.API.STREAM.INFO.*',
    // CREATE.<stream>.<consumer>.<filter subject…> (the 2.9 create call names its filter).
    '$JS.API.CONSUMER.CREATE.*.>',
    '$JS.API.CONSUMER.INFO.*.*',
    '$JS.API.CONSUMER.DELETE.*.*',
    '$JS.API.CONSUMER.MSG.NEXT.*.*',
  ];
  return `authorization {
  users: [
    { user: ${quote(users.bridge.user)}, password: ${quote(users.bridge.pass)},
      permissions: { publish: [${quote(`${prefix}.>`)}, "$JS.API.>"], subscribe: ["_INBOX.>"] } }
    { user: ${quote(users.producer.user)}, password: ${quote(users.producer.pass)},
      permissions: { publish: [${quote(`${prefix}.>`)}], subscribe: ["_INBOX.>"] } }
    { user: ${quote(users.viewer.user)}, password: ${quote(users.viewer.pass)},
      permissions: { publish: [${viewerApi.map(quote).join(', ')}], subscribe: ["_INBOX.>"] } }
  ]
}
`;
}

interface Ports {
  client: number;
  ws: number;
  route: number;
  monitor: number;
}

/** One node alone runs JetStream unclustered: a cluster block without routes would refuse to start. */
function clusterBlock(ports: Ports, routes: readonly number[]): string {
  return `cluster {
  name: "fleet-dev"
  listen: "127.0.0.1:${ports.route}"
  routes: [${routes.map((p) => quote(`nats-route://127.0.0.1:${p}`)).join(', ')}]
}
`;
}

function nodeConfig(
  name: string,
  ports: Ports,
  routes: readonly number[],
  dir: string,
  auth: string,
): string {
  return `server_name: ${quote(name)}
listen: "127.0.0.1:${ports.client}"
http: "127.0.0.1:${ports.monitor}"
jetstream {
  store_dir: ${quote(join(dir, name))}
  max_memory_store: 256MB
  max_file_store: 2GB
}
${routes.length > 0 ? clusterBlock(ports, routes) : ''}websocket {
  listen: "127.0.0.1:${ports.ws}"
  # Loopback only; beyond it, configure tls { cert_file, key_file } and allowed_origins.
  no_tls: true
}
${auth}`;
}

const randomPass = () => randomBytes(12).toString('base64url');

function rssOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status);
    return kb ? Number(kb[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function waitReady(monitorUrl: string, deadline: number): Promise<void> {
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${monitorUrl}/healthz?js-enabled-only=true`);
      if (res.ok) return;
      last = await res.text();
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nats-server at ${monitorUrl} not ready: ${last.slice(0, 200)}`);
}

/** Starts the cluster and resolves once every node answers its health check. */
export async function startNatsCluster(options: NatsClusterOptions = {}): Promise<NatsCluster> {
  const count = Math.max(1, Math.floor(options.nodes ?? 3));
  const binary = findNatsServer(options.binary);
  const prefix = options.prefix ?? 'fleet';
  const users: NatsUsers = {
    bridge: options.users?.bridge ?? { user: 'bridge', pass: randomPass() },
    producer: options.users?.producer ?? { user: 'producer', pass: randomPass() },
    viewer: options.users?.viewer ?? { user: 'viewer', pass: randomPass() },
  };
  const base = options.basePort ?? 0;
  const portList: Ports[] = [];
  if (base > 0) {
    for (let i = 0; i < count; i++)
      portList.push({ client: base + i, ws: base + 100 + i, route: base + 200 + i, monitor: base + 300 + i });
  } else {
    const free = await freePorts(count * 4);
    for (let i = 0; i < count; i++)
      portList.push({
        client: free[i * 4]!,
        ws: free[i * 4 + 1]!,
        route: free[i * 4 + 2]!,
        monitor: free[i * 4 + 3]!,
      });
  }
  const dir = mkdtempSync(join(options.parentDir ?? tmpdir(), 'fleet-nats-'));
  const auth = permissionsConfig(users, prefix);
  const log = options.log;
  const processes: (ChildProcess | undefined)[] = [];
  const exited: Promise<void>[] = [];

  const nodes: NatsNode[] = portList.map((ports, i) => {
    const name = `n${i + 1}`;
    const routes = portList.filter((_, j) => j !== i).map((p) => p.route);
    const file = join(dir, `${name}.conf`);
    writeFileSync(file, nodeConfig(name, ports, count > 1 ? routes : [], dir, auth));
    const child = spawn(binary, ['-c', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    processes[i] = child;
    let running = true;
    const gone = new Promise<void>((resolve) => {
      child.once('exit', () => {
        running = false;
        resolve();
      });
      child.once('error', (error) => {
        running = false;
        log?.(`[${name}] ${error.message}`);
        resolve();
      });
    });
    exited[i] = gone;
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (text: string) => {
        if (log) for (const line of text.split('\n')) if (line.trim()) log(`[${name}] ${line}`);
      });
    }
    return {
      name,
      clientUrl: `nats://127.0.0.1:${ports.client}`,
      wsUrl: `ws://127.0.0.1:${ports.ws}`,
      monitorUrl: `http://127.0.0.1:${ports.monitor}`,
      get pid() {
        return running ? child.pid : undefined;
      },
      get running() {
        return running;
      },
      kill: async () => {
        if (running) child.kill('SIGKILL');
        await gone;
      },
    };
  });

  const stop = async () => {
    await Promise.all(
      nodes.map(async (node, i) => {
        const child = processes[i];
        if (!node.running || !child) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited[i];
        clearTimeout(timer);
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
    await Promise.all(nodes.map((n) => waitReady(n.monitorUrl, deadline)));
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    nodes,
    users,
    dir,
    clientUrls: nodes.map((n) => n.clientUrl).join(','),
    rssBytes: () => nodes.reduce((sum, n) => sum + rssOf(n.pid), 0),
    stop,
  };
}
