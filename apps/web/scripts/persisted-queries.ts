// `pnpm --filter @ocop/web persisted`: writes persisted-queries.json, the manifest of the
// dashboard's operations (src/graphql/persisted.ts), from every *_QUERY and *_MUTATION export of
// src/graphql/*.ts. Commit the result: the API loads it at start, and
// src/graphql/persisted-manifest.test.ts fails when it is stale.
import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isOperationExport, manifestText, persistedManifest } from '../src/graphql/persisted';

const folder = fileURLToPath(new URL('../src/graphql/', import.meta.url));
const files = readdirSync(folder)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
  .sort();
const documents = [];
for (const file of files) {
  const exports = (await import(pathToFileURL(folder + file).href)) as Record<string, unknown>;
  for (const [name, value] of Object.entries(exports))
    if (isOperationExport(name))
      documents.push(value as Parameters<typeof persistedManifest>[0][0]);
}
const manifest = persistedManifest(documents);
const target = fileURLToPath(new URL('../persisted-queries.json', import.meta.url));
writeFileSync(target, manifestText(manifest));
console.log(`${target}: ${manifest.operations.length} operations`);
