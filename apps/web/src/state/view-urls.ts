/**
 * Addresses derived from a view's permalink: its data endpoints on the API
 * (`/figures/data.csv?<same query>`, apps/api/src/http/data-endpoints.ts) and its embed page
 * (`/embed/figures?<same query>`) with the iframe code a newspaper pastes.
 */
export type DataFile = 'data.csv' | 'data.json' | 'metadata.json';

export function viewDataUrl(viewPath: string, file: DataFile, permalink: string): string {
  const url = new URL(permalink, 'http://localhost');
  const origin = permalink.startsWith('http') ? url.origin : '';
  return `${origin}${viewPath}/${file}${url.search}`;
}

export function embedUrl(view: string, permalink: string): string {
  const url = new URL(permalink, 'http://localhost');
  const origin = permalink.startsWith('http') ? url.origin : '';
  return `${origin}/embed/${view}${url.search}`;
}

/** Height that fits the chart, the table toggle and the source line without a scrollbar. */
export const EMBED_HEIGHT = 560;

export function embedCode(view: string, permalink: string, title: string): string {
  const escaped = title.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${embedUrl(view, permalink)}" title="${escaped}" width="100%" height="${EMBED_HEIGHT}" style="border:0;max-width:760px" loading="lazy"></iframe>`;
}
