// The migration that adds Vietnamese sort keys fills them for rows written before it, on both
// dialects, and every writer sets them afterwards (the product list then sorts in Vietnamese order).
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { vietnameseSortKey } from '@ocop/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresqlMigrations } from '../src/db/migrations/postgresql/index.js';
import { sqliteMigrations } from '../src/db/migrations/sqlite/index.js';
import { createTestOrm, destroyTestOrm, DIALECTS } from './db.js';

const MIGRATION = 'Migration20261130105131';
const idOf = (row: unknown): number =>
  Number(typeof row === 'object' && row !== null ? (row as { id: unknown }).id : row);

describe.each(DIALECTS)('the sort-key migration on an existing %s database', (kind) => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await createTestOrm(kind);
  });
  afterAll(() => destroyTestOrm(orm));

  it('fills the keys of units, entities and products written before it', async () => {
    const names = (kind === 'postgresql' ? postgresqlMigrations : sqliteMigrations).map(
      (m) => m.name,
    );
    const index = names.indexOf(MIGRATION);
    expect(index).toBeGreaterThan(0);
    const migrator = orm.getMigrator();
    await migrator.down({ to: names[index - 1]! });
    const knex = (orm.em.fork() as EntityManager).getKnex();
    const [unit] = await knex('admin_unit')
      .insert({
        code: 'chau-doc',
        name: 'Châu Đốc',
        normalized_name: 'chau doc',
        type: 'city',
        type_vi: 'thành phố',
      })
      .returning('id');
    const [entity] = await knex('economic_entity')
      .insert({ name: 'HTX Đồng Tiến', normalized_name: 'htx dong tien', unit_id: idOf(unit) })
      .returning('id');
    const products = ['Đường thốt nốt đặc biệt', 'Đường thốt nốt dạng viên', 'Gạo Hương Lài'];
    for (const name of products) {
      await knex('product').insert({
        name,
        normalized_name: name.toLowerCase(),
        entity_id: idOf(entity),
      });
    }
    await migrator.up();

    const unitRow = await knex('admin_unit').where('id', idOf(unit)).first('sort_key');
    expect(unitRow.sort_key).toBe(vietnameseSortKey('Châu Đốc'));
    const entityRow = await knex('economic_entity').where('id', idOf(entity)).first('sort_key');
    expect(entityRow.sort_key).toBe(vietnameseSortKey('HTX Đồng Tiến'));
    const sorted = await knex('product').orderBy('sort_key').pluck('name');
    expect(sorted).toEqual([
      'Đường thốt nốt dạng viên',
      'Đường thốt nốt đặc biệt',
      'Gạo Hương Lài',
    ]);
  });
});
