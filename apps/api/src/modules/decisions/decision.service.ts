// Decision reads (the list behind the `decisions` connection) and the recordDecision write.
import type { EntityManager as WriteEntityManager } from '@mikro-orm/core';
import type { EntityManager, FilterQuery } from '@mikro-orm/knex';
import {
  checkDecisionItem,
  checkEvaluationBasis,
  evaluationHasResult,
  ruleSetInForce,
  type DecisionProblem,
  type EvaluationResult,
} from '@ocop/domain';
import { duplicate, validationFailed } from '../../graphql/errors.js';
import type { Page } from '../../graphql/pagination.js';
import type { WriteOutcome } from '../audit/run-write.js';
import {
  certificatesInForce,
  issueCertificates,
  lockProductsForCertificates,
  revokeCertificates,
} from '../certificates/certificate.service.js';
import { Evaluation } from '../evaluations/evaluation.entity.js';
import { numberedGroupKey } from '../imports/decision-list-references.js';
import { Product } from '../products/product.entity.js';
import type { Sort } from '../products/product.service.js';
import { checkProgrammeDate, requireText, toId } from '../shared/input-checks.js';
import { LEVEL_NAMES_VI } from '../shared/level-names.js';
import { Source } from '../sources/source.entity.js';
import { DecisionItem } from './decision-item.entity.js';
import { Decision, type IssuingLevel } from './decision.entity.js';

export interface DecisionQuery {
  issuingLevel?: IssuingLevel | null;
  /** The evaluation round's year (the `year` column): QĐ 86/QĐ-UBND of 27/1/2023 is round 2 of 2022. */
  roundYear?: number | null;
  /** The year of the decision's date. */
  decisionYear?: number | null;
  /** Decision date on or after / on or before (inclusive). */
  from?: string | null;
  to?: string | null;
}

export type DecisionSortField = 'date';

/** One page of decisions matching the query. */
export async function listDecisions(
  em: EntityManager,
  q: DecisionQuery,
  sort: Sort<DecisionSortField>,
  page: Page,
): Promise<[Decision[], number]> {
  const days = [
    q.from ? { $gte: q.from } : null,
    q.to ? { $lte: q.to } : null,
    q.decisionYear ? { $gte: `${q.decisionYear}-01-01`, $lte: `${q.decisionYear}-12-31` } : null,
  ].filter((d) => d !== null);
  const where: FilterQuery<Decision> = {
    ...(q.issuingLevel ? { issuingLevel: q.issuingLevel } : {}),
    ...(q.roundYear ? { year: q.roundYear } : {}),
    ...(days.length ? { $and: days.map((date) => ({ date })) } : {}),
  };
  const dir = sort.direction;
  return em.findAndCount(Decision, where, {
    orderBy: [{ date: dir }, { id: dir }],
    limit: page.limit,
    offset: page.offset,
  });
}

/** What recordDecision receives (the DecisionInput of the GraphQL schema). */
export interface DecisionInputData {
  number: string;
  date: string;
  issuingLevel: IssuingLevel;
  items: readonly { productId: string | number; stars: number; action: 'recognise' | 'revoke' }[];
  evaluationIds?: readonly (string | number)[] | null;
  sourceUrl?: string | null;
}

/** A domain problem as VALIDATION_FAILED, its field named as the input names it. */
function refuse(problem: DecisionProblem, index: number): never {
  const field = problem.field === 'stars' ? `items.${index}.stars` : (problem.field as string);
  const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  throw validationFailed(
    field,
    { en: sentence(problem.message), vi: sentence(problem.messageVi) },
    { reason: problem.code, params: problem.params },
  );
}

/**
 * The evaluation each recognised product rests on: the given ones (each about a product of the
 * decision), else the product's latest. A decision is never dated before the evaluation it rests on.
 */
async function evaluationsFor(
  tx: WriteEntityManager,
  input: DecisionInputData,
  productIds: Set<number>,
): Promise<Map<number, Evaluation>> {
  let evaluations: Evaluation[];
  if (input.evaluationIds?.length) {
    const ids = input.evaluationIds.map((id) => toId('evaluationIds', id));
    evaluations = await tx.find(
      Evaluation,
      { id: { $in: ids } },
      { orderBy: { date: 'asc', id: 'asc' } },
    );
    const wrong = ids.find(
      (id) => !evaluations.some((e) => e.id === id && productIds.has(e.product.id)),
    );
    if (wrong !== undefined) {
      throw validationFailed('evaluationIds', {
        en: `Evaluation ${wrong} does not exist or is not about a product of this decision.`,
        vi: `Kết quả đánh giá ${wrong} không có hoặc không thuộc sản phẩm trong quyết định này.`,
      });
    }
  } else {
    const recognised = input.items
      .filter((i) => i.action === 'recognise')
      .map((i) => Number(i.productId));
    evaluations = recognised.length
      ? await tx.find(
          Evaluation,
          { product: { $in: recognised } },
          { orderBy: { date: 'asc', id: 'asc' } },
        )
      : [];
  }
  const latest = new Map<number, Evaluation>();
  for (const e of evaluations) latest.set(e.product.id, e);
  const later = [...latest.values()].find((e) => e.date > input.date);
  if (later) {
    throw validationFailed('date', {
      en: `The decision (${input.date}) is dated before the evaluation it rests on (${later.date}, id ${later.id}).`,
      vi: `Quyết định (${input.date}) có ngày trước ngày đánh giá làm căn cứ (${later.date}, mã ${later.id}).`,
    });
  }
  return latest;
}

const asResult = (e: Evaluation): EvaluationResult => ({
  date: { date: String(e.date).slice(0, 10), precision: e.datePrecision },
  total: e.total ?? null,
  stars: e.stars ?? null,
  outcome: e.outcome,
});

/** Same decision again: same day and the same items (product, stars, action). */
async function sameDecision(
  tx: WriteEntityManager,
  existing: Decision,
  input: DecisionInputData,
): Promise<boolean> {
  if (String(existing.date).slice(0, 10) !== input.date || existing.datePrecision !== 'day')
    return false;
  const items = await tx.find(DecisionItem, { decision: existing.id });
  const key = (productId: number, stars: number | null, action: string) =>
    `${productId}|${stars}|${action}`;
  const stored = items.map((i) => key(i.product.id, i.stars ?? null, i.action)).sort();
  const given = input.items.map((i) => key(Number(i.productId), i.stars, i.action)).sort();
  return stored.length === given.length && stored.every((k, n) => k === given[n]);
}

/**
 * recordDecision: checks a typed-in decision with the domain's decision checks (date, recogniser
 * under the rule set in force, evaluation basis: stars not above the evaluation's result, and a
 * recognition only on an evaluation result), then records it; the certificate service issues,
 * supersedes and revokes. A decision number is one decision per issuing level: the same decision
 * again returns the recorded one, another one under that number is a DUPLICATE.
 */
export async function recordDecision(
  tx: WriteEntityManager,
  input: DecisionInputData,
  today: string,
): Promise<WriteOutcome<Decision>> {
  const number = requireText('number', input.number, 120).replace(/\s+/g, ' ');
  checkProgrammeDate('date', input.date, today);
  const ruleSet = ruleSetInForce(input.date);
  const existing = await tx.findOne(Decision, { number, issuingLevel: input.issuingLevel });
  if (existing) {
    if (await sameDecision(tx, existing, { ...input, number })) {
      return { result: existing, written: false, audit: () => ({ recordId: existing.id }) };
    }
    throw duplicate(
      'Decision',
      'number',
      {
        en: `Decision ${number} (${input.issuingLevel}) is already recorded (id ${existing.id}) with another date or other products.`,
        vi: `Quyết định số ${number} (${LEVEL_NAMES_VI[input.issuingLevel]}) đã được ghi nhận (mã ${existing.id}) với ngày hoặc sản phẩm khác.`,
      },
      existing.id,
    );
  }
  if (input.items.length < 1 || input.items.length > 500) {
    throw validationFailed('items', {
      en: 'A decision lists 1–500 products.',
      vi: 'Quyết định phải có từ 1 đến 500 sản phẩm.',
    });
  }
  const sourceUrl = (input.sourceUrl ?? '').trim();
  if (sourceUrl && (!/^https?:\/\/\S+$/.test(sourceUrl) || sourceUrl.length > 1000)) {
    throw validationFailed('sourceUrl', {
      en: `"${sourceUrl}" is not an http(s) URL.`,
      vi: `"${sourceUrl}" không phải là địa chỉ http(s).`,
    });
  }
  const products: Product[] = [];
  for (const [i, item] of input.items.entries()) {
    const id = toId(`items.${i}.productId`, item.productId);
    const product = await tx.findOne(Product, id);
    if (!product)
      throw validationFailed(`items.${i}.productId`, {
        en: `Product ${item.productId} does not exist.`,
        vi: `Không có sản phẩm ${item.productId}.`,
      });
    if (products.some((p) => p.id === id)) {
      throw validationFailed(`items.${i}.productId`, {
        en: `Product ${id} is listed twice.`,
        vi: `Sản phẩm ${id} được liệt kê hai lần.`,
      });
    }
    products.push(product);
  }
  await lockProductsForCertificates(
    tx,
    products.map((p) => p.id),
  );
  // The recogniser of the stars under the rule set in force (for revocations too: the level that
  // recognises a class is the one that revokes it).
  input.items.forEach((item, i) => {
    const [problem] = checkDecisionItem(
      { date: input.date, stars: item.stars, issuingLevel: input.issuingLevel },
      today,
    );
    if (problem) refuse(problem, i);
  });
  const inForce = await certificatesInForce(
    tx,
    input.items.filter((item) => item.action === 'revoke').map((item) => Number(item.productId)),
    input.date,
  );
  input.items.forEach((item, i) => {
    if (item.action === 'revoke' && !inForce.get(Number(item.productId))?.length) {
      throw validationFailed(`items.${i}.productId`, {
        en: `Product ${item.productId} has no certificate in force on ${input.date} to revoke.`,
        vi: `Sản phẩm ${item.productId} không có giấy chứng nhận còn hiệu lực ngày ${input.date} để thu hồi.`,
      });
    }
  });
  const evaluations = await evaluationsFor(tx, input, new Set(products.map((p) => p.id)));
  // Stars within the evaluation's result, and a recognition only on an evaluation result.
  input.items.forEach((item, i) => {
    if (item.action !== 'recognise') return;
    const evaluation = evaluations.get(products[i]!.id);
    const [problem] = checkEvaluationBasis({
      date: input.date,
      stars: item.stars,
      evaluation: evaluation ? asResult(evaluation) : null,
      origin: 'form',
    }).problems;
    if (problem) refuse(problem, i);
  });

  const decision = tx.create(Decision, {
    groupKey: numberedGroupKey(number, input.issuingLevel),
    number,
    date: input.date,
    datePrecision: 'day',
    issuingLevel: input.issuingLevel,
    batch: null,
    year: Number(input.date.slice(0, 4)),
  });
  if (sourceUrl)
    decision.sources.add(
      (await tx.findOne(Source, { url: sourceUrl })) ?? tx.create(Source, { url: sourceUrl }),
    );
  const items = input.items.map((item, i) => {
    const evaluation = evaluations.get(products[i]!.id);
    return {
      product: products[i]!,
      item,
      decisionItem: tx.create(DecisionItem, {
        decision,
        product: products[i]!,
        stars: item.stars,
        action: item.action,
        withoutEvaluation:
          item.action === 'recognise' &&
          !evaluationHasResult(evaluation ? asResult(evaluation) : null),
      }),
    };
  });
  const revoked = await revokeCertificates(
    tx,
    items.filter((x) => x.item.action === 'revoke').map((x) => x.product.id),
    input.date,
  );
  const issued = { date: input.date, precision: 'day' as const };
  const certificates = await issueCertificates(
    tx,
    items
      .filter((x) => x.item.action === 'recognise')
      .map((x) => ({
        product: x.product,
        decisionItem: x.decisionItem,
        stars: x.item.stars,
        issued,
      })),
  );
  const evaluationIds = [...evaluations.values()].map((e) => e.id);
  return {
    result: decision,
    audit: () => ({
      recordId: decision.id,
      after: {
        id: decision.id,
        number,
        date: input.date,
        issuingLevel: input.issuingLevel,
        ruleSet: ruleSet.code,
        items: input.items.map((item) => ({
          productId: Number(item.productId),
          stars: item.stars,
          action: item.action,
        })),
        evaluationIds,
        sourceUrl: sourceUrl || null,
        certificates: {
          issued: certificates.issued.map((c) => ({
            id: c.id,
            productId: c.product.id,
            stars: c.stars,
            validUntil: c.validUntil,
          })),
          superseded: certificates.superseded,
          revoked,
        },
      },
    }),
  };
}

/** The decision an idempotency key recorded, by the id it stored (null when gone). */
export function decisionById(em: WriteEntityManager, id: string): Promise<Decision | null> {
  return em.findOne(Decision, Number(id));
}
