import { Migration } from '@mikro-orm/migrations';

// import_run.heartbeat_at: the liveness of a running import (import.service.ts
// markKilledImportRuns).
export class Migration20261201040747 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "import_run" add column "heartbeat_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "import_run" drop column "heartbeat_at";`);
  }
}
