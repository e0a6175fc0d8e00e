import { phaseLabel } from '../../contract/vocabulary.js';
import { cellIndex, type LiveLanesState, NO_LANE_LABEL } from '../../store/live-lanes.js';

/** The fleet view's rows: the hosts that match the filter, trouble first. */
export interface FleetRows {
  /** Matching host ids in display order. */
  readonly hosts: readonly string[];
  /** Hosts with a lane (matching or not). */
  readonly total: number;
  /** Of the shown hosts, those with a disagreement in their lane. */
  readonly troubled: number;
}

/**
 * How much trouble a lane shows: each cell whose truth disagrees counts 4, a
 * newest prediction of infected running counts 2 — so hosts the models got
 * wrong come first, then hosts running malware now.
 */
export function troubleScore(state: LiveLanesState, slot: number): number {
  const c = state.cells;
  const len = c.length[slot]!;
  let score = 0;
  for (let i = 0; i < len; i++) {
    const k = cellIndex(c, slot, i);
    const actual = c.actual[k]!;
    if (actual !== NO_LANE_LABEL && actual !== c.predicted[k]) score += 4;
  }
  if (len > 0 && c.labels[c.predicted[cellIndex(c, slot, len - 1)]!] === 'infected_running') score += 2;
  return score;
}

/** Whether the host's id, its profile or its newest phase (predicted or actual) contains `query` (lower case). */
export function hostMatches(state: LiveLanesState, host: string, slot: number, query: string): boolean {
  if (query === '' || host.toLowerCase().includes(query)) return true;
  const c = state.cells;
  const len = c.length[slot]!;
  if (len === 0) return false;
  const k = cellIndex(c, slot, len - 1);
  for (const id of [c.profile[k]!, c.predicted[k]!, c.actual[k]!]) {
    if (id === NO_LANE_LABEL) continue;
    const label = c.labels[id]!.toLowerCase();
    if (label.includes(query) || phaseLabel(label).includes(query)) return true;
  }
  return false;
}

/**
 * The hosts matching `filter` (host id, profile or phase; case-insensitive),
 * ordered by trouble (see troubleScore), then by host id. Linear in the
 * lanes' cells plus a numeric sort: about a millisecond per thousand hosts.
 */
export function fleetRows(state: LiveLanesState, filter: string): FleetRows {
  const query = filter.trim().toLowerCase();
  const picked: { host: string; score: number; order: number }[] = [];
  let troubled = 0;
  state.hosts.forEach((host, order) => {
    const slot = state.slots.get(host);
    if (slot === undefined || !hostMatches(state, host, slot, query)) return;
    const score = troubleScore(state, slot);
    if (score >= 4) troubled++;
    picked.push({ host, score, order });
  });
  picked.sort((a, b) => b.score - a.score || a.order - b.order);
  return { hosts: picked.map((p) => p.host), total: state.hosts.length, troubled };
}
