import { Migration } from '@mikro-orm/migrations';

export class Migration20261129024651 extends Migration {
  // The generated SQLite diff also rebuilt every table it could not alter in place (diff noise);
  // only the new column is real.
  override async up(): Promise<void> {
    this.addSql(`alter table \`plan_target\` add column \`definition_vi\` text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`plan_target\` drop column \`definition_vi\`;`);
  }
}
