import { Migration } from '@mikro-orm/migrations';

// Import runs become a journal (running/succeeded/failed/aborted, progress, dry runs) with their
// per-row problems in import_problem. SQLite cannot add NOT NULL columns without a default nor
// relax a NOT NULL in place, so import_run is rebuilt; existing runs were applied imports.
export class Migration20261130042635 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`import_run__temp_alter\` (\`id\` integer not null primary key autoincrement, \`file_name\` text not null, \`sha256\` text not null, \`applied_sha256\` text null, \`status\` text check (\`status\` in ('running', 'succeeded', 'failed', 'aborted')) not null default 'running', \`dry_run\` integer not null default false, \`request_id\` text null, \`rows_total\` integer not null default 0, \`rows_done\` integer not null default 0, \`phase\` text not null default 'reading', \`started_at\` datetime not null, \`finished_at\` datetime null, \`imported_at\` datetime null, \`message\` text null, \`report\` json not null);`,
    );
    this.addSql(
      `insert into \`import_run__temp_alter\` (\`id\`, \`file_name\`, \`sha256\`, \`applied_sha256\`, \`status\`, \`dry_run\`, \`phase\`, \`started_at\`, \`finished_at\`, \`imported_at\`, \`report\`) select \`id\`, \`file_name\`, \`sha256\`, \`sha256\`, 'succeeded', false, 'done', \`imported_at\`, \`imported_at\`, \`imported_at\`, \`report\` from \`import_run\`;`,
    );
    this.addSql(`drop table \`import_run\`;`);
    this.addSql(`alter table \`import_run__temp_alter\` rename to \`import_run\`;`);
    this.addSql(`create index \`import_run_sha256_index\` on \`import_run\` (\`sha256\`);`);
    this.addSql(
      `create unique index \`import_run_applied_sha256_unique\` on \`import_run\` (\`applied_sha256\`);`,
    );
    this.addSql(`create index \`import_run_status_index\` on \`import_run\` (\`status\`);`);
    this.addSql(`create index \`import_run_started_at_index\` on \`import_run\` (\`started_at\`);`);
    this.addSql(`pragma foreign_keys = on;`);
    this.addSql(
      `create table \`import_problem\` (\`id\` integer not null primary key autoincrement, \`run_id\` integer not null, \`line\` integer not null, \`status\` text check (\`status\` in ('flagged', 'rejected')) not null, \`product_name\` text null, \`issues\` json not null, constraint \`import_problem_run_id_foreign\` foreign key(\`run_id\`) references \`import_run\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`import_problem_run_id_index\` on \`import_problem\` (\`run_id\`);`);
    this.addSql(
      `create index \`import_problem_run_id_line_index\` on \`import_problem\` (\`run_id\`, \`line\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`import_problem\`;`);
    this.addSql(`delete from \`import_run\` where \`applied_sha256\` is null;`);
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`import_run__temp_alter\` (\`id\` integer not null primary key autoincrement, \`file_name\` text not null, \`sha256\` text not null, \`imported_at\` datetime not null, \`report\` json not null);`,
    );
    this.addSql(
      `insert into \`import_run__temp_alter\` select \`id\`, \`file_name\`, \`sha256\`, coalesce(\`imported_at\`, \`started_at\`), \`report\` from \`import_run\`;`,
    );
    this.addSql(`drop table \`import_run\`;`);
    this.addSql(`alter table \`import_run__temp_alter\` rename to \`import_run\`;`);
    this.addSql(`create unique index \`import_run_sha256_unique\` on \`import_run\` (\`sha256\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }
}
