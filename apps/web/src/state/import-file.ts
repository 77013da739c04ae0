import type { ImportFormat } from '../graphql/import-decision-list';

/** The API's importer reads CSV and XLSX; the file name's extension says which. */
export function importFormatOf(fileName: string): ImportFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'csv') return 'CSV';
  if (ext === 'xlsx') return 'XLSX';
  return null;
}

/** The API's default IMPORT_MAX_BYTES (2 MB), checked before reading; the API checks its own setting again. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

/** Base64 of the bytes as they are (no re-encoding: the API detects UTF-8/UTF-16 and the BOM itself). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000; // String.fromCharCode takes arguments on the stack; stay well below its limit.
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export async function readFileAsBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}
