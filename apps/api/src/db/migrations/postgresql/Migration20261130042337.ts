import { Migration } from '@mikro-orm/migrations';

export class Migration20261130042337 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "plan_amendment" ("id" serial primary key, "plan_id" int not null, "number" int not null, "document_code" varchar(64) not null, "issued_on" date not null, "effective_from" date not null, "reason" text null, "changes" jsonb not null, "created_at" timestamptz not null);`,
    );
    this.addSql(
      `alter table "plan_amendment" add constraint "plan_amendment_plan_id_number_unique" unique ("plan_id", "number");`,
    );

    this.addSql(
      `alter table "plan_amendment" add constraint "plan_amendment_plan_id_foreign" foreign key ("plan_id") references "plan" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "plan" add column "programme" boolean not null default false, add column "source_url" text null, add column "note" text null;`,
    );

    this.addSql(
      `alter table "plan_target" add column "source_url" text null, add column "note" text null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "plan_amendment" cascade;`);

    this.addSql(
      `alter table "plan" drop column "programme", drop column "source_url", drop column "note";`,
    );

    this.addSql(`alter table "plan_target" drop column "source_url", drop column "note";`);
  }
}
