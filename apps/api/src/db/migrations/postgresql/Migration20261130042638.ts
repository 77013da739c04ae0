import { Migration } from '@mikro-orm/migrations';

// Import runs become a journal (running/succeeded/failed/aborted, progress, dry runs) with their
// per-row problems in import_problem; existing runs were applied imports.
export class Migration20261130042638 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "import_run" drop constraint "import_run_sha256_unique";`);
    this.addSql(
      `alter table "import_run" add column "applied_sha256" varchar(64) null, add column "status" text check ("status" in ('running', 'succeeded', 'failed', 'aborted')) not null default 'running', add column "dry_run" boolean not null default false, add column "request_id" varchar(64) null, add column "rows_total" int not null default 0, add column "rows_done" int not null default 0, add column "phase" varchar(20) not null default 'reading', add column "started_at" timestamptz null, add column "finished_at" timestamptz null, add column "message" text null;`,
    );
    this.addSql(
      `update "import_run" set "applied_sha256" = "sha256", "status" = 'succeeded', "phase" = 'done', "started_at" = "imported_at", "finished_at" = "imported_at";`,
    );
    this.addSql(`alter table "import_run" alter column "started_at" set not null;`);
    this.addSql(`alter table "import_run" alter column "imported_at" drop not null;`);
    this.addSql(`create index "import_run_sha256_index" on "import_run" ("sha256");`);
    this.addSql(
      `alter table "import_run" add constraint "import_run_applied_sha256_unique" unique ("applied_sha256");`,
    );
    this.addSql(`create index "import_run_status_index" on "import_run" ("status");`);
    this.addSql(`create index "import_run_started_at_index" on "import_run" ("started_at");`);
    this.addSql(
      `create table "import_problem" ("id" serial primary key, "run_id" int not null, "line" int not null, "status" text check ("status" in ('flagged', 'rejected')) not null, "product_name" varchar(300) null, "issues" jsonb not null);`,
    );
    this.addSql(
      `create index "import_problem_run_id_line_index" on "import_problem" ("run_id", "line");`,
    );
    this.addSql(
      `alter table "import_problem" add constraint "import_problem_run_id_foreign" foreign key ("run_id") references "import_run" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "import_problem" cascade;`);
    this.addSql(`delete from "import_run" where "applied_sha256" is null;`);
    this.addSql(`update "import_run" set "imported_at" = coalesce("imported_at", "started_at");`);
    this.addSql(`drop index "import_run_sha256_index";`);
    this.addSql(`alter table "import_run" drop constraint "import_run_applied_sha256_unique";`);
    this.addSql(`drop index "import_run_status_index";`);
    this.addSql(`drop index "import_run_started_at_index";`);
    this.addSql(
      `alter table "import_run" drop column "applied_sha256", drop column "status", drop column "dry_run", drop column "request_id", drop column "rows_total", drop column "rows_done", drop column "phase", drop column "started_at", drop column "finished_at", drop column "message";`,
    );
    this.addSql(`alter table "import_run" alter column "imported_at" set not null;`);
    this.addSql(
      `alter table "import_run" add constraint "import_run_sha256_unique" unique ("sha256");`,
    );
  }
}
