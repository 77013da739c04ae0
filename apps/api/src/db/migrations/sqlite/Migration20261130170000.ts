import { Migration } from '@mikro-orm/migrations';
import { sqliteSearchIndexDropSql, sqliteSearchIndexSql } from '../search-index.js';

// FTS5 trigram tables for text search over product and entity names and product communes, filled
// from the rows already there and kept in step by triggers (see ../search-index.ts).
export class Migration20261130170000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of sqliteSearchIndexSql()) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of sqliteSearchIndexDropSql()) this.addSql(sql);
  }
}
