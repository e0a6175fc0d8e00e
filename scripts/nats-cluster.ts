/**
 * `npm run nats:cluster [-- --nodes 3] [--base-port 4222] [--prefix fleet] [--verbose]`
 *
 * Starts a local NATS cluster (JetStream + WebSocket on loopback) in a
 * temporary folder and prints how to point the gateway and the deck at it.
 * Ctrl-C stops every node and removes the folder.
 */
import { parseArgs } from 'node:util';
import { startNatsCluster } from '../server/nats-cluster.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      nodes: { type: 'string', default: '3' },
      'base-port': { type: 'string', default: '4222' },
      prefix: { type: 'string', default: 'fleet' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(
      'usage: npm run nats:cluster [-- --nodes N] [--base-port P (0: random free ports)] [--prefix fleet] [--verbose]\n' +
        'node i: clients on P+i, WebSocket on P+100+i, routes on P+200+i, monitoring on P+300+i\n' +
        'env: NATS_SERVER (the binary), NATS_BRIDGE_PASS, NATS_PRODUCER_PASS, NATS_VIEWER_PASS (random when unset)',
    );
    return;
  }
  const nodes = Number(values.nodes);
  const basePort = Number(values['base-port']);
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 9) throw new Error('--nodes must be 1–9');
  if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65_000)
    throw new Error('--base-port must be 0–65000');
  const pass = (name: string, env: string) => {
    const value = process.env[env];
    return value ? { user: name, pass: value } : undefined;
  };
  const cluster = await startNatsCluster({
    nodes,
    basePort,
    prefix: values.prefix,
    users: {
      bridge: pass('bridge', 'NATS_BRIDGE_PASS'),
      producer: pass('producer', 'NATS_PRODUCER_PASS'),
      viewer: pass('viewer', 'NATS_VIEWER_PASS'),
    },
    log: values.verbose
      ? (line) => console.log(line)
      : // Routes to peers that are still starting fail once or twice; that is not worth a line.
        (line) => /\[(ERR|FTL)\]/.test(line) && !/connect to route/.test(line) && console.error(line),
  });
  const { users } = cluster;
  const ws = cluster.nodes.map((n) => n.wsUrl).join(',');
  console.log(`NATS cluster of ${nodes} running in ${cluster.dir}`);
  for (const n of cluster.nodes)
    console.log(`  ${n.name}: ${n.clientUrl}  websocket ${n.wsUrl}  monitor ${n.monitorUrl}`);
  console.log('users (these passwords are for this run; set NATS_*_PASS to choose them):');
  console.log(`  bridge   ${users.bridge.pass}   (creates streams, publishes)`);
  console.log(`  producer ${users.producer.pass}   (publishes ${values.prefix}.> only)`);
  console.log(`  viewer   ${users.viewer.pass}   (reads only)`);
  console.log('gateway for HTTP producers:');
  console.log(
    `  NATS_USER=bridge NATS_PASS=${users.bridge.pass} npm run bus -- --nats ${cluster.clientUrls}`,
  );
  console.log('deck:');
  console.log(
    `  http://localhost:5173/?nats=${ws}&user=viewer&pass=${encodeURIComponent(users.viewer.pass)}`,
  );
  console.log('Ctrl-C stops the cluster and removes its folder.');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('stopping…');
    void cluster.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`nats:cluster: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
