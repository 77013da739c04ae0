import { Migration } from '@mikro-orm/migrations';
import { RANDOM_EPOCH_SQL } from '../fact-segment-triggers.js';

// The segments epoch starts at a random point per database, so the plan-progress worker never
// takes another database's kept partials for this one's (../fact-segment-triggers.ts). Down leaves
// it where it is: any value is a valid epoch.
export class Migration20261202080000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(RANDOM_EPOCH_SQL.sqlite);
  }

  override async down(): Promise<void> {}
}
