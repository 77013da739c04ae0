import { Migration } from '@mikro-orm/migrations';
import { pgFactSegmentDropSql, pgFactSegmentSql } from '../fact-segment-triggers.js';

// fact_segment, data_version.segments_epoch and the triggers that raise a segment's version with
// every write to its facts (../fact-segment-triggers.ts, modules/data-version/fact-segments.ts).
export class Migration20261201100000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of pgFactSegmentSql()) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of pgFactSegmentDropSql()) this.addSql(sql);
  }
}
