// Council rounds as facts: the province publishes how many products a provincial council round
// evaluated and how many passed ("ag_provincial_council_round1_2021_products_evaluated" = 17,
// "…_passed" = 12, data/seed/published-totals.csv) without listing the products that failed. A
// pass-rate target reads those counts when the product-level records are incomplete.
import type { FactDate } from '../dates.js';
import { roundOfMetric } from '../figures/reconciliation.js';

export interface CouncilRoundFact {
  round: number;
  year: number;
  level: 'province';
  /** Day of the council's count (the evaluated figure's date). */
  date: FactDate;
  evaluated: number;
  passed: number;
}

export interface RoundFigure {
  metric: string;
  value: string;
  date: FactDate | null;
}

/**
 * The published-figure metrics of a provincial council round's counts, the keys
 * {@link councilRoundsFromFigures} reads back (one naming rule for seed, API and facts).
 */
export function councilRoundMetrics(round: number, year: number) {
  const prefix = `ag_provincial_council_round${round}_${year}_products`;
  return { evaluated: `${prefix}_evaluated`, passed: `${prefix}_passed` };
}

const EVALUATED = /_products_evaluated$/;
const PASSED = /_products_passed$/;

/** Rounds whose evaluated and passed counts are both published as whole numbers, in date order. */
export function councilRoundsFromFigures(figures: readonly RoundFigure[]): CouncilRoundFact[] {
  const byRound = new Map<string, Partial<CouncilRoundFact>>();
  for (const figure of figures) {
    const round = roundOfMetric(figure.metric);
    const count = /^\d+$/.test(figure.value.trim()) ? Number(figure.value) : null;
    if (!round || count === null) continue;
    const key = `${round.year}-${round.round}`;
    const entry = byRound.get(key) ?? { ...round, level: 'province' as const };
    if (EVALUATED.test(figure.metric) && figure.date) {
      entry.evaluated = count;
      entry.date = figure.date;
    } else if (PASSED.test(figure.metric)) entry.passed = count;
    byRound.set(key, entry);
  }
  return [...byRound.values()]
    .filter((r): r is CouncilRoundFact => r.evaluated !== undefined && r.passed !== undefined)
    .sort((a, b) => (a.date.date < b.date.date ? -1 : a.date.date > b.date.date ? 1 : 0));
}
