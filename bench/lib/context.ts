import type { BenchContext } from '../types.js';
import type { ChunkInfo } from './site.js';

/** What this bench's own scenarios get beyond the shared `BenchContext`. */
export interface RunnerContext extends BenchContext {
  /** Rounds of floor and deck per comparison (the runner always sets it). */
  readonly rounds: number;
  /** Counting time per ingest measurement (s). */
  readonly ingestSeconds: number;
  /** Where the built site lies (to size the chunks a page requested). */
  readonly siteDir: string;
  /** The site's chunks and the modules in each (to find three.js). */
  readonly chunks: readonly ChunkInfo[];
  /** Progress, to stderr. */
  log(message: string): void;
  /** Keeps details (samples, per-run figures) for the results JSON under `key`. */
  record(key: string, value: unknown): void;
}
