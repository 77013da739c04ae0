/**
 * Trusted documents: every operation of the dashboard is known to the API by the SHA-256 of its
 * printed text. `pnpm --filter @ocop/web persisted` writes them all to persisted-queries.json
 * (Apollo's persisted query manifest format), which the API loads at start; the client then asks
 * public queries as `GET /graphql?id=<sha256>&variables=…`, which browsers, reverse proxies and
 * CDNs can cache and revalidate (apps/api/src/http/persisted-get.ts).
 */
import { print } from '@0no-co/graphql.web';
import { sha256Hex } from './sha256';

/** The parts of a DocumentNode read here (gql.tada's and graphql-js's documents both fit). */
interface DocumentLike {
  definitions: readonly {
    kind: string;
    operation?: string;
    name?: { value: string };
  }[];
}

export interface PersistedOperation {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: PersistedOperation[];
}

const operations = new WeakMap<object, PersistedOperation>();

/** The document's text as sent over the wire, its id, name and type (computed once per document). */
export function persistedOperation(document: DocumentLike): PersistedOperation {
  let operation = operations.get(document);
  if (!operation) {
    const body = print(document as Parameters<typeof print>[0]);
    const definition = document.definitions.find((d) => d.kind === 'OperationDefinition');
    operation = {
      id: sha256Hex(body),
      name: definition?.name?.value ?? '',
      type: (definition?.operation ?? 'query') as PersistedOperation['type'],
      body,
    };
    operations.set(document, operation);
  }
  return operation;
}

/** The manifest of `documents`, sorted by name then id so the file only changes with them. */
export function persistedManifest(documents: DocumentLike[]): PersistedQueryManifest {
  const byId = new Map(documents.map((d) => persistedOperation(d)).map((op) => [op.id, op]));
  const sorted = [...byId.values()].sort((a, b) =>
    a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1,
  );
  return { format: 'apollo-persisted-query-manifest', version: 1, operations: sorted };
}

/** The file's text: two-space JSON and a final newline (what Prettier writes). */
export const manifestText = (manifest: PersistedQueryManifest): string =>
  `${JSON.stringify(manifest, null, 2)}\n`;

/** Exports named *_QUERY or *_MUTATION are the dashboard's operations. */
export const isOperationExport = (name: string): boolean => /_(QUERY|MUTATION)$/.test(name);
