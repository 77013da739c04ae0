import { Migration } from '@mikro-orm/migrations';

// Sign-in throttle as one counter row per key (src/modules/auth/throttle.ts) instead of one row
// per failure: attempts are counted by a single conditional UPDATE before the password is checked.
export class Migration20261130045500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop table if exists "login_failure" cascade;`);
    this.addSql(
      `create table "login_throttle" ("throttle_key" varchar(300) not null, "attempts" int not null, "last_at" bigint not null, "next_at" bigint not null, "refused" int not null, "refused_audit_id" int null, constraint "login_throttle_pkey" primary key ("throttle_key"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "login_throttle" cascade;`);
    this.addSql(
      `create table "login_failure" ("id" serial primary key, "key" varchar(300) not null, "at" timestamptz not null);`,
    );
    this.addSql(`create index "login_failure_key_at_index" on "login_failure" ("key", "at");`);
  }
}
