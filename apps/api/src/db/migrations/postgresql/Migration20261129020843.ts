import { Migration } from '@mikro-orm/migrations';

export class Migration20261129020843 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_log" ("id" serial primary key, "at" timestamptz not null, "actor_id" int null, "actor_email" varchar(254) null, "action" varchar(64) not null, "record_type" varchar(32) not null, "record_id" varchar(64) null, "before" text null, "after" text null, "request_id" varchar(64) not null);`,
    );
    this.addSql(`create index "audit_log_at_index" on "audit_log" ("at");`);
    this.addSql(`create index "audit_log_actor_id_index" on "audit_log" ("actor_id");`);
    this.addSql(`create index "audit_log_action_index" on "audit_log" ("action");`);
    this.addSql(
      `create index "audit_log_record_type_at_index" on "audit_log" ("record_type", "at");`,
    );

    this.addSql(
      `create table "login_failure" ("id" serial primary key, "key" varchar(300) not null, "at" timestamptz not null);`,
    );
    this.addSql(`create index "login_failure_key_at_index" on "login_failure" ("key", "at");`);

    this.addSql(
      `create table "app_user" ("id" serial primary key, "email" varchar(254) not null, "display_name" varchar(200) not null, "role" text check ("role" in ('admin', 'secretariat', 'department_officer', 'district_officer', 'viewer')) not null, "department_id" int null, "unit_id" int null, "password_hash" varchar(200) not null, "active" boolean not null default true, "created_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);
    this.addSql(`create index "app_user_role_index" on "app_user" ("role");`);

    this.addSql(
      `create table "session" ("id" serial primary key, "token_hash" varchar(64) not null, "user_id" int not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null);`,
    );
    this.addSql(
      `alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`,
    );
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);
    this.addSql(`create index "session_expires_at_index" on "session" ("expires_at");`);

    this.addSql(
      `alter table "app_user" add constraint "app_user_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "app_user" add constraint "app_user_unit_id_foreign" foreign key ("unit_id") references "admin_unit" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "session" drop constraint "session_user_id_foreign";`);

    this.addSql(`drop table if exists "audit_log" cascade;`);

    this.addSql(`drop table if exists "login_failure" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "session" cascade;`);
  }
}
