import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { AdminUnit } from '../admin-units/admin-unit.entity.js';
import { Department } from '../departments/department.entity.js';
import { EconomicEntity } from '../entities/economic-entity.entity.js';
import { Task } from '../plans/task.entity.js';
import { Product } from '../products/product.entity.js';
import { DATE_PRECISIONS } from '../shared/date-precision.js';

/**
 * Something a department did that evidences a task (a training, a trade fair, an article).
 * No activity records are published: rows with `sample = true` are fabricated demo data.
 */
export const Activity = defineEntity({
  name: 'Activity',
  tableName: 'activity',
  indexes: [{ properties: ['department', 'kind', 'date'] }],
  properties: {
    id: p.integer().primary(),
    department: () => p.manyToOne(Department).ref(),
    task: () => p.manyToOne(Task).ref().nullable().index(),
    kind: p.string().length(64).index(),
    date: p.date().index(),
    datePrecision: p.enum([...DATE_PRECISIONS]),
    unit: () => p.manyToOne(AdminUnit).ref().nullable().index(),
    count: p.integer().default(1),
    note: p.text().nullable(),
    sample: p.boolean().default(false).index(),
    entities: () => p.manyToMany(EconomicEntity).pivotTable('activity_entity'),
    products: () => p.manyToMany(Product).pivotTable('activity_product'),
    version: p.integer().version(),
  },
});
export type Activity = InferEntity<typeof Activity>;
