import { Migration } from '@mikro-orm/migrations';

export class Migration20261129013302 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`admin_unit\` (\`id\` integer not null primary key autoincrement, \`code\` text not null, \`name\` text not null, \`normalized_name\` text not null, \`type\` text check (\`type\` in ('province', 'city', 'town', 'district', 'commune')) not null, \`type_vi\` text not null, \`valid_from\` date null, \`valid_to\` date null, \`successor_id\` integer null, constraint \`admin_unit_successor_id_foreign\` foreign key(\`successor_id\`) references \`admin_unit\`(\`id\`) on delete set null on update cascade);`,
    );
    this.addSql(`create unique index \`admin_unit_code_unique\` on \`admin_unit\` (\`code\`);`);
    this.addSql(
      `create index \`admin_unit_normalized_name_index\` on \`admin_unit\` (\`normalized_name\`);`,
    );
    this.addSql(`create index \`admin_unit_type_index\` on \`admin_unit\` (\`type\`);`);
    this.addSql(
      `create index \`admin_unit_successor_id_index\` on \`admin_unit\` (\`successor_id\`);`,
    );

    this.addSql(
      `create table \`decision\` (\`id\` integer not null primary key autoincrement, \`group_key\` text not null, \`number\` text null, \`date\` date not null, \`date_precision\` text check (\`date_precision\` in ('day', 'month', 'year')) not null, \`issuing_level\` text check (\`issuing_level\` in ('district', 'province', 'national')) not null, \`batch\` text null, \`year\` integer not null, \`version\` integer not null default 1);`,
    );
    this.addSql(
      `create unique index \`decision_group_key_unique\` on \`decision\` (\`group_key\`);`,
    );
    this.addSql(`create index \`decision_number_index\` on \`decision\` (\`number\`);`);
    this.addSql(`create index \`decision_date_index\` on \`decision\` (\`date\`);`);
    this.addSql(
      `create index \`decision_issuing_level_index\` on \`decision\` (\`issuing_level\`);`,
    );
    this.addSql(`create index \`decision_year_index\` on \`decision\` (\`year\`);`);

    this.addSql(
      `create table \`department\` (\`id\` integer not null primary key autoincrement, \`code\` text not null, \`name_vi\` text not null, \`name_en\` text not null, \`role\` text not null, \`version\` integer not null default 1);`,
    );
    this.addSql(`create unique index \`department_code_unique\` on \`department\` (\`code\`);`);

    this.addSql(
      `create table \`economic_entity\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`normalized_name\` text not null, \`type\` text check (\`type\` in ('enterprise', 'cooperative', 'cooperative_group', 'household_business')) null, \`commune\` text null, \`normalized_commune\` text null, \`unit_id\` integer null, \`owner_name\` text null, \`owner_phone\` text null, \`registered_on\` date null, \`registered_precision\` text check (\`registered_precision\` in ('day', 'month', 'year')) null, \`version\` integer not null default 1, constraint \`economic_entity_unit_id_foreign\` foreign key(\`unit_id\`) references \`admin_unit\`(\`id\`) on delete set null on update cascade);`,
    );
    this.addSql(
      `create index \`economic_entity_normalized_name_index\` on \`economic_entity\` (\`normalized_name\`);`,
    );
    this.addSql(`create index \`economic_entity_type_index\` on \`economic_entity\` (\`type\`);`);
    this.addSql(
      `create index \`economic_entity_normalized_commune_index\` on \`economic_entity\` (\`normalized_commune\`);`,
    );
    this.addSql(
      `create index \`economic_entity_unit_id_index\` on \`economic_entity\` (\`unit_id\`);`,
    );
    this.addSql(
      `create index \`economic_entity_registered_on_index\` on \`economic_entity\` (\`registered_on\`);`,
    );
    this.addSql(
      `create index \`economic_entity_normalized_name_unit_id_index\` on \`economic_entity\` (\`normalized_name\`, \`unit_id\`);`,
    );

    this.addSql(
      `create table \`import_run\` (\`id\` integer not null primary key autoincrement, \`file_name\` text not null, \`sha256\` text not null, \`imported_at\` datetime not null, \`report\` json not null);`,
    );
    this.addSql(`create unique index \`import_run_sha256_unique\` on \`import_run\` (\`sha256\`);`);

    this.addSql(
      `create table \`plan\` (\`id\` integer not null primary key autoincrement, \`code\` text not null, \`year\` integer not null, \`title\` text not null, \`issued_on\` date not null, \`period_start\` date not null, \`period_end\` date not null, \`version\` integer not null default 1);`,
    );
    this.addSql(`create unique index \`plan_code_unique\` on \`plan\` (\`code\`);`);
    this.addSql(`create index \`plan_year_index\` on \`plan\` (\`year\`);`);

    this.addSql(
      `create table \`plan_target\` (\`id\` integer not null primary key autoincrement, \`plan_id\` integer not null, \`code\` text not null, \`kind\` text check (\`kind\` in ('count_at_least', 'count_between', 'share_at_least', 'each_unit_at_least')) not null, \`target_value\` double not null, \`target_max\` double null, \`unit_label\` text not null, \`scope\` text not null, \`owner_id\` integer null, \`label_vi\` text not null, \`label_en\` text not null, \`definition\` text not null, \`metric\` text not null, \`sort_order\` integer not null, \`version\` integer not null default 1, constraint \`plan_target_plan_id_foreign\` foreign key(\`plan_id\`) references \`plan\`(\`id\`) on update cascade, constraint \`plan_target_owner_id_foreign\` foreign key(\`owner_id\`) references \`department\`(\`id\`) on delete set null on update cascade);`,
    );
    this.addSql(`create index \`plan_target_plan_id_index\` on \`plan_target\` (\`plan_id\`);`);
    this.addSql(`create index \`plan_target_owner_id_index\` on \`plan_target\` (\`owner_id\`);`);
    this.addSql(
      `create unique index \`plan_target_plan_id_code_unique\` on \`plan_target\` (\`plan_id\`, \`code\`);`,
    );

    this.addSql(
      `create table \`product\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`normalized_name\` text not null, \`entity_id\` integer null, \`unit_id\` integer null, \`commune\` text null, \`normalized_commune\` text null, \`group1048\` text null, \`group148\` text null, \`registered_on\` date null, \`registered_precision\` text check (\`registered_precision\` in ('day', 'month', 'year')) null, \`version\` integer not null default 1, constraint \`product_entity_id_foreign\` foreign key(\`entity_id\`) references \`economic_entity\`(\`id\`) on delete set null on update cascade, constraint \`product_unit_id_foreign\` foreign key(\`unit_id\`) references \`admin_unit\`(\`id\`) on delete set null on update cascade);`,
    );
    this.addSql(
      `create index \`product_normalized_name_index\` on \`product\` (\`normalized_name\`);`,
    );
    this.addSql(`create index \`product_entity_id_index\` on \`product\` (\`entity_id\`);`);
    this.addSql(`create index \`product_unit_id_index\` on \`product\` (\`unit_id\`);`);
    this.addSql(
      `create index \`product_normalized_commune_index\` on \`product\` (\`normalized_commune\`);`,
    );
    this.addSql(`create index \`product_group1048_index\` on \`product\` (\`group1048\`);`);
    this.addSql(`create index \`product_group148_index\` on \`product\` (\`group148\`);`);
    this.addSql(`create index \`product_registered_on_index\` on \`product\` (\`registered_on\`);`);
    this.addSql(
      `create index \`product_normalized_name_unit_id_index\` on \`product\` (\`normalized_name\`, \`unit_id\`);`,
    );

    this.addSql(
      `create table \`evaluation\` (\`id\` integer not null primary key autoincrement, \`product_id\` integer not null, \`level\` text check (\`level\` in ('district', 'province', 'national')) not null, \`date\` date not null, \`date_precision\` text check (\`date_precision\` in ('day', 'month', 'year')) not null, \`year\` integer not null, \`rule_set_code\` text not null, \`part_a\` double null, \`part_b\` double null, \`part_c\` double null, \`total\` double null, \`stars\` integer null, \`potential_five_star\` integer not null default false, \`council\` text null, \`round\` text null, \`outcome\` text check (\`outcome\` in ('passed', 'failed', 'unknown')) not null default 'unknown', \`version\` integer not null default 1, constraint \`evaluation_product_id_foreign\` foreign key(\`product_id\`) references \`product\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`evaluation_product_id_index\` on \`evaluation\` (\`product_id\`);`);
    this.addSql(`create index \`evaluation_level_index\` on \`evaluation\` (\`level\`);`);
    this.addSql(`create index \`evaluation_date_index\` on \`evaluation\` (\`date\`);`);
    this.addSql(`create index \`evaluation_year_index\` on \`evaluation\` (\`year\`);`);
    this.addSql(`create index \`evaluation_stars_index\` on \`evaluation\` (\`stars\`);`);
    this.addSql(
      `create index \`evaluation_year_level_index\` on \`evaluation\` (\`year\`, \`level\`);`,
    );

    this.addSql(
      `create table \`decision_item\` (\`id\` integer not null primary key autoincrement, \`decision_id\` integer not null, \`product_id\` integer not null, \`stars\` integer null, \`action\` text check (\`action\` in ('recognise', 'revoke')) not null default 'recognise', \`version\` integer not null default 1, constraint \`decision_item_decision_id_foreign\` foreign key(\`decision_id\`) references \`decision\`(\`id\`) on update cascade, constraint \`decision_item_product_id_foreign\` foreign key(\`product_id\`) references \`product\`(\`id\`) on update cascade);`,
    );
    this.addSql(
      `create index \`decision_item_decision_id_index\` on \`decision_item\` (\`decision_id\`);`,
    );
    this.addSql(
      `create index \`decision_item_product_id_index\` on \`decision_item\` (\`product_id\`);`,
    );
    this.addSql(`create index \`decision_item_stars_index\` on \`decision_item\` (\`stars\`);`);
    this.addSql(
      `create unique index \`decision_item_decision_id_product_id_action_unique\` on \`decision_item\` (\`decision_id\`, \`product_id\`, \`action\`);`,
    );

    this.addSql(
      `create table \`certificate\` (\`id\` integer not null primary key autoincrement, \`product_id\` integer not null, \`decision_item_id\` integer not null, \`stars\` integer null, \`issued_on\` date not null, \`issued_precision\` text check (\`issued_precision\` in ('day', 'month', 'year')) not null, \`valid_until\` date not null, \`revoked_on\` date null, \`superseded_on\` date null, \`version\` integer not null default 1, constraint \`certificate_product_id_foreign\` foreign key(\`product_id\`) references \`product\`(\`id\`) on update cascade, constraint \`certificate_decision_item_id_foreign\` foreign key(\`decision_item_id\`) references \`decision_item\`(\`id\`) on update cascade);`,
    );
    this.addSql(
      `create index \`certificate_product_id_index\` on \`certificate\` (\`product_id\`);`,
    );
    this.addSql(
      `create unique index \`certificate_decision_item_id_unique\` on \`certificate\` (\`decision_item_id\`);`,
    );
    this.addSql(`create index \`certificate_stars_index\` on \`certificate\` (\`stars\`);`);
    this.addSql(`create index \`certificate_issued_on_index\` on \`certificate\` (\`issued_on\`);`);
    this.addSql(
      `create index \`certificate_valid_until_index\` on \`certificate\` (\`valid_until\`);`,
    );

    this.addSql(
      `create table \`published_figure\` (\`id\` integer not null primary key autoincrement, \`date_label\` text not null, \`date\` date null, \`date_precision\` text check (\`date_precision\` in ('day', 'month', 'year')) null, \`metric\` text not null, \`value\` text not null, \`value_min\` double null, \`value_max\` double null, \`sort_order\` integer not null);`,
    );
    this.addSql(`create index \`published_figure_date_index\` on \`published_figure\` (\`date\`);`);
    this.addSql(
      `create index \`published_figure_metric_index\` on \`published_figure\` (\`metric\`);`,
    );
    this.addSql(
      `create unique index \`published_figure_date_label_metric_value_unique\` on \`published_figure\` (\`date_label\`, \`metric\`, \`value\`);`,
    );

    this.addSql(
      `create table \`source\` (\`id\` integer not null primary key autoincrement, \`url\` text not null, \`title\` text null, \`published_on\` date null);`,
    );
    this.addSql(`create unique index \`source_url_unique\` on \`source\` (\`url\`);`);

    this.addSql(
      `create table \`published_figure_source\` (\`published_figure_id\` integer not null, \`source_id\` integer not null, constraint \`published_figure_source_published_figure_id_foreign\` foreign key(\`published_figure_id\`) references \`published_figure\`(\`id\`) on delete cascade on update cascade, constraint \`published_figure_source_source_id_foreign\` foreign key(\`source_id\`) references \`source\`(\`id\`) on delete cascade on update cascade, primary key (\`published_figure_id\`, \`source_id\`));`,
    );
    this.addSql(
      `create index \`published_figure_source_published_figure_id_index\` on \`published_figure_source\` (\`published_figure_id\`);`,
    );
    this.addSql(
      `create index \`published_figure_source_source_id_index\` on \`published_figure_source\` (\`source_id\`);`,
    );

    this.addSql(
      `create table \`product_source\` (\`product_id\` integer not null, \`source_id\` integer not null, constraint \`product_source_product_id_foreign\` foreign key(\`product_id\`) references \`product\`(\`id\`) on delete cascade on update cascade, constraint \`product_source_source_id_foreign\` foreign key(\`source_id\`) references \`source\`(\`id\`) on delete cascade on update cascade, primary key (\`product_id\`, \`source_id\`));`,
    );
    this.addSql(
      `create index \`product_source_product_id_index\` on \`product_source\` (\`product_id\`);`,
    );
    this.addSql(
      `create index \`product_source_source_id_index\` on \`product_source\` (\`source_id\`);`,
    );

    this.addSql(
      `create table \`evaluation_source\` (\`evaluation_id\` integer not null, \`source_id\` integer not null, constraint \`evaluation_source_evaluation_id_foreign\` foreign key(\`evaluation_id\`) references \`evaluation\`(\`id\`) on delete cascade on update cascade, constraint \`evaluation_source_source_id_foreign\` foreign key(\`source_id\`) references \`source\`(\`id\`) on delete cascade on update cascade, primary key (\`evaluation_id\`, \`source_id\`));`,
    );
    this.addSql(
      `create index \`evaluation_source_evaluation_id_index\` on \`evaluation_source\` (\`evaluation_id\`);`,
    );
    this.addSql(
      `create index \`evaluation_source_source_id_index\` on \`evaluation_source\` (\`source_id\`);`,
    );

    this.addSql(
      `create table \`decision_source\` (\`decision_id\` integer not null, \`source_id\` integer not null, constraint \`decision_source_decision_id_foreign\` foreign key(\`decision_id\`) references \`decision\`(\`id\`) on delete cascade on update cascade, constraint \`decision_source_source_id_foreign\` foreign key(\`source_id\`) references \`source\`(\`id\`) on delete cascade on update cascade, primary key (\`decision_id\`, \`source_id\`));`,
    );
    this.addSql(
      `create index \`decision_source_decision_id_index\` on \`decision_source\` (\`decision_id\`);`,
    );
    this.addSql(
      `create index \`decision_source_source_id_index\` on \`decision_source\` (\`source_id\`);`,
    );

    this.addSql(
      `create table \`task\` (\`id\` integer not null primary key autoincrement, \`plan_id\` integer not null, \`code\` text not null, \`department_id\` integer not null, \`role\` text check (\`role\` in ('lead', 'coordinate')) not null, \`summary_vi\` text not null, \`summary_en\` text not null, \`activity_kinds\` json not null, \`progress_note\` text null, \`status\` text check (\`status\` in ('not_started', 'in_progress', 'done')) not null default 'not_started', \`version\` integer not null default 1, constraint \`task_plan_id_foreign\` foreign key(\`plan_id\`) references \`plan\`(\`id\`) on update cascade, constraint \`task_department_id_foreign\` foreign key(\`department_id\`) references \`department\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`task_plan_id_index\` on \`task\` (\`plan_id\`);`);
    this.addSql(`create index \`task_department_id_index\` on \`task\` (\`department_id\`);`);
    this.addSql(
      `create unique index \`task_plan_id_code_unique\` on \`task\` (\`plan_id\`, \`code\`);`,
    );

    this.addSql(
      `create table \`activity\` (\`id\` integer not null primary key autoincrement, \`department_id\` integer not null, \`task_id\` integer null, \`kind\` text not null, \`date\` date not null, \`date_precision\` text check (\`date_precision\` in ('day', 'month', 'year')) not null, \`unit_id\` integer null, \`count\` integer not null default 1, \`note\` text null, \`sample\` integer not null default false, \`version\` integer not null default 1, constraint \`activity_department_id_foreign\` foreign key(\`department_id\`) references \`department\`(\`id\`) on update cascade, constraint \`activity_task_id_foreign\` foreign key(\`task_id\`) references \`task\`(\`id\`) on delete set null on update cascade, constraint \`activity_unit_id_foreign\` foreign key(\`unit_id\`) references \`admin_unit\`(\`id\`) on delete set null on update cascade);`,
    );
    this.addSql(
      `create index \`activity_department_id_index\` on \`activity\` (\`department_id\`);`,
    );
    this.addSql(`create index \`activity_task_id_index\` on \`activity\` (\`task_id\`);`);
    this.addSql(`create index \`activity_kind_index\` on \`activity\` (\`kind\`);`);
    this.addSql(`create index \`activity_date_index\` on \`activity\` (\`date\`);`);
    this.addSql(`create index \`activity_unit_id_index\` on \`activity\` (\`unit_id\`);`);
    this.addSql(`create index \`activity_sample_index\` on \`activity\` (\`sample\`);`);
    this.addSql(
      `create index \`activity_department_id_kind_date_index\` on \`activity\` (\`department_id\`, \`kind\`, \`date\`);`,
    );

    this.addSql(
      `create table \`activity_product\` (\`activity_id\` integer not null, \`product_id\` integer not null, constraint \`activity_product_activity_id_foreign\` foreign key(\`activity_id\`) references \`activity\`(\`id\`) on delete cascade on update cascade, constraint \`activity_product_product_id_foreign\` foreign key(\`product_id\`) references \`product\`(\`id\`) on delete cascade on update cascade, primary key (\`activity_id\`, \`product_id\`));`,
    );
    this.addSql(
      `create index \`activity_product_activity_id_index\` on \`activity_product\` (\`activity_id\`);`,
    );
    this.addSql(
      `create index \`activity_product_product_id_index\` on \`activity_product\` (\`product_id\`);`,
    );

    this.addSql(
      `create table \`activity_entity\` (\`activity_id\` integer not null, \`economic_entity_id\` integer not null, constraint \`activity_entity_activity_id_foreign\` foreign key(\`activity_id\`) references \`activity\`(\`id\`) on delete cascade on update cascade, constraint \`activity_entity_economic_entity_id_foreign\` foreign key(\`economic_entity_id\`) references \`economic_entity\`(\`id\`) on delete cascade on update cascade, primary key (\`activity_id\`, \`economic_entity_id\`));`,
    );
    this.addSql(
      `create index \`activity_entity_activity_id_index\` on \`activity_entity\` (\`activity_id\`);`,
    );
    this.addSql(
      `create index \`activity_entity_economic_entity_id_index\` on \`activity_entity\` (\`economic_entity_id\`);`,
    );
  }
}
