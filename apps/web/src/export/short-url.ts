/** A readable form of a source address: host and path, without the scheme, cut at `max` characters. */
export function shortUrl(url: string, max = 60): string {
  let text: string;
  try {
    const u = new URL(url);
    text = `${u.host}${u.pathname === '/' ? '' : decodeURIComponent(u.pathname)}`;
  } catch {
    text = url;
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
