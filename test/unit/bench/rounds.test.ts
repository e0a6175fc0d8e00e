import { describe, expect, it } from 'vitest';
import {
  alternateRounds,
  listRounds,
  pairsOf,
  ratioSpread,
  roundRatios,
  roundsRow,
  summarizeRounds,
  targets,
} from '../../../bench/lib/rounds.js';
import { formatRatioSpread, formatTable } from '../../../bench/lib/table.js';

describe('alternateRounds', () => {
  it('flips the order every round: floor, deck, deck, floor, floor, deck', async () => {
    const order: string[] = [];
    const rounds = await alternateRounds(
      3,
      async (round) => {
        order.push(`floor${round}`);
        return round * 10;
      },
      async (round) => {
        order.push(`deck${round}`);
        return round * 10 + 1;
      },
    );
    expect(order).toEqual(['floor0', 'deck0', 'deck1', 'floor1', 'floor2', 'deck2']);
    expect(rounds).toEqual([
      { floor: 0, deck: 1 },
      { floor: 10, deck: 11 },
      { floor: 20, deck: 21 },
    ]);
  });

  it('refuses a round count that is not a positive integer', async () => {
    const run = async () => 1;
    await expect(alternateRounds(0, run, run)).rejects.toThrow(RangeError);
    await expect(alternateRounds(2.5, run, run)).rejects.toThrow(RangeError);
  });
});

describe('ratios over rounds', () => {
  const pairs = [
    { floor: 100, deck: 110 },
    { floor: 72, deck: 108 },
    { floor: 110, deck: 99 },
  ];

  it('divides each round by its own floor, not the medians by each other', () => {
    expect(roundRatios(pairs)).toEqual([1.1, 1.5, 0.9]);
    expect(ratioSpread(pairs)).toEqual({ median: 1.1, min: 0.9, max: 1.5, rounds: 3 });
    // The ratio of the medians (108 / 100) would be another figure.
    expect(summarizeRounds(pairs).ratio.median).not.toBe(108 / 100);
  });

  it('leaves out rounds without a usable floor, and says NaN when none has one', () => {
    expect(roundRatios([{ floor: 0, deck: 5 }])).toEqual([Number.NaN]);
    expect(
      ratioSpread([
        { floor: 0, deck: 5 },
        { floor: 2, deck: 5 },
      ]),
    ).toEqual({
      median: 2.5,
      min: 2.5,
      max: 2.5,
      rounds: 2,
    });
    expect(ratioSpread([{ floor: Number.NaN, deck: 5 }]).median).toBeNaN();
  });

  it('reports the median of each side', () => {
    const summary = summarizeRounds(pairs);
    expect(summary.deck).toBe(108);
    expect(summary.floor).toBe(100);
    expect(summary.met).toBeUndefined();
    expect(summary.missed).toEqual([]);
  });

  it('refuses to sum up no rounds', () => {
    expect(() => summarizeRounds([])).toThrow(RangeError);
  });
});

describe('a target is met only when the worst round meets it', () => {
  it('fails on one bad round even when the median passes', () => {
    const pairs = [
      { floor: 100, deck: 120 },
      { floor: 100, deck: 130 },
      { floor: 100, deck: 160 },
    ];
    const summary = summarizeRounds(pairs, targets.atMostTimesFloor(1.5));
    expect(summary.ratio.median).toBeLessThanOrEqual(1.5);
    expect(summary.met).toBe(false);
    expect(summary.missed).toEqual([2]);
    expect(summarizeRounds(pairs.slice(0, 2), targets.atMostTimesFloor(1.5)).met).toBe(true);
  });

  it('judges each round against its own floor', () => {
    // Deck 150 beside floor 110 is fine, though it is over 1.5 × the other rounds' floor.
    const pairs = [
      { floor: 110, deck: 150 },
      { floor: 90, deck: 100 },
      { floor: 95, deck: 100 },
    ];
    expect(summarizeRounds(pairs, targets.atMostTimesFloor(1.5)).met).toBe(true);
  });

  it('has absolute, relative and combined targets', () => {
    const round = { floor: 200_000, deck: 120_000 };
    expect(targets.atMost(33)({ floor: 0, deck: 33 })).toBe(true);
    expect(targets.atMost(33)({ floor: 0, deck: 33.1 })).toBe(false);
    expect(targets.atLeast(100_000)(round)).toBe(true);
    expect(targets.atLeastShareOfFloor(0.5)(round)).toBe(true);
    expect(targets.atLeastShareOfFloor(0.7)(round)).toBe(false);
    expect(targets.all(targets.atLeast(100_000), targets.atLeastShareOfFloor(0.7))(round)).toBe(false);
    expect(targets.any(targets.atLeast(100_000), targets.atLeastShareOfFloor(0.7))(round)).toBe(true);
  });
});

describe('printing rounds', () => {
  it('pairs results by a figure and lists one side', () => {
    const rounds = [
      { floor: { ms: 10 }, deck: { ms: 12 } },
      { floor: { ms: 11 }, deck: { ms: 13 } },
    ];
    expect(pairsOf(rounds, (r) => r.ms)).toEqual([
      { floor: 10, deck: 12 },
      { floor: 11, deck: 13 },
    ]);
    expect(listRounds([1.234, 5.6], (v) => v.toFixed(1))).toBe('1.2 / 5.6');
  });

  it('prints the median ratio with its spread in the table', () => {
    expect(formatRatioSpread({ median: 1.1, min: 0.9, max: 1.5, rounds: 3 })).toBe(
      '1.10× (0.90–1.50×, 3 rounds)',
    );
    expect(formatRatioSpread({ median: Number.NaN, min: Number.NaN, max: Number.NaN, rounds: 3 })).toBe('—');
    const summary = summarizeRounds(
      [
        { floor: 100, deck: 110 },
        { floor: 72, deck: 108 },
        { floor: 110, deck: 99 },
      ],
      targets.atMostTimesFloor(1.5),
    );
    const table = formatTable([
      {
        scenario: 'knn',
        metric: 'draw',
        unit: 'ms',
        value: summary.deck,
        floor: summary.floor,
        ratio: summary.ratio,
        target: '≤ 1.5 × floor',
        met: summary.met,
      },
    ]);
    expect(table).toContain('| 108 ms | 100 ms | 1.10× (0.90–1.50×, 3 rounds) | ≤ 1.5 × floor | yes');
  });
});

describe('roundsRow', () => {
  it('prints medians and the spread, and names the rounds that missed', () => {
    const row = roundsRow(
      { scenario: 'frame time', metric: 'p95', unit: 'ms', target: '≤ 33 ms', note: 'flooded' },
      [
        { floor: 16, deck: 20 },
        { floor: 17, deck: 40 },
        { floor: 16, deck: 30 },
      ],
      targets.atMost(33),
    );
    expect(row).toMatchObject({ value: 30, floor: 16, met: false });
    expect(row.ratio?.rounds).toBe(3);
    expect(row.note).toBe('flooded; missed in round 2 of 3');
    const clean = roundsRow({ scenario: 's', metric: 'm', unit: 'ms' }, [{ floor: 1, deck: 1 }]);
    expect(clean.met).toBeUndefined();
    expect(clean.note).toBeUndefined();
  });
});
