import { describe, expect, it } from 'vitest';
import { shortUrl } from './short-url';

describe('shortUrl', () => {
  it('drops the scheme and keeps host and path', () => {
    expect(
      shortUrl('https://baoangiang.com.vn/thong-nhat-cong-nhan-5-san-pham-ocop-a393447.html', 80),
    ).toBe('baoangiang.com.vn/thong-nhat-cong-nhan-5-san-pham-ocop-a393447.html');
  });

  it('cuts long addresses with an ellipsis and survives invalid ones', () => {
    expect(shortUrl('https://example.org/' + 'a'.repeat(100), 30)).toHaveLength(30);
    expect(shortUrl('not a url')).toBe('not a url');
  });
});
