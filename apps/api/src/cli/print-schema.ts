// Writes apps/api/schema.graphql (sorted SDL) so schema changes show up in review (the committed
// schema is the API contract; the web types its operations from it).
// With --check it writes nothing and exits 1 when the committed file is stale (tests, CI).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSortedSchema } from '../graphql/print-schema.js';

const target = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
const printed = printSortedSchema();
if (process.argv.includes('--check')) {
  const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (committed !== printed) {
    console.error(`${target} is stale: run pnpm --filter @ocop/api schema`);
    process.exit(1);
  }
  console.log(`${target} is up to date`);
} else {
  writeFileSync(target, printed);
  console.log(`wrote ${target}`);
}
