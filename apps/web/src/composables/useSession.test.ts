import { afterEach, describe, expect, it, vi } from 'vitest';
import { ensureSession, restoreSession, TOKEN_STORAGE_KEY } from './useSession';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
  restoreSession();
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const USER = {
  id: '7',
  email: 'thu.ky@ocop.test',
  displayName: 'Thư ký',
  role: 'SECRETARIAT',
  department: null,
  unit: null,
};

describe('ensureSession', () => {
  it('asks `me` again on the next call when the API did not answer it (rate limit, network)', async () => {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, 'a'.repeat(43));
    restoreSession();
    const answers = [
      () =>
        json(
          {
            errors: [
              {
                message: 'Too many requests',
                extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 3 },
              },
            ],
          },
          429,
        ),
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => json({ data: { me: USER } }),
    ];
    let calls = 0;
    vi.stubGlobal('fetch', async () => answers[calls++]!());
    // Not known yet: the page treats the visitor as signed out this time…
    expect(await ensureSession()).toBeNull();
    expect(await ensureSession()).toBeNull();
    // …and asks again next time instead of keeping "signed out" for the whole tab.
    expect(await ensureSession()).toEqual(USER);
    expect(calls).toBe(3);
    expect(await ensureSession()).toEqual(USER);
    expect(calls).toBe(3);
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('a'.repeat(43));
  });
});
