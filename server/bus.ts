/**
 * `npm run bus [-- --sim [--seed N] [--hosts N] [--rate X]]`
 *
 * The local bus for producers: POST events to /publish, open the deck with
 * `?ws=ws://127.0.0.1:8787/ws`. PORT and HOST choose where it listens
 * (127.0.0.1:8787 by default); a HOST beyond loopback needs BUS_TOKEN.
 * BUS_ORIGINS (comma-separated) lists web origins allowed on /ws besides
 * loopback ones; MAX_VIEWERS caps viewers (default 1,000).
 */
import { parseArgs } from 'node:util';
import type { FleetSimOptions } from '../src/sim/fleet-sim.js';
import { createBusServer, DEFAULT_HOST, DEFAULT_PORT } from './bus-server.js';
import { startNatsGatewayCli } from './nats-gateway-cli.js';

function numberOf(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, not ${JSON.stringify(value)}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sim: { type: 'boolean', default: false },
      seed: { type: 'string' },
      hosts: { type: 'string' },
      rate: { type: 'string' },
      accuracy: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      nats: { type: 'string' },
      subject: { type: 'string' },
    },
  });
  if (values.help) {
    console.log(
      'usage: npm run bus [-- --sim [--seed N] [--hosts N] [--rate X] [--accuracy P]] [--port N] [--host H]\n' +
        '                   [--nats nats://HOST:PORT[,…] [--subject PREFIX]]  (env NATS_USER, NATS_PASS or NATS_TOKEN)\n' +
        'env: PORT, HOST (default 127.0.0.1:8787), BUS_TOKEN (required beyond loopback),\n' +
        '     BUS_ORIGINS (comma-separated origins allowed on /ws besides loopback), MAX_VIEWERS (default 1000)',
    );
    return;
  }
  const port = numberOf(values.port ?? process.env.PORT, 'PORT') ?? DEFAULT_PORT;
  const host = values.host ?? process.env.HOST ?? DEFAULT_HOST;
  const sim: FleetSimOptions | false = values.sim
    ? {
        seed: numberOf(values.seed, '--seed'),
        hosts: numberOf(values.hosts, '--hosts'),
        rate: numberOf(values.rate, '--rate'),
        accuracy: numberOf(values.accuracy, '--accuracy'),
      }
    : false;
  // With --nats the events go into a NATS cluster's JetStream instead of this process's cache.
  if (values.nats !== undefined)
    return startNatsGatewayCli({
      nats: values.nats,
      subject: values.subject,
      host,
      port,
      sim,
      quiet: values.quiet,
    });
  const bus = await createBusServer({
    host,
    port,
    token: process.env.BUS_TOKEN,
    origins: process.env.BUS_ORIGINS?.split(','),
    maxViewers: numberOf(process.env.MAX_VIEWERS, 'MAX_VIEWERS'),
    sim,
    log: values.quiet ? undefined : (line) => console.log(`[bus] ${line}`),
  });
  const tokenHint = process.env.BUS_TOKEN ? ' (with ?token=… / Authorization: Bearer …)' : '';
  console.log(`fleet bus listening on ${bus.url}`);
  console.log(`  producers: POST ${bus.url}/publish  (Content-Type: application/json)${tokenHint}`);
  console.log(`  viewers:   ${bus.wsUrl}  → open the deck with ?ws=${bus.wsUrl}`);
  const stop = () => {
    void bus.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`fleet bus: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
