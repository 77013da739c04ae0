// The trusted documents: the dashboard's operations, known by the SHA-256 of their text, loaded at
// start from a persisted query manifest (Apollo's format, written by `pnpm --filter @ocop/web
// persisted` into apps/web/persisted-queries.json). GET /graphql?id=<sha256> runs only these
// (http/persisted-get.ts); POST keeps accepting any document.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, type OperationDefinitionNode } from 'graphql';

export interface TrustedDocument {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface TrustedDocuments {
  get(id: string): TrustedDocument | undefined;
  /** The document of an operation name (the dashboard names each once). */
  named(name: string): TrustedDocument | undefined;
  readonly size: number;
}

/** apps/web/persisted-queries.json, seen from src/graphql/ and from dist/graphql/ alike. */
export const DEFAULT_MANIFEST = fileURLToPath(
  new URL('../../../web/persisted-queries.json', import.meta.url),
);

export const NO_DOCUMENTS: TrustedDocuments = {
  get: () => undefined,
  named: () => undefined,
  size: 0,
};

interface ManifestLog {
  warn(obj: object, msg?: string): void;
}

/**
 * Reads the manifest at `path` (`none`: no documents). Every entry's id must be the SHA-256 of its
 * body, and its type is read from the body itself (one operation per document), so a hand-edited
 * `type` cannot turn a mutation into a GET. Validation against the schema happens when it runs,
 * as for POST.
 */
export function loadTrustedDocuments(
  path: string | undefined,
  log?: ManifestLog,
): TrustedDocuments {
  if (path === 'none') return NO_DOCUMENTS;
  const file = path || DEFAULT_MANIFEST;
  if (!path && !existsSync(file)) {
    log?.warn({ manifest: file }, 'no persisted query manifest: GET /graphql?id= answers none');
    return NO_DOCUMENTS;
  }
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    format?: string;
    version?: number;
    operations?: unknown;
  };
  if (manifest.format !== 'apollo-persisted-query-manifest' || !Array.isArray(manifest.operations))
    throw new Error(`${file} is not an apollo-persisted-query-manifest`);
  const byId = new Map<string, TrustedDocument>();
  for (const entry of manifest.operations as TrustedDocument[]) {
    const hash = createHash('sha256').update(entry.body).digest('hex');
    if (hash !== entry.id)
      throw new Error(
        `${file}: operation ${entry.name} has id ${entry.id}, its body hashes to ${hash}`,
      );
    const operations = parse(entry.body).definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
    );
    if (operations.length !== 1)
      throw new Error(`${file}: ${entry.name} must hold exactly one operation`);
    const type = operations[0]!.operation;
    byId.set(entry.id, { id: entry.id, name: entry.name, type, body: entry.body });
  }
  const byName = new Map([...byId.values()].map((document) => [document.name, document]));
  return { get: (id) => byId.get(id), named: (name) => byName.get(name), size: byId.size };
}
