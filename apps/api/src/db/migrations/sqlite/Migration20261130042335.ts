import { Migration } from '@mikro-orm/migrations';

// Plans as data: multi-year programmes, sources and notes of plans and targets, amendments.
export class Migration20261130042335 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`plan_amendment\` (\`id\` integer not null primary key autoincrement, \`plan_id\` integer not null, \`number\` integer not null, \`document_code\` text not null, \`issued_on\` date not null, \`effective_from\` date not null, \`reason\` text null, \`changes\` json not null, \`created_at\` datetime not null, constraint \`plan_amendment_plan_id_foreign\` foreign key(\`plan_id\`) references \`plan\`(\`id\`) on update cascade);`,
    );
    this.addSql(
      `create index \`plan_amendment_plan_id_index\` on \`plan_amendment\` (\`plan_id\`);`,
    );
    this.addSql(
      `create unique index \`plan_amendment_plan_id_number_unique\` on \`plan_amendment\` (\`plan_id\`, \`number\`);`,
    );
    this.addSql(`alter table \`plan\` add column \`programme\` integer not null default false;`);
    this.addSql(`alter table \`plan\` add column \`source_url\` text null;`);
    this.addSql(`alter table \`plan\` add column \`note\` text null;`);
    this.addSql(`alter table \`plan_target\` add column \`source_url\` text null;`);
    this.addSql(`alter table \`plan_target\` add column \`note\` text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`plan_amendment\`;`);
    this.addSql(`alter table \`plan\` drop column \`programme\`;`);
    this.addSql(`alter table \`plan\` drop column \`source_url\`;`);
    this.addSql(`alter table \`plan\` drop column \`note\`;`);
    this.addSql(`alter table \`plan_target\` drop column \`source_url\`;`);
    this.addSql(`alter table \`plan_target\` drop column \`note\`;`);
  }
}
