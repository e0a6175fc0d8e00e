import { type FleetSimOptions, MAX_SIM_HOSTS } from '../sim/fleet-sim.js';
import type { BusDiagnostics } from './diagnostics.js';
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

/** The simulator's numeric parameters and the range each is clamped to. */
const SIM_NUMBERS = {
  seed: [0, 2 ** 32 - 1],
  hosts: [1, MAX_SIM_HOSTS],
  warm: [0, MAX_WARM_S],
  accuracy: [0, 1],
  rate: [0.01, 100],
} as const satisfies Record<string, readonly [number, number]>;
type SimNumber = keyof typeof SIM_NUMBERS;

/** `name`'s value, clamped to its range; undefined when absent or not a number (the default applies). */
function number(params: URLSearchParams, name: SimNumber): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  const [min, max] = SIM_NUMBERS[name];
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : undefined;
}

/** At most this many characters of a parameter's value are repeated back in a notice. */
const SHOWN_CHARS = 24;

/**
 * What the deck did with simulator parameters it could not take as given:
 * `hosts=20000` is above 10,000 (10,000 is used); `hosts=many` is not a
 * number (the default is used). Empty when every one was taken as is. The
 * page logs these and the diagnostics overlay (`d`) lists them.
 */
export function urlNotices(params: URLSearchParams): string[] {
  const notices: string[] = [];
  for (const name of Object.keys(SIM_NUMBERS) as SimNumber[]) {
    const raw = params.get(name);
    if (raw === null || raw.trim() === '') continue;
    const shown = raw.length > SHOWN_CHARS ? `${raw.slice(0, SHOWN_CHARS)}…` : raw;
    const value = number(params, name);
    if (value === undefined) notices.push(`${name}=${shown} is not a number: the default is used`);
    else if (value !== Number(raw)) {
      const [min, max] = SIM_NUMBERS[name];
      notices.push(`${name}=${shown} is outside ${min}–${max}: ${value} is used`);
    }
  }
  return notices;
}

/** Logs each of `params`' notices (see urlNotices) and lists it in `diagnostics`, for the overlay. */
export function reportUrlNotices(params: URLSearchParams, diagnostics: BusDiagnostics): void {
  for (const notice of urlNotices(params)) {
    console.warn(`fleet deck: ${notice}`);
    diagnostics.noteSetting(notice);
  }
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
      seed: number(params, 'seed'),
      hosts: number(params, 'hosts'),
      warm: number(params, 'warm'),
      accuracy: number(params, 'accuracy'),
      rate: number(params, 'rate'),
    },
    simulator: simParam === null ? undefined : simParam !== '0' && simParam !== 'false',
    ws: params.get('ws') ?? undefined,
    nats: readNatsSettings(params),
    replay: params.get('replay') ?? undefined,
    loop: flag(params, 'loop'),
  };
}
