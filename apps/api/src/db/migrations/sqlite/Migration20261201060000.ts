import { Migration } from '@mikro-orm/migrations';
import { IMPORT_FENCE, IMPORT_FENCE_TABLE_SQL } from '../../import-fence.js';

// import_fence: the id ranges an unfinished import reserved (db/import-fence.ts). SQLite only:
// PostgreSQL's import writes in one transaction and fences nothing.
export class Migration20261201060000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(IMPORT_FENCE_TABLE_SQL);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`${IMPORT_FENCE}\`;`);
  }
}
