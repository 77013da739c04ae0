import { Migration } from '@mikro-orm/migrations';
import {
  trigramIndexName,
  trigramIndexSql,
  TRIGRAM_COLUMNS,
  tryEnableTrigram,
} from '../search-index.js';

// Trigram indexes for text search (pg_trgm, GIN): `like '%text%'` over the normalised names and
// communes reads the index instead of every row. Without the right to create pg_trgm the
// migration adds nothing and search stays a sequential scan (see ../search-index.ts).
export class Migration20261130170000 extends Migration {
  override async up(): Promise<void> {
    if (!(await tryEnableTrigram((sql) => this.execute(sql)))) return;
    for (const sql of trigramIndexSql()) this.addSql(sql);
  }

  override async down(): Promise<void> {
    // The extension stays: other objects may use it, and dropping it needs its owner.
    for (const [table, column] of TRIGRAM_COLUMNS) {
      this.addSql(`drop index if exists "${trigramIndexName(table, column)}";`);
    }
  }
}
