// recordDecision (SECRETARIAT): a numbered decision recognising or revoking stars. The level must
// be the recogniser the rule set in force gives the stars (5★ national; 3★ district under 148…);
// certificates (validUntil from the domain) and the star history follow from the items.
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { recogniserFor, ruleSetInForce, type RuleSet } from '@ocop/domain';
import { builder } from '../../graphql/builder.js';
import { validationFailed } from '../../graphql/errors.js';
import { runWrite } from '../audit/run-write.js';
import {
  certificatesInForce,
  issueCertificates,
  revokeCertificates,
} from '../certificates/certificate.service.js';
import { Evaluation } from '../evaluations/evaluation.entity.js';
import { Product } from '../products/product.entity.js';
import { checkProgrammeDate, requireText, toId } from '../shared/input-checks.js';
import { LEVEL_NAMES_VI } from '../shared/level-names.js';
import { Source } from '../sources/source.entity.js';
import { DecisionActionEnum } from './decision-action.graphql.js';
import { DecisionItem } from './decision-item.entity.js';
import { Decision as DecisionEntity, type IssuingLevel } from './decision.entity.js';
import { Decision } from './decision.graphql.js';
import { IssuingLevelEnum } from './issuing-level.graphql.js';

const DecisionItemInput = builder.inputType('DecisionItemInput', {
  description: 'One product in a decision.',
  fields: (t) => ({
    productId: t.id({ required: true, description: 'The product.' }),
    stars: t.int({
      required: true,
      description: 'Stars recognised (3–5), or those of the revoked certificate.',
    }),
    action: t.field({
      type: DecisionActionEnum,
      required: true,
      description: 'RECOGNISE or REVOKE.',
    }),
  }),
});

const DecisionInput = builder.inputType('DecisionInput', {
  description: 'A recognition/revocation decision.',
  fields: (t) => ({
    number: t.string({
      required: true,
      description: 'Decision number, e.g. "1234/QĐ-UBND" (unique per issuing level).',
    }),
    date: t.field({
      type: 'Date',
      required: true,
      description: 'Decision day (2019-08-21 … today), not before the evaluations it rests on.',
    }),
    issuingLevel: t.field({
      type: IssuingLevelEnum,
      required: true,
      description: 'Who issued it.',
    }),
    items: t.field({
      type: [DecisionItemInput],
      required: true,
      description: 'Products (1–500), each once.',
    }),
    evaluationIds: t.idList({
      description: 'Evaluations it rests on; default: each recognised product’s latest evaluation.',
    }),
    sourceUrl: t.string({ description: 'Public page of the decision (http/https).' }),
  }),
});
type DecisionInputShape = typeof DecisionInput.$inferInput;

function checkLevel(ruleSet: RuleSet, stars: number, level: IssuingLevel, index: number): void {
  if (stars < 3 || stars > 5 || !Number.isInteger(stars)) {
    throw validationFailed(`items.${index}.stars`, {
      en: `${stars}★ is not an OCOP class (3–5).`,
      vi: `${stars} sao không phải hạng OCOP (3–5 sao).`,
    });
  }
  const recogniser = recogniserFor(ruleSet, stars)!;
  if (recogniser !== level) {
    throw validationFailed('issuingLevel', {
      en: `${stars}★ is recognised at ${recogniser.toUpperCase()} level under ${ruleSet.decision}, not ${level.toUpperCase()}.`,
      vi: `Theo ${ruleSet.decision}, hạng ${stars} sao do ${LEVEL_NAMES_VI[recogniser]} công nhận, không phải ${LEVEL_NAMES_VI[level]}.`,
    });
  }
}

/** Refuses a decision dated before an evaluation it rests on. */
async function checkEvaluations(
  tx: EntityManager,
  input: DecisionInputShape,
  products: Product[],
): Promise<number[]> {
  const productIds = new Set(products.map((p) => p.id));
  let evaluations: Evaluation[];
  if (input.evaluationIds?.length) {
    const ids = input.evaluationIds.map((id) => toId('evaluationIds', id));
    evaluations = await tx.find(Evaluation, { id: { $in: ids } });
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
    const all = recognised.length
      ? await tx.find(
          Evaluation,
          { product: { $in: recognised } },
          { orderBy: { date: 'desc', id: 'desc' } },
        )
      : [];
    evaluations = recognised
      .map((id) => all.find((e) => e.product.id === id))
      .filter((e): e is Evaluation => !!e);
  }
  const later = evaluations.find((e) => e.date > input.date);
  if (later) {
    throw validationFailed('date', {
      en: `The decision (${input.date}) is dated before the evaluation it rests on (${later.date}, id ${later.id}).`,
      vi: `Quyết định (${input.date}) có ngày trước ngày đánh giá làm căn cứ (${later.date}, mã ${later.id}).`,
    });
  }
  return evaluations.map((e) => e.id);
}

builder.mutationFields((t) => ({
  recordDecision: t.field({
    type: Decision,
    description: 'Records a decision; certificates and star history follow. SECRETARIAT only.',
    args: { input: t.arg({ type: DecisionInput, required: true }) },
    authScopes: { secretariat: true },
    resolve: (_root, { input }, ctx) =>
      runWrite(
        ctx,
        { action: 'recordDecision', recordType: 'Decision', uniqueField: 'number' },
        async (tx) => {
          const number = requireText('number', input.number, 120).replace(/\s+/g, ' ');
          checkProgrammeDate('date', input.date, ctx.today);
          const ruleSet = ruleSetInForce(input.date);
          if (await tx.count(DecisionEntity, { number, issuingLevel: input.issuingLevel })) {
            throw validationFailed('number', {
              en: `Decision ${number} (${input.issuingLevel}) is already recorded.`,
              vi: `Quyết định số ${number} (${LEVEL_NAMES_VI[input.issuingLevel]}) đã được ghi nhận.`,
            });
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
            checkLevel(ruleSet, item.stars, input.issuingLevel, i);
            products.push(product);
          }
          const inForce = await certificatesInForce(
            tx,
            input.items
              .filter((item) => item.action === 'revoke')
              .map((item) => Number(item.productId)),
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
          const evaluationIds = await checkEvaluations(tx, input, products);

          const decision = tx.create(DecisionEntity, {
            groupKey: createHash('sha256')
              .update(JSON.stringify(['manual', input.issuingLevel, number]))
              .digest('hex'),
            number,
            date: input.date,
            datePrecision: 'day',
            issuingLevel: input.issuingLevel,
            batch: null,
            year: Number(input.date.slice(0, 4)),
          });
          if (sourceUrl)
            decision.sources.add(
              (await tx.findOne(Source, { url: sourceUrl })) ??
                tx.create(Source, { url: sourceUrl }),
            );
          const issued = { date: input.date, precision: 'day' as const };
          const items = input.items.map((item, i) => ({
            product: products[i]!,
            item,
            decisionItem: tx.create(DecisionItem, {
              decision,
              product: products[i]!,
              stars: item.stars,
              action: item.action,
            }),
          }));
          const revoked = await revokeCertificates(
            tx,
            items.filter((x) => x.item.action === 'revoke').map((x) => x.product.id),
            input.date,
          );
          const changes = {
            ...(await issueCertificates(
              tx,
              items
                .filter((x) => x.item.action === 'recognise')
                .map((x) => ({
                  product: x.product,
                  decisionItem: x.decisionItem,
                  stars: x.item.stars,
                  issued,
                })),
            )),
            revoked,
          };
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
                  issued: changes.issued.map((c) => ({
                    id: c.id,
                    productId: c.product.id,
                    stars: c.stars,
                    validUntil: c.validUntil,
                  })),
                  superseded: changes.superseded,
                  revoked: changes.revoked,
                },
              },
            }),
          };
        },
      ),
  }),
}));
