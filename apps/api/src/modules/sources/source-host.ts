/** The host of a source address ("https://baoangiang.com.vn/x" → "baoangiang.com.vn"); the text itself when it is no URL. */
export function sourceHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
