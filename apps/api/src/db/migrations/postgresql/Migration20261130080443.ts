import { Migration } from '@mikro-orm/migrations';

// The data version (modules/data-version): one row, raised by every write in its transaction;
// cached figures are keyed by it. The epoch is random per database so a shared Redis never
// mixes two databases that both count from version 0.
export class Migration20261130080443 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "data_version" ("id" int not null, "version" bigint not null, "epoch" varchar(32) not null, constraint "data_version_pkey" primary key ("id"));`,
    );
    this.addSql(
      `insert into "data_version" ("id", "version", "epoch") values (1, 0, md5(random()::text || clock_timestamp()::text));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "data_version" cascade;`);
  }
}
