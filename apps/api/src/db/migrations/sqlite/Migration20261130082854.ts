import { Migration } from '@mikro-orm/migrations';

// Natural-key unique indexes (issue 11 point 2), one open certificate per product, the
// idempotency-key table of runWrite, and decision_item.without_evaluation (issue 11 point 3).
// (The generator's rebuilds of unrelated tables, a SQLite diff artefact, are left out.)
export class Migration20261130082854 extends Migration {
  override async up(): Promise<void> {
    // Existing databases may hold duplicates the new unique indexes refuse (issue 11 point 2: they
    // arose from parallel writes on PostgreSQL and from the old importer's strict "<"). They are
    // settled first, so this migration never fails on them:
    // - evaluations of one product, level and day are merged into the oldest record (its sources
    //   gain the others' sources; the later rows are deleted; the audit log keeps their values);
    // - a later entity with the normalised name and unit of an older one, and a later product with
    //   the normalised name and entity of an older one, keep their rows but their search key gets
    //   " #<id>" appended, so nothing is lost and a person can merge them;
    // - of a product's open certificates all but the last (issue day, then record) are superseded
    //   on the next one's issue day, the rule of certificate.service.ts.
    this.addSql(
      `insert into "evaluation_source" ("evaluation_id", "source_id") select distinct k.keep_id, es.source_id from "evaluation_source" es join (select e.id, (select min(o.id) from "evaluation" o where o.product_id = e.product_id and o.level = e.level and o.date = e.date) as keep_id from "evaluation" e) k on k.id = es.evaluation_id where k.keep_id <> k.id and not exists (select 1 from "evaluation_source" x where x.evaluation_id = k.keep_id and x.source_id = es.source_id);`,
    );
    this.addSql(
      `delete from "evaluation_source" where "evaluation_id" in (select e.id from "evaluation" e where exists (select 1 from "evaluation" o where o.product_id = e.product_id and o.level = e.level and o.date = e.date and o.id < e.id));`,
    );
    this.addSql(
      `delete from "evaluation" where exists (select 1 from "evaluation" o where o.product_id = "evaluation".product_id and o.level = "evaluation".level and o.date = "evaluation".date and o.id < "evaluation".id);`,
    );
    this.addSql(
      `update "economic_entity" set "normalized_name" = substr("normalized_name", 1, 280) || ' #' || "id" where exists (select 1 from "economic_entity" o where o.normalized_name = "economic_entity".normalized_name and o.unit_id = "economic_entity".unit_id and o.id < "economic_entity".id);`,
    );
    this.addSql(
      `update "product" set "normalized_name" = substr("normalized_name", 1, 280) || ' #' || "id" where exists (select 1 from "product" o where o.normalized_name = "product".normalized_name and o.entity_id = "product".entity_id and o.id < "product".id);`,
    );
    this.addSql(
      `update "certificate" set "superseded_on" = (select min(c2.issued_on) from "certificate" c2 where c2.product_id = "certificate".product_id and (c2.issued_on > "certificate".issued_on or (c2.issued_on = "certificate".issued_on and c2.id > "certificate".id))) where "revoked_on" is null and "superseded_on" is null and exists (select 1 from "certificate" c3 where c3.product_id = "certificate".product_id and c3.revoked_on is null and c3.superseded_on is null and (c3.issued_on > "certificate".issued_on or (c3.issued_on = "certificate".issued_on and c3.id > "certificate".id)));`,
    );

    this.addSql(
      `create table \`idempotency_key\` (\`id\` integer not null primary key autoincrement, \`actor_id\` integer not null, \`action\` text not null, \`key\` text not null, \`request_hash\` text not null, \`record_id\` text not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create index \`idempotency_key_created_at_index\` on \`idempotency_key\` (\`created_at\`);`,
    );
    this.addSql(
      `create unique index \`idempotency_key_actor_id_action_key_unique\` on \`idempotency_key\` (\`actor_id\`, \`action\`, \`key\`);`,
    );
    this.addSql(`drop index \`economic_entity_normalized_name_unit_id_index\`;`);
    this.addSql(
      `create unique index \`economic_entity_normalized_name_unit_id_unique\` on \`economic_entity\` (\`normalized_name\`, \`unit_id\`);`,
    );
    this.addSql(
      `create unique index \`product_normalized_name_entity_id_unique\` on \`product\` (\`normalized_name\`, \`entity_id\`);`,
    );
    this.addSql(
      `create unique index \`evaluation_product_id_level_date_unique\` on \`evaluation\` (\`product_id\`, \`level\`, \`date\`);`,
    );
    this.addSql(
      `create unique index "certificate_one_open_per_product" on "certificate" ("product_id") where "revoked_on" is null and "superseded_on" is null;`,
    );
    this.addSql(
      `alter table \`decision_item\` add column \`without_evaluation\` integer not null default false;`,
    );
    // Existing recognitions that no scored evaluation of the product (on or before the decision
    // day) backs: the decision lists published stars without a score (see decision-checks.ts).
    this.addSql(
      `update "decision_item" set "without_evaluation" = true where "action" = 'recognise' and not exists (select 1 from "evaluation" e join "decision" d on d.id = "decision_item".decision_id where e.product_id = "decision_item".product_id and e.date <= d.date and e.total is not null);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`idempotency_key\`;`);
    this.addSql(`drop index \`certificate_one_open_per_product\`;`);
    this.addSql(`alter table \`decision_item\` drop column \`without_evaluation\`;`);
    this.addSql(`drop index \`economic_entity_normalized_name_unit_id_unique\`;`);
    this.addSql(
      `create index \`economic_entity_normalized_name_unit_id_index\` on \`economic_entity\` (\`normalized_name\`, \`unit_id\`);`,
    );
    this.addSql(`drop index \`evaluation_product_id_level_date_unique\`;`);
    this.addSql(`drop index \`product_normalized_name_entity_id_unique\`;`);
  }
}
