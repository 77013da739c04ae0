import { Migration } from '@mikro-orm/migrations';
import { IMPORT_FENCE } from '../../import-fence.js';
import {
  RAISE_EPOCH,
  sqliteFactSegmentTriggersDropSql,
  sqliteFactSegmentTriggersSql,
} from '../fact-segment-triggers.js';

// The fact-segment triggers skip only the rows an unfinished import reserved, not every write while
// a fence stands (../fact-segment-triggers.ts): an import's publication then raises the segments of
// its rows, not the segments epoch. Writes made under the old triggers while a fence stands now (a
// killed import's, removed at the next start without raising the epoch any more) were not counted:
// the epoch rises here if there is one.
export class Migration20261201190000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of sqliteFactSegmentTriggersDropSql()) this.addSql(sql);
    for (const sql of sqliteFactSegmentTriggersSql('fenced-rows')) this.addSql(sql);
    this.addSql(`${RAISE_EPOCH} and exists (select 1 from \`${IMPORT_FENCE}\`);`);
  }

  override async down(): Promise<void> {
    for (const sql of sqliteFactSegmentTriggersDropSql()) this.addSql(sql);
    for (const sql of sqliteFactSegmentTriggersSql('any-fence')) this.addSql(sql);
  }
}
