import { Migration } from '@mikro-orm/migrations';
import { dropRedundantIndexesSql, restoreRedundantIndexesSql } from '../redundant-indexes.js';

// Drops the indexes that a wider index's prefix already serves (see ../redundant-indexes.ts): fewer
// index entries for an import's copy to write.
const quote = (n: string) => `"${n}"`;

export class Migration20261130180000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of dropRedundantIndexesSql(quote)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of restoreRedundantIndexesSql(quote)) this.addSql(sql);
  }
}
