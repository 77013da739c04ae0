import { Migration } from '@mikro-orm/migrations';

export class Migration20261130043000 extends Migration {
  // data/seed/departments.csv gives each department's role in Vietnamese too (role_vi).
  override async up(): Promise<void> {
    this.addSql(`alter table "department" add column "role_vi" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "department" drop column "role_vi";`);
  }
}
