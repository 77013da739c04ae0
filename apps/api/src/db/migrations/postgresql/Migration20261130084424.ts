import { Migration } from '@mikro-orm/migrations';

// audit_log.client_request_id: the client's own x-request-id, kept beside the server's request id
// (http/logging.ts).
export class Migration20261130084424 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit_log" add column "client_request_id" varchar(64) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "audit_log" drop column "client_request_id";`);
  }
}
