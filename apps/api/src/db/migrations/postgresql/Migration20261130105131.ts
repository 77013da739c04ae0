import { Migration } from '@mikro-orm/migrations';
import { SORT_KEY_TABLES, sortKeyBackfill } from '../sort-key-backfill.js';

// Vietnamese sort keys (domain: vietnamese-order.ts) for names of units, entities and products,
// so lists sort as a Vietnamese reader expects (đ after d, ơ after ô, tones after letters).
const LENGTH = { admin_unit: 802, economic_entity: 1202, product: 1202 } as const;

export class Migration20261130105131 extends Migration {
  override async up(): Promise<void> {
    for (const table of SORT_KEY_TABLES) {
      this.addSql(
        `alter table "${table}" add column "sort_key" varchar(${LENGTH[table]}) not null default '';`,
      );
      const fill = await sortKeyBackfill(
        (sql) => this.execute(sql),
        table,
        (n) => `"${n}"`,
      );
      for (const sql of fill) this.addSql(sql);
      this.addSql(`alter table "${table}" alter column "sort_key" drop default;`);
      this.addSql(`create index "${table}_sort_key_index" on "${table}" ("sort_key");`);
    }
  }

  override async down(): Promise<void> {
    for (const table of SORT_KEY_TABLES) {
      this.addSql(`drop index "${table}_sort_key_index";`);
      this.addSql(`alter table "${table}" drop column "sort_key";`);
    }
  }
}
