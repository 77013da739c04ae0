import { Migration } from '@mikro-orm/migrations';

export class Migration20261129013303 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "admin_unit" ("id" serial primary key, "code" varchar(64) not null, "name" varchar(200) not null, "normalized_name" varchar(200) not null, "type" text check ("type" in ('province', 'city', 'town', 'district', 'commune')) not null, "type_vi" varchar(40) not null, "valid_from" date null, "valid_to" date null, "successor_id" int null);`,
    );
    this.addSql(
      `alter table "admin_unit" add constraint "admin_unit_code_unique" unique ("code");`,
    );
    this.addSql(
      `create index "admin_unit_normalized_name_index" on "admin_unit" ("normalized_name");`,
    );
    this.addSql(`create index "admin_unit_type_index" on "admin_unit" ("type");`);

    this.addSql(
      `create table "decision" ("id" serial primary key, "group_key" varchar(64) not null, "number" varchar(120) null, "date" date not null, "date_precision" text check ("date_precision" in ('day', 'month', 'year')) not null, "issuing_level" text check ("issuing_level" in ('district', 'province', 'national')) not null, "batch" text null, "year" int not null, "version" int not null default 1);`,
    );
    this.addSql(
      `alter table "decision" add constraint "decision_group_key_unique" unique ("group_key");`,
    );
    this.addSql(`create index "decision_number_index" on "decision" ("number");`);
    this.addSql(`create index "decision_date_index" on "decision" ("date");`);
    this.addSql(`create index "decision_issuing_level_index" on "decision" ("issuing_level");`);
    this.addSql(`create index "decision_year_index" on "decision" ("year");`);

    this.addSql(
      `create table "department" ("id" serial primary key, "code" varchar(32) not null, "name_vi" varchar(300) not null, "name_en" varchar(300) not null, "role" text not null, "version" int not null default 1);`,
    );
    this.addSql(
      `alter table "department" add constraint "department_code_unique" unique ("code");`,
    );

    this.addSql(
      `create table "economic_entity" ("id" serial primary key, "name" varchar(300) not null, "normalized_name" varchar(300) not null, "type" text check ("type" in ('enterprise', 'cooperative', 'cooperative_group', 'household_business')) null, "commune" varchar(200) null, "normalized_commune" varchar(200) null, "unit_id" int null, "owner_name" varchar(200) null, "owner_phone" varchar(40) null, "registered_on" date null, "registered_precision" text check ("registered_precision" in ('day', 'month', 'year')) null, "version" int not null default 1);`,
    );
    this.addSql(
      `create index "economic_entity_normalized_name_index" on "economic_entity" ("normalized_name");`,
    );
    this.addSql(`create index "economic_entity_type_index" on "economic_entity" ("type");`);
    this.addSql(
      `create index "economic_entity_normalized_commune_index" on "economic_entity" ("normalized_commune");`,
    );
    this.addSql(`create index "economic_entity_unit_id_index" on "economic_entity" ("unit_id");`);
    this.addSql(
      `create index "economic_entity_registered_on_index" on "economic_entity" ("registered_on");`,
    );
    this.addSql(
      `create index "economic_entity_normalized_name_unit_id_index" on "economic_entity" ("normalized_name", "unit_id");`,
    );

    this.addSql(
      `create table "import_run" ("id" serial primary key, "file_name" varchar(300) not null, "sha256" varchar(64) not null, "imported_at" timestamptz not null, "report" jsonb not null);`,
    );
    this.addSql(
      `alter table "import_run" add constraint "import_run_sha256_unique" unique ("sha256");`,
    );

    this.addSql(
      `create table "plan" ("id" serial primary key, "code" varchar(64) not null, "year" int not null, "title" text not null, "issued_on" date not null, "period_start" date not null, "period_end" date not null, "version" int not null default 1);`,
    );
    this.addSql(`alter table "plan" add constraint "plan_code_unique" unique ("code");`);
    this.addSql(`create index "plan_year_index" on "plan" ("year");`);

    this.addSql(
      `create table "plan_target" ("id" serial primary key, "plan_id" int not null, "code" varchar(64) not null, "kind" text check ("kind" in ('count_at_least', 'count_between', 'share_at_least', 'each_unit_at_least')) not null, "target_value" double precision not null, "target_max" double precision null, "unit_label" varchar(64) not null, "scope" varchar(200) not null, "owner_id" int null, "label_vi" text not null, "label_en" text not null, "definition" text not null, "metric" varchar(64) not null, "sort_order" int not null, "version" int not null default 1);`,
    );
    this.addSql(
      `alter table "plan_target" add constraint "plan_target_plan_id_code_unique" unique ("plan_id", "code");`,
    );

    this.addSql(
      `create table "product" ("id" serial primary key, "name" varchar(300) not null, "normalized_name" varchar(300) not null, "entity_id" int null, "unit_id" int null, "commune" varchar(200) null, "normalized_commune" varchar(200) null, "group1048" varchar(40) null, "group148" varchar(40) null, "registered_on" date null, "registered_precision" text check ("registered_precision" in ('day', 'month', 'year')) null, "version" int not null default 1);`,
    );
    this.addSql(`create index "product_normalized_name_index" on "product" ("normalized_name");`);
    this.addSql(`create index "product_entity_id_index" on "product" ("entity_id");`);
    this.addSql(`create index "product_unit_id_index" on "product" ("unit_id");`);
    this.addSql(
      `create index "product_normalized_commune_index" on "product" ("normalized_commune");`,
    );
    this.addSql(`create index "product_group1048_index" on "product" ("group1048");`);
    this.addSql(`create index "product_group148_index" on "product" ("group148");`);
    this.addSql(`create index "product_registered_on_index" on "product" ("registered_on");`);
    this.addSql(
      `create index "product_normalized_name_unit_id_index" on "product" ("normalized_name", "unit_id");`,
    );

    this.addSql(
      `create table "evaluation" ("id" serial primary key, "product_id" int not null, "level" text check ("level" in ('district', 'province', 'national')) not null, "date" date not null, "date_precision" text check ("date_precision" in ('day', 'month', 'year')) not null, "year" int not null, "rule_set_code" varchar(32) not null, "part_a" double precision null, "part_b" double precision null, "part_c" double precision null, "total" double precision null, "stars" int null, "potential_five_star" boolean not null default false, "council" text null, "round" text null, "outcome" text check ("outcome" in ('passed', 'failed', 'unknown')) not null default 'unknown', "version" int not null default 1);`,
    );
    this.addSql(`create index "evaluation_product_id_index" on "evaluation" ("product_id");`);
    this.addSql(`create index "evaluation_level_index" on "evaluation" ("level");`);
    this.addSql(`create index "evaluation_date_index" on "evaluation" ("date");`);
    this.addSql(`create index "evaluation_year_index" on "evaluation" ("year");`);
    this.addSql(`create index "evaluation_stars_index" on "evaluation" ("stars");`);
    this.addSql(`create index "evaluation_year_level_index" on "evaluation" ("year", "level");`);

    this.addSql(
      `create table "decision_item" ("id" serial primary key, "decision_id" int not null, "product_id" int not null, "stars" int null, "action" text check ("action" in ('recognise', 'revoke')) not null default 'recognise', "version" int not null default 1);`,
    );
    this.addSql(
      `create index "decision_item_decision_id_index" on "decision_item" ("decision_id");`,
    );
    this.addSql(`create index "decision_item_product_id_index" on "decision_item" ("product_id");`);
    this.addSql(`create index "decision_item_stars_index" on "decision_item" ("stars");`);
    this.addSql(
      `alter table "decision_item" add constraint "decision_item_decision_id_product_id_action_unique" unique ("decision_id", "product_id", "action");`,
    );

    this.addSql(
      `create table "certificate" ("id" serial primary key, "product_id" int not null, "decision_item_id" int not null, "stars" int null, "issued_on" date not null, "issued_precision" text check ("issued_precision" in ('day', 'month', 'year')) not null, "valid_until" date not null, "revoked_on" date null, "superseded_on" date null, "version" int not null default 1);`,
    );
    this.addSql(`create index "certificate_product_id_index" on "certificate" ("product_id");`);
    this.addSql(
      `alter table "certificate" add constraint "certificate_decision_item_id_unique" unique ("decision_item_id");`,
    );
    this.addSql(`create index "certificate_stars_index" on "certificate" ("stars");`);
    this.addSql(`create index "certificate_issued_on_index" on "certificate" ("issued_on");`);
    this.addSql(`create index "certificate_valid_until_index" on "certificate" ("valid_until");`);

    this.addSql(
      `create table "published_figure" ("id" serial primary key, "date_label" varchar(120) not null, "date" date null, "date_precision" text check ("date_precision" in ('day', 'month', 'year')) null, "metric" varchar(120) not null, "value" varchar(60) not null, "value_min" double precision null, "value_max" double precision null, "sort_order" int not null);`,
    );
    this.addSql(`create index "published_figure_date_index" on "published_figure" ("date");`);
    this.addSql(`create index "published_figure_metric_index" on "published_figure" ("metric");`);
    this.addSql(
      `alter table "published_figure" add constraint "published_figure_date_label_metric_value_unique" unique ("date_label", "metric", "value");`,
    );

    this.addSql(
      `create table "source" ("id" serial primary key, "url" varchar(1000) not null, "title" text null, "published_on" date null);`,
    );
    this.addSql(`alter table "source" add constraint "source_url_unique" unique ("url");`);

    this.addSql(
      `create table "published_figure_source" ("published_figure_id" int not null, "source_id" int not null, constraint "published_figure_source_pkey" primary key ("published_figure_id", "source_id"));`,
    );

    this.addSql(
      `create table "product_source" ("product_id" int not null, "source_id" int not null, constraint "product_source_pkey" primary key ("product_id", "source_id"));`,
    );

    this.addSql(
      `create table "evaluation_source" ("evaluation_id" int not null, "source_id" int not null, constraint "evaluation_source_pkey" primary key ("evaluation_id", "source_id"));`,
    );

    this.addSql(
      `create table "decision_source" ("decision_id" int not null, "source_id" int not null, constraint "decision_source_pkey" primary key ("decision_id", "source_id"));`,
    );

    this.addSql(
      `create table "task" ("id" serial primary key, "plan_id" int not null, "code" varchar(64) not null, "department_id" int not null, "role" text check ("role" in ('lead', 'coordinate')) not null, "summary_vi" text not null, "summary_en" text not null, "activity_kinds" jsonb not null, "progress_note" text null, "status" text check ("status" in ('not_started', 'in_progress', 'done')) not null default 'not_started', "version" int not null default 1);`,
    );
    this.addSql(`create index "task_department_id_index" on "task" ("department_id");`);
    this.addSql(
      `alter table "task" add constraint "task_plan_id_code_unique" unique ("plan_id", "code");`,
    );

    this.addSql(
      `create table "activity" ("id" serial primary key, "department_id" int not null, "task_id" int null, "kind" varchar(64) not null, "date" date not null, "date_precision" text check ("date_precision" in ('day', 'month', 'year')) not null, "unit_id" int null, "count" int not null default 1, "note" text null, "sample" boolean not null default false, "version" int not null default 1);`,
    );
    this.addSql(`create index "activity_task_id_index" on "activity" ("task_id");`);
    this.addSql(`create index "activity_kind_index" on "activity" ("kind");`);
    this.addSql(`create index "activity_date_index" on "activity" ("date");`);
    this.addSql(`create index "activity_unit_id_index" on "activity" ("unit_id");`);
    this.addSql(`create index "activity_sample_index" on "activity" ("sample");`);
    this.addSql(
      `create index "activity_department_id_kind_date_index" on "activity" ("department_id", "kind", "date");`,
    );

    this.addSql(
      `create table "activity_product" ("activity_id" int not null, "product_id" int not null, constraint "activity_product_pkey" primary key ("activity_id", "product_id"));`,
    );

    this.addSql(
      `create table "activity_entity" ("activity_id" int not null, "economic_entity_id" int not null, constraint "activity_entity_pkey" primary key ("activity_id", "economic_entity_id"));`,
    );

    this.addSql(
      `alter table "admin_unit" add constraint "admin_unit_successor_id_foreign" foreign key ("successor_id") references "admin_unit" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "economic_entity" add constraint "economic_entity_unit_id_foreign" foreign key ("unit_id") references "admin_unit" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "plan_target" add constraint "plan_target_plan_id_foreign" foreign key ("plan_id") references "plan" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "plan_target" add constraint "plan_target_owner_id_foreign" foreign key ("owner_id") references "department" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "product" add constraint "product_entity_id_foreign" foreign key ("entity_id") references "economic_entity" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "product" add constraint "product_unit_id_foreign" foreign key ("unit_id") references "admin_unit" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "evaluation" add constraint "evaluation_product_id_foreign" foreign key ("product_id") references "product" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "decision_item" add constraint "decision_item_decision_id_foreign" foreign key ("decision_id") references "decision" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "decision_item" add constraint "decision_item_product_id_foreign" foreign key ("product_id") references "product" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "certificate" add constraint "certificate_product_id_foreign" foreign key ("product_id") references "product" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "certificate" add constraint "certificate_decision_item_id_foreign" foreign key ("decision_item_id") references "decision_item" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "published_figure_source" add constraint "published_figure_source_published_figure_id_foreign" foreign key ("published_figure_id") references "published_figure" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "published_figure_source" add constraint "published_figure_source_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "product_source" add constraint "product_source_product_id_foreign" foreign key ("product_id") references "product" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "product_source" add constraint "product_source_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "evaluation_source" add constraint "evaluation_source_evaluation_id_foreign" foreign key ("evaluation_id") references "evaluation" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "evaluation_source" add constraint "evaluation_source_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "decision_source" add constraint "decision_source_decision_id_foreign" foreign key ("decision_id") references "decision" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "decision_source" add constraint "decision_source_source_id_foreign" foreign key ("source_id") references "source" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "task" add constraint "task_plan_id_foreign" foreign key ("plan_id") references "plan" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "task" add constraint "task_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "activity" add constraint "activity_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "activity" add constraint "activity_task_id_foreign" foreign key ("task_id") references "task" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "activity" add constraint "activity_unit_id_foreign" foreign key ("unit_id") references "admin_unit" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "activity_product" add constraint "activity_product_activity_id_foreign" foreign key ("activity_id") references "activity" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "activity_product" add constraint "activity_product_product_id_foreign" foreign key ("product_id") references "product" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "activity_entity" add constraint "activity_entity_activity_id_foreign" foreign key ("activity_id") references "activity" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "activity_entity" add constraint "activity_entity_economic_entity_id_foreign" foreign key ("economic_entity_id") references "economic_entity" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "admin_unit" drop constraint "admin_unit_successor_id_foreign";`);

    this.addSql(`alter table "economic_entity" drop constraint "economic_entity_unit_id_foreign";`);

    this.addSql(`alter table "product" drop constraint "product_unit_id_foreign";`);

    this.addSql(`alter table "activity" drop constraint "activity_unit_id_foreign";`);

    this.addSql(`alter table "decision_item" drop constraint "decision_item_decision_id_foreign";`);

    this.addSql(
      `alter table "decision_source" drop constraint "decision_source_decision_id_foreign";`,
    );

    this.addSql(`alter table "plan_target" drop constraint "plan_target_owner_id_foreign";`);

    this.addSql(`alter table "task" drop constraint "task_department_id_foreign";`);

    this.addSql(`alter table "activity" drop constraint "activity_department_id_foreign";`);

    this.addSql(`alter table "product" drop constraint "product_entity_id_foreign";`);

    this.addSql(
      `alter table "activity_entity" drop constraint "activity_entity_economic_entity_id_foreign";`,
    );

    this.addSql(`alter table "plan_target" drop constraint "plan_target_plan_id_foreign";`);

    this.addSql(`alter table "task" drop constraint "task_plan_id_foreign";`);

    this.addSql(`alter table "evaluation" drop constraint "evaluation_product_id_foreign";`);

    this.addSql(`alter table "decision_item" drop constraint "decision_item_product_id_foreign";`);

    this.addSql(`alter table "certificate" drop constraint "certificate_product_id_foreign";`);

    this.addSql(
      `alter table "product_source" drop constraint "product_source_product_id_foreign";`,
    );

    this.addSql(
      `alter table "activity_product" drop constraint "activity_product_product_id_foreign";`,
    );

    this.addSql(
      `alter table "evaluation_source" drop constraint "evaluation_source_evaluation_id_foreign";`,
    );

    this.addSql(
      `alter table "certificate" drop constraint "certificate_decision_item_id_foreign";`,
    );

    this.addSql(
      `alter table "published_figure_source" drop constraint "published_figure_source_published_figure_id_foreign";`,
    );

    this.addSql(
      `alter table "published_figure_source" drop constraint "published_figure_source_source_id_foreign";`,
    );

    this.addSql(`alter table "product_source" drop constraint "product_source_source_id_foreign";`);

    this.addSql(
      `alter table "evaluation_source" drop constraint "evaluation_source_source_id_foreign";`,
    );

    this.addSql(
      `alter table "decision_source" drop constraint "decision_source_source_id_foreign";`,
    );

    this.addSql(`alter table "activity" drop constraint "activity_task_id_foreign";`);

    this.addSql(
      `alter table "activity_product" drop constraint "activity_product_activity_id_foreign";`,
    );

    this.addSql(
      `alter table "activity_entity" drop constraint "activity_entity_activity_id_foreign";`,
    );

    this.addSql(`drop table if exists "admin_unit" cascade;`);

    this.addSql(`drop table if exists "decision" cascade;`);

    this.addSql(`drop table if exists "department" cascade;`);

    this.addSql(`drop table if exists "economic_entity" cascade;`);

    this.addSql(`drop table if exists "import_run" cascade;`);

    this.addSql(`drop table if exists "plan" cascade;`);

    this.addSql(`drop table if exists "plan_target" cascade;`);

    this.addSql(`drop table if exists "product" cascade;`);

    this.addSql(`drop table if exists "evaluation" cascade;`);

    this.addSql(`drop table if exists "decision_item" cascade;`);

    this.addSql(`drop table if exists "certificate" cascade;`);

    this.addSql(`drop table if exists "published_figure" cascade;`);

    this.addSql(`drop table if exists "source" cascade;`);

    this.addSql(`drop table if exists "published_figure_source" cascade;`);

    this.addSql(`drop table if exists "product_source" cascade;`);

    this.addSql(`drop table if exists "evaluation_source" cascade;`);

    this.addSql(`drop table if exists "decision_source" cascade;`);

    this.addSql(`drop table if exists "task" cascade;`);

    this.addSql(`drop table if exists "activity" cascade;`);

    this.addSql(`drop table if exists "activity_product" cascade;`);

    this.addSql(`drop table if exists "activity_entity" cascade;`);
  }
}
