// FABRICATED SAMPLE DATA. No department activity records are published, so the department views
// would be empty; this generator writes clearly labelled demo records (`sample = true`, note
// starting "SAMPLE") for 2021. Deterministic (seeded PRNG, no Math.random): the same database
// gets the same samples. Switch off with SAMPLE_ACTIVITIES=0 or `sampleActivities: false`.
import type { EntityManager } from '@mikro-orm/core';
import { seededRandom } from '@ocop/domain';
import { Activity } from '../modules/activities/activity.entity.js';
import { AdminUnit } from '../modules/admin-units/admin-unit.entity.js';
import { bumpDataVersion } from '../modules/data-version/data-version.service.js';
import { Evaluation } from '../modules/evaluations/evaluation.entity.js';
import { Plan } from '../modules/plans/plan.entity.js';
import { Task } from '../modules/plans/task.entity.js';
import type { EconomicEntity } from '../modules/entities/economic-entity.entity.js';

export const SAMPLE_NOTE = 'SAMPLE — fabricated demo record, not published data';
const SAMPLE_YEAR = 2021;
const SEED = 152_2021;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Writes the sample activities unless some already exist; returns how many were added. */
export async function generateSampleActivities(em: EntityManager): Promise<number> {
  return em.transactional(async (tx) => {
    if (await tx.count(Activity, { sample: true })) return 0;
    const plan = await tx.findOne(Plan, { year: SAMPLE_YEAR });
    if (!plan) return 0;
    const random = seededRandom(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const tasks = await tx.find(
      Task,
      { plan },
      { orderBy: { code: 'asc' }, populate: ['department'] },
    );
    const units = await tx.find(
      AdminUnit,
      {
        type: { $in: ['city', 'town', 'district'] },
        $or: [{ validTo: null }, { validTo: { $gte: `${SAMPLE_YEAR}-12-31` } }],
        validFrom: null,
      },
      { orderBy: { code: 'asc' } },
    );

    // Real records the T7/T8 samples point at: the 2021 participants and 2020's provincial 4★ products.
    const evaluated2021 = await tx.find(
      Evaluation,
      { year: SAMPLE_YEAR },
      { populate: ['product.entity'], orderBy: { id: 'asc' } },
    );
    const byId = new Map<number, EconomicEntity>();
    for (const evaluation of evaluated2021) {
      const entity = evaluation.product.getEntity().entity?.getEntity();
      if (entity) byId.set(entity.id, entity);
    }
    const entities2021 = [...byId.values()];
    const fourStar2020 = (
      await tx.find(
        Evaluation,
        { year: SAMPLE_YEAR - 1, level: 'province', stars: 4 },
        { populate: ['product'], orderBy: { id: 'asc' } },
      )
    ).map((e) => e.product.getEntity());

    let created = 0;
    const randomDate = () => {
      const month = 1 + Math.floor(random() * 12);
      return `${SAMPLE_YEAR}-${pad(month)}-${pad(1 + Math.floor(random() * 28))}`;
    };
    for (const task of tasks) {
      for (const kind of task.activityKinds) {
        const howMany = 3 + Math.floor(random() * 6);
        for (let i = 0; i < howMany; i += 1) {
          const activity = tx.create(Activity, {
            department: task.department,
            task,
            kind,
            date: randomDate(),
            datePrecision: 'day',
            unit: units.length ? pick(units) : null,
            count: 1 + Math.floor(random() * 5),
            note: SAMPLE_NOTE,
            sample: true,
          });
          // Spread the real entities/products over the samples so T7 and T8 have (sample) evidence.
          if (kind === 'capacity_training') {
            entities2021
              .filter((_, index) => index % howMany === i)
              .forEach((e) => activity.entities.add(e));
          }
          if (kind === 'standardisation_support') {
            fourStar2020
              .filter((_, index) => index % howMany === i && random() < 0.75)
              .forEach((p) => activity.products.add(p));
          }
          created += 1;
        }
      }
    }
    if (created > 0) {
      await tx.flush();
      // Sample activities feed the plan figures: cached ones must not outlive them (their links'
      // triggers raised the segments too; the epoch also covers activities linking nothing).
      await bumpDataVersion(tx, { allSegments: true });
    }
    return created;
  });
}
