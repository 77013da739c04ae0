import { Migration } from '@mikro-orm/migrations';
import { sqliteSearchBacklogDropSql, sqliteSearchBacklogSql } from '../search-index.js';

// The search tables' backlog and the insert triggers that respect it (../search-index.ts): an
// import's copy leaves the FTS5 work for right after its write lock. SQLite only: PostgreSQL's
// trigram indexes are updated by the copy's own transaction, which locks rows, not the database.
export class Migration20261130200000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of sqliteSearchBacklogSql()) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of sqliteSearchBacklogDropSql()) this.addSql(sql);
  }
}
