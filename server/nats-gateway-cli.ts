import type { FleetSimOptions } from '../src/sim/fleet-sim.js';
import { createNatsGateway } from './nats-gateway.js';

/** What `npm run bus -- --nats …` passes on. */
export interface NatsGatewayCliOptions {
  readonly nats: string;
  readonly subject?: string;
  readonly host: string;
  readonly port: number;
  readonly sim: FleetSimOptions | false;
  readonly quiet: boolean;
}

/**
 * Runs the NATS gateway from the command line until SIGINT/SIGTERM. The
 * credentials come from the environment (NATS_USER and NATS_PASS, or
 * NATS_TOKEN) so they never show in `ps` or a shell history.
 */
export async function startNatsGatewayCli(options: NatsGatewayCliOptions): Promise<void> {
  const servers = options.nats
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const server of servers) {
    const url = new URL(server.includes('://') ? server : `nats://${server}`);
    if (url.protocol !== 'nats:' && url.protocol !== 'tls:')
      throw new Error(`--nats takes nats://host:port URLs, not ${url.protocol}`);
    if (url.username || url.password)
      throw new Error('put NATS credentials in NATS_USER/NATS_PASS, not in the URL');
  }
  const log = options.quiet ? undefined : (line: string) => console.log(`[bus] ${line}`);
  const gateway = await createNatsGateway({
    servers,
    prefix: options.subject,
    user: process.env.NATS_USER,
    pass: process.env.NATS_PASS,
    natsToken: process.env.NATS_TOKEN,
    host: options.host,
    port: options.port,
    token: process.env.BUS_TOKEN,
    sim: options.sim,
    log,
  });
  console.log(`fleet bus (NATS gateway) listening on ${gateway.url}`);
  console.log(`  producers: POST ${gateway.url}/publish  (Content-Type: application/json)`);
  console.log(`  into:      ${servers.join(', ')} (JetStream, subject prefix ${options.subject ?? 'fleet'})`);
  console.log('  viewers:   open the deck with ?nats=<the cluster WebSocket URLs>');
  const stop = () => {
    void gateway.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
