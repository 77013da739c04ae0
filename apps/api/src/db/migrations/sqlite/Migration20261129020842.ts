import { Migration } from '@mikro-orm/migrations';

export class Migration20261129020842 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`audit_log\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`actor_id\` integer null, \`actor_email\` text null, \`action\` text not null, \`record_type\` text not null, \`record_id\` text null, \`before\` text null, \`after\` text null, \`request_id\` text not null);`,
    );
    this.addSql(`create index \`audit_log_at_index\` on \`audit_log\` (\`at\`);`);
    this.addSql(`create index \`audit_log_actor_id_index\` on \`audit_log\` (\`actor_id\`);`);
    this.addSql(`create index \`audit_log_action_index\` on \`audit_log\` (\`action\`);`);
    this.addSql(
      `create index \`audit_log_record_type_at_index\` on \`audit_log\` (\`record_type\`, \`at\`);`,
    );

    this.addSql(
      `create table \`login_failure\` (\`id\` integer not null primary key autoincrement, \`key\` text not null, \`at\` datetime not null);`,
    );
    this.addSql(
      `create index \`login_failure_key_at_index\` on \`login_failure\` (\`key\`, \`at\`);`,
    );

    this.addSql(
      `create table \`app_user\` (\`id\` integer not null primary key autoincrement, \`email\` text not null, \`display_name\` text not null, \`role\` text check (\`role\` in ('admin', 'secretariat', 'department_officer', 'district_officer', 'viewer')) not null, \`department_id\` integer null, \`unit_id\` integer null, \`password_hash\` text not null, \`active\` integer not null default true, \`created_at\` datetime not null, \`version\` integer not null default 1, constraint \`app_user_department_id_foreign\` foreign key(\`department_id\`) references \`department\`(\`id\`) on delete set null on update cascade, constraint \`app_user_unit_id_foreign\` foreign key(\`unit_id\`) references \`admin_unit\`(\`id\`) on delete set null on update cascade);`,
    );
    this.addSql(`create unique index \`app_user_email_unique\` on \`app_user\` (\`email\`);`);
    this.addSql(`create index \`app_user_role_index\` on \`app_user\` (\`role\`);`);
    this.addSql(
      `create index \`app_user_department_id_index\` on \`app_user\` (\`department_id\`);`,
    );
    this.addSql(`create index \`app_user_unit_id_index\` on \`app_user\` (\`unit_id\`);`);

    this.addSql(
      `create table \`session\` (\`id\` integer not null primary key autoincrement, \`token_hash\` text not null, \`user_id\` integer not null, \`created_at\` datetime not null, \`expires_at\` datetime not null, \`revoked_at\` datetime null, constraint \`session_user_id_foreign\` foreign key(\`user_id\`) references \`app_user\`(\`id\`) on update cascade);`,
    );
    this.addSql(
      `create unique index \`session_token_hash_unique\` on \`session\` (\`token_hash\`);`,
    );
    this.addSql(`create index \`session_user_id_index\` on \`session\` (\`user_id\`);`);
    this.addSql(`create index \`session_expires_at_index\` on \`session\` (\`expires_at\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`session\`;`);
    this.addSql(`drop table if exists \`app_user\`;`);
    this.addSql(`drop table if exists \`login_failure\`;`);
    this.addSql(`drop table if exists \`audit_log\`;`);
  }
}
