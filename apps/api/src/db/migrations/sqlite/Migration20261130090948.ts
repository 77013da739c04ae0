import { Migration } from '@mikro-orm/migrations';

// Indexes for the stats filter and group keys (issue 10, point 4): decisions by year and level,
// evaluations by level up to a day, certificates by product and issue day (the latest certificate
// of a product) and the "in force" columns.
export class Migration20261130090948 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index \`decision_year_issuing_level_index\` on \`decision\` (\`year\`, \`issuing_level\`);`,
    );
    this.addSql(
      `create index \`evaluation_level_date_index\` on \`evaluation\` (\`level\`, \`date\`);`,
    );
    this.addSql(
      `create index \`certificate_revoked_on_index\` on \`certificate\` (\`revoked_on\`);`,
    );
    this.addSql(
      `create index \`certificate_superseded_on_index\` on \`certificate\` (\`superseded_on\`);`,
    );
    this.addSql(
      `create index \`certificate_product_id_issued_on_index\` on \`certificate\` (\`product_id\`, \`issued_on\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists \`certificate_product_id_issued_on_index\`;`);
    this.addSql(`drop index if exists \`certificate_superseded_on_index\`;`);
    this.addSql(`drop index if exists \`certificate_revoked_on_index\`;`);
    this.addSql(`drop index if exists \`evaluation_level_date_index\`;`);
    this.addSql(`drop index if exists \`decision_year_issuing_level_index\`;`);
  }
}
