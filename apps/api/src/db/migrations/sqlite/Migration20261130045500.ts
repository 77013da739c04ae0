import { Migration } from '@mikro-orm/migrations';

// Sign-in throttle as one counter row per key (src/modules/auth/throttle.ts) instead of one row
// per failure: attempts are counted by a single conditional UPDATE before the password is checked.
export class Migration20261130045500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop table if exists \`login_failure\`;`);
    this.addSql(
      `create table \`login_throttle\` (\`throttle_key\` text not null, \`attempts\` integer not null, \`last_at\` integer not null, \`next_at\` integer not null, \`refused\` integer not null, \`refused_audit_id\` integer null, primary key (\`throttle_key\`));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`login_throttle\`;`);
    this.addSql(
      `create table \`login_failure\` (\`id\` integer not null primary key autoincrement, \`key\` text not null, \`at\` datetime not null);`,
    );
    this.addSql(
      `create index \`login_failure_key_at_index\` on \`login_failure\` (\`key\`, \`at\`);`,
    );
  }
}
