// Evaluation reads and writes: the list behind the `evaluations` connection, and recordEvaluation
// (stars from the domain's scorecard under the rule set in force on the evaluation date).
import {
  QueryOrder,
  type EntityManager,
  type FilterQuery,
  type QueryOrderMap,
} from '@mikro-orm/knex';
import type { Page } from '../../graphql/pagination.js';
import {
  isActive,
  productIdsQuery,
  type ProductQuery,
  type Sort,
} from '../products/product.service.js';
import { inIdOrder, pageOfIds } from '../shared/page-of-ids.js';
import type { EntityManager as WriteEntityManager } from '@mikro-orm/core';
import { getRuleSet, mandatoryCriteriaApply, rateScorecard, ruleSetInForce } from '@ocop/domain';
import { duplicate, validationFailed } from '../../graphql/errors.js';
import type { WriteOutcome } from '../audit/run-write.js';
import { Product } from '../products/product.entity.js';
import { checkProgrammeDate, optionalText, toId } from '../shared/input-checks.js';
import { LEVEL_NAMES_VI } from '../shared/level-names.js';
import { Evaluation, type EvaluationLevel } from './evaluation.entity.js';

export type EvaluationSortField = 'date' | 'stars' | 'productName';

function order(sort: Sort<EvaluationSortField>): QueryOrderMap<Evaluation>[] {
  const dir = sort.direction;
  switch (sort.by) {
    case 'date':
      return [{ date: dir }, { id: dir }];
    case 'stars':
      // Unpublished stars (null) sort as 0 on both dialects.
      return [
        { stars: dir === 'asc' ? QueryOrder.ASC_NULLS_FIRST : QueryOrder.DESC_NULLS_LAST },
        { date: 'desc' },
        { id: 'desc' },
      ];
    case 'productName':
      return [{ product: { sortKey: dir } }, { date: 'desc' }, { id: 'desc' }];
  }
}

/**
 * One page of evaluations. `level`, `evaluationYear` and `evaluatedFrom`/`evaluatedTo` apply to
 * the evaluation itself; the other filters to its product.
 */
export async function listEvaluations(
  em: EntityManager,
  filter: ProductQuery,
  sort: Sort<EvaluationSortField>,
  page: Page,
): Promise<[Evaluation[], number]> {
  const { level, evaluationYear, evaluatedFrom, evaluatedTo, ...productFilter } = filter;
  const where: FilterQuery<Evaluation> = {
    ...(level ? { level } : {}),
    ...(evaluationYear ? { year: evaluationYear } : {}),
    ...(evaluatedFrom || evaluatedTo
      ? {
          date: {
            ...(evaluatedFrom ? { $gte: evaluatedFrom } : {}),
            ...(evaluatedTo ? { $lte: evaluatedTo } : {}),
          },
        }
      : {}),
  };
  if (!isActive(productFilter)) {
    return em.findAndCount(Evaluation, where, {
      orderBy: order(sort),
      limit: page.limit,
      offset: page.offset,
    });
  }
  // The products' filter (a text search above all) runs once, as a sub-query of the statement that
  // returns the page's ids and the total (shared/page-of-ids.ts).
  where.product = { $in: (await productIdsQuery(em, productFilter)) as never };
  const [ids, total] = await pageOfIds(
    em.createQueryBuilder(Evaluation, 'ev').where(where).orderBy(order(sort)),
    page,
    () => em.count(Evaluation, where),
  );
  const rows = ids.length ? await em.find(Evaluation, { id: { $in: ids } }) : [];
  return [inIdOrder(rows, ids), total];
}

/** A council's scorecard as a form or the API gives it (stars are computed, never given). */
export interface EvaluationInputData {
  productId: string | number;
  level: EvaluationLevel;
  date: string;
  parts: { part: string; score: number }[];
  council?: string | null;
  mandatoryCriteriaMet?: number[] | null;
  ruleSet?: string | null;
}

/** An evaluation's values as the audit log records them. */
function evaluationSnapshot(e: Evaluation): Record<string, unknown> {
  return {
    id: e.id,
    productId: e.product.id,
    level: e.level,
    date: e.date,
    ruleSet: e.ruleSetCode,
    parts: { A: e.partA ?? null, B: e.partB ?? null, C: e.partC ?? null },
    total: e.total ?? null,
    stars: e.stars ?? null,
    potentialFiveStar: e.potentialFiveStar,
    council: e.council ?? null,
    outcome: e.outcome,
  };
}

/**
 * recordEvaluation: one evaluation per product, level and day (a unique index): the same fact
 * again returns the recorded one; other values are a DUPLICATE.
 */
export async function recordEvaluation(
  tx: WriteEntityManager,
  input: EvaluationInputData,
  today: string,
): Promise<WriteOutcome<Evaluation>> {
  const product = await tx.findOne(Product, toId('productId', input.productId));
  if (!product)
    throw validationFailed('productId', {
      en: `Product ${input.productId} does not exist.`,
      vi: `Không có sản phẩm ${input.productId}.`,
    });
  if (input.date > today) checkProgrammeDate('date', input.date, today);
  const ruleSet = ruleSetInForce(input.date);
  if (input.ruleSet != null && getRuleSet(input.ruleSet).code !== ruleSet.code) {
    throw validationFailed('ruleSet', {
      en: `Rule set ${input.ruleSet} is not in force on ${input.date}; ${ruleSet.code} is.`,
      vi: `Bộ tiêu chí ${input.ruleSet} không có hiệu lực vào ngày ${input.date}; bộ có hiệu lực là ${ruleSet.code}.`,
    });
  }
  const met = input.mandatoryCriteriaMet;
  if (met?.some((level) => level < 1 || level > 5)) {
    throw validationFailed('mandatoryCriteriaMet', {
      en: 'Star levels are 1–5.',
      vi: 'Hạng sao phải từ 1 đến 5.',
    });
  }
  const mandatoryMet =
    met && mandatoryCriteriaApply(ruleSet, input.date)
      ? Object.fromEntries([1, 2, 3, 4, 5].map((l) => [l, met.includes(l)]))
      : undefined;
  const rating = rateScorecard({
    ruleSet,
    parts: input.parts,
    stage: input.level,
    mandatoryMet,
  });
  const score = (part: string) => rating.parts.find((p) => p.part === part)?.score ?? null;
  const values = {
    level: input.level,
    date: input.date,
    datePrecision: 'day' as const,
    year: Number(input.date.slice(0, 4)),
    ruleSetCode: rating.ruleSetCode,
    partA: score('A'),
    partB: score('B'),
    partC: score('C'),
    total: rating.total,
    stars: rating.stars,
    potentialFiveStar: rating.potentialFiveStar,
    council: optionalText('council', input.council, 500),
    round: null,
    outcome: rating.isOcop ? ('passed' as const) : ('failed' as const),
  };
  // One evaluation per product, level and day (a unique index): the same fact again returns
  // the recorded one; other values are a DUPLICATE.
  const existing = await tx.findOne(Evaluation, {
    product: product.id,
    level: input.level,
    date: input.date,
  });
  if (existing) {
    const same = (Object.keys(values) as (keyof typeof values)[]).every(
      (k) => (existing[k] ?? null) === values[k],
    );
    if (!same) {
      throw duplicate(
        'Evaluation',
        'date',
        {
          en: `A ${input.level} evaluation of this product on ${input.date} is already recorded (id ${existing.id}) with other values.`,
          vi: `Đã có kết quả đánh giá ${LEVEL_NAMES_VI[input.level]} của sản phẩm này ngày ${input.date} (mã ${existing.id}) với giá trị khác.`,
        },
        existing.id,
      );
    }
    return {
      result: existing,
      written: false,
      audit: () => ({ recordId: existing.id }),
    };
  }
  const evaluation = tx.create(Evaluation, { product, ...values });
  return {
    result: evaluation,
    audit: () => ({ recordId: evaluation.id, after: evaluationSnapshot(evaluation) }),
  };
}

/** The evaluation an idempotency key recorded, by the id it stored (null when gone). */
export function evaluationById(em: WriteEntityManager, id: string): Promise<Evaluation | null> {
  return em.findOne(Evaluation, Number(id));
}
