import { MIN_ROUNDS } from './rounds.js';

/** What `npm run bench -- …` asks for. */
export interface BenchOptions {
  /** Seconds the memory soak runs (default 300: five minutes). */
  readonly soakSeconds: number;
  /** Seconds each ingest measurement counts, after its warm-up. */
  readonly ingestSeconds: number;
  /** Rounds of floor and deck, alternating, per comparison (default and least: 3). */
  readonly rounds: number;
  /** Scenarios to run, in table order; all by default. */
  readonly only: readonly ScenarioName[];
  /** A site already built (skips the build); the bench pages are built into it. */
  readonly siteDir?: string;
  /** Keep the temporary build (its path is printed). */
  readonly keep: boolean;
  readonly help: boolean;
}

export const SCENARIO_NAMES = [
  'ingest',
  'frame',
  'soak',
  'load',
  'zod',
  'knn',
  'viewers',
  'fanout',
  'rewind',
  'scale',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export const USAGE = `npm run bench [-- options]

  --soak SECONDS     memory soak length (default 300 = five minutes; e.g. --soak 60 for a quick run)
  --ingest SECONDS   counting time per ingest measurement (default 5)
  --rounds N         rounds of floor and deck, alternating, per comparison (default 3, at least 3)
  --only a,b         run only these scenarios: ${SCENARIO_NAMES.join(', ')}
  --site DIR         use this built site instead of building one (bench pages are added to it)
  --keep             keep the temporary build directory
  --help             this text`;

function seconds(flag: string, raw: string | undefined, min: number): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isFinite(value) || value < min)
    throw new Error(`${flag} needs a number of seconds ≥ ${min} (got ${raw ?? 'nothing'})`);
  return value;
}

/** Parses the command line (without `node` and the script); throws with a message on a bad option. */
export function parseArgs(argv: readonly string[]): BenchOptions {
  let soakSeconds = 300;
  let ingestSeconds = 5;
  let rounds = MIN_ROUNDS;
  let only: ScenarioName[] = [...SCENARIO_NAMES];
  let siteDir: string | undefined;
  let keep = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--soak':
        soakSeconds = seconds(flag, value(), 10);
        break;
      case '--ingest':
        ingestSeconds = seconds(flag, value(), 1);
        break;
      case '--rounds': {
        const raw = value();
        rounds = Number(raw);
        if (!Number.isInteger(rounds) || rounds < MIN_ROUNDS)
          throw new Error(`--rounds needs a whole number ≥ ${MIN_ROUNDS} (got ${raw ?? 'nothing'})`);
        break;
      }
      case '--only': {
        const names = (value() ?? '').split(',').map((s) => s.trim());
        const unknown = names.filter((n) => !(SCENARIO_NAMES as readonly string[]).includes(n));
        if (unknown.length > 0 || names.length === 0)
          throw new Error(
            `--only takes ${SCENARIO_NAMES.join(', ')} (got ${unknown.join(', ') || 'nothing'})`,
          );
        only = SCENARIO_NAMES.filter((n) => names.includes(n));
        break;
      }
      case '--site':
        siteDir = value();
        if (!siteDir) throw new Error('--site needs a directory');
        break;
      case '--keep':
        keep = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new Error(`unknown option ${flag}\n\n${USAGE}`);
    }
  }
  return { soakSeconds, ingestSeconds, rounds, only, siteDir, keep, help };
}
