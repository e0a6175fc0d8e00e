/**
 * The deck's vocabulary: the phases a host walks through and the models that
 * classify them. Strings outside these lists are accepted (a producer may run a
 * new model before the deck knows it) and counted as vocabulary warnings.
 */

/** The five labelled phases, in the order a malware profile walks through them. */
export const PHASES = ['clean', 'armed', 'infecting', 'infected_running', 'dormant'] as const;
/** A known phase. */
export type KnownPhase = (typeof PHASES)[number];
/** A phase as received: a known one, or any other label a producer sends. */
export type Phase = string;

/** The five sequence models, in the order the deck lists them. */
export const MODELS = ['rnn', 'gru', 'lstm', 'bert', 'knn'] as const;
/** A known model. */
export type KnownModel = (typeof MODELS)[number];
/** A model as received. */
export type Model = string;

const modelSet: ReadonlySet<string> = new Set(MODELS);

/**
 * True when `value` is one of the five known phases. Compared one by one, not
 * looked up in a set: it runs for every label of a flood of points, and five
 * comparisons with constant strings took two thirds of the time of a
 * hashed lookup (tests keep it equal to PHASES).
 */
export function isKnownPhase(value: string): value is KnownPhase {
  return (
    value === 'clean' ||
    value === 'armed' ||
    value === 'infecting' ||
    value === 'infected_running' ||
    value === 'dormant'
  );
}

/** True when `value` is one of the five known models. */
export function isKnownModel(value: string): value is KnownModel {
  return modelSet.has(value);
}

/** Sort key that keeps vocabulary order first and unknown names after, alphabetically. */
export function vocabularyOrder(list: readonly string[]): (a: string, b: string) => number {
  return (a, b) => {
    const ia = list.indexOf(a);
    const ib = list.indexOf(b);
    if (ia >= 0 && ib >= 0) return ia - ib;
    if (ia >= 0) return -1;
    if (ib >= 0) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  };
}

/** Human label for a phase ("infected_running" → "infected running"). */
export function phaseLabel(phase: string): string {
  return phase.replaceAll('_', ' ');
}

/** DBSCAN's and HDBSCAN's cluster label for a point in no cluster: drawn as "noise". */
export const NOISE_CLUSTER = -1;
