import { type FleetSimOptions, MAX_SIM_HOSTS } from '../sim/fleet-sim.js';
import { type NatsSettings, readNatsSettings } from './nats-settings.js';
import { MAX_WARM_S } from './warm-start.js';

/** What the URL (or `<fleet-bus>` attributes) asks the deck to connect to. */
export interface SourceOptions {
  /** Simulator settings, and `warm`: seconds of history computed before the first paint. */
  readonly sim: FleetSimOptions & { readonly warm?: number };
  /** Force the simulator on (true) or off (false); undefined lets the source decide. */
  readonly simulator?: boolean;
  readonly ws?: string;
  /** `?nats=`: a NATS cluster's WebSocket endpoints, prefix and credentials. */
  readonly nats?: NatsSettings;
  readonly replay?: string;
  /** Replay: start over after the last line. */
  readonly loop?: boolean;
}

function number(params: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : undefined;
}

/** A present flag: `loop`, `loop=1`, `loop=true` (but not `loop=0` or `loop=false`). */
function flag(params: URLSearchParams, name: string): boolean {
  const raw = params.get(name);
  return raw !== null && raw !== '0' && raw !== 'false';
}

/** Reads source and simulator settings from URL parameters; out-of-range numbers are clamped. */
export function readSourceOptions(params: URLSearchParams): SourceOptions {
  const simParam = params.get('sim');
  return {
    sim: {
      seed: number(params, 'seed', 0, 2 ** 32 - 1),
      hosts: number(params, 'hosts', 1, MAX_SIM_HOSTS),
      warm: number(params, 'warm', 0, MAX_WARM_S),
      accuracy: number(params, 'accuracy', 0, 1),
      rate: number(params, 'rate', 0.01, 100),
    },
    simulator: simParam === null ? undefined : simParam !== '0' && simParam !== 'false',
    ws: params.get('ws') ?? undefined,
    nats: readNatsSettings(params),
    replay: params.get('replay') ?? undefined,
    loop: flag(params, 'loop'),
  };
}
