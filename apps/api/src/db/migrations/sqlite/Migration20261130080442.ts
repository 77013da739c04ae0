import { Migration } from '@mikro-orm/migrations';

// The data version (modules/data-version): one row, raised by every write in its transaction;
// cached figures are keyed by it. The epoch is random per database so a shared Redis never
// mixes two databases that both count from version 0.
export class Migration20261130080442 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`data_version\` (\`id\` integer not null, \`version\` bigint not null, \`epoch\` text not null, primary key (\`id\`));`,
    );
    this.addSql(
      `insert into \`data_version\` (\`id\`, \`version\`, \`epoch\`) values (1, 0, lower(hex(randomblob(16))));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`data_version\`;`);
  }
}
