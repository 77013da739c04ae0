// Starts the API: config, database (migrated; seeded when asked and empty), server, listen.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.js';
import { createOrm } from './db/orm.js';
import { seedDatabase } from './db/seed.js';
import { startFailureMessage } from './db/start-failure.js';
import { Product } from './modules/products/product.entity.js';
import { abortImportsOnShutdown } from './http/import-shutdown.js';
import { markKilledImportRuns } from './modules/imports/import.service.js';
import { removeDeadFencesWith } from './modules/imports/decision-list-fenced-copy.js';
import { isPostgres, sqlOf } from './modules/imports/sql-batch.js';
import { installGracefulShutdown } from './http/shutdown.js';
import { createServer } from './server.js';

const loaded = loadConfig();
// Without WEB_DIST, serve the dashboard built in this checkout (apps/web/dist) when it exists, so
// `pnpm demo` gives API, explorer and dashboard on one port.
const bundledWeb = fileURLToPath(new URL('../../web/dist', import.meta.url));
const config =
  loaded.WEB_DIST || !existsSync(`${bundledWeb}/index.html`)
    ? loaded
    : { ...loaded, WEB_DIST: bundledWeb };
const orm = await createOrm(config).catch((error: unknown) => {
  console.error(startFailureMessage(error, config));
  process.exit(1);
});
if (config.SEED || process.argv.includes('--seed')) {
  // Seed only an empty database: a restart must not re-import over edited data.
  if ((await orm.em.fork().count(Product, {})) === 0) {
    await seedDatabase(orm, { sampleActivities: config.SAMPLE_ACTIVITIES });
    console.log('Seeded the database with the An Giang data in data/seed.');
  }
}
// Runs a killed process left `running` are recorded as aborted before anything imports again.
const killedRuns = await markKilledImportRuns(orm.em);
if (killedRuns)
  console.log(`Marked ${killedRuns} import run(s) left running by a stopped process as aborted.`);
// SQLite: the rows such runs had copied but not published are removed (decision-list-fenced-copy.ts).
const fencedIds = isPostgres(sqlOf(orm.em.fork()))
  ? 0
  : await removeDeadFencesWith(sqlOf(orm.em.fork()));
if (fencedIds)
  console.log(`Removed the unpublished rows of stopped imports (${fencedIds} reserved ids).`);
const app = await createServer(config, orm);
app.addHook('onClose', async () => orm.close(true));
installGracefulShutdown(app, {
  graceMs: config.SHUTDOWN_GRACE_MS,
  hooks: [{ name: 'abortRunningImports', run: abortImportsOnShutdown }],
});
await app.listen({ host: config.HOST, port: config.PORT });
// The bound port (PORT=0 picks a free one; tests read it from this line).
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.PORT;
const base = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
console.log(`OCOP Monitor API       ${base}/graphql`);
console.log(`GraphQL explorer       ${base}/explorer`);
console.log(
  config.WEB_DIST
    ? `Dashboard              ${base}/`
    : 'Dashboard              not served (set WEB_DIST to the built apps/web/dist)',
);
