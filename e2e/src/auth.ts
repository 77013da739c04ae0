// Users for the write-side tests: the first admin comes from the project's CLI (src/server.ts), the
// others from `createUser` as that admin; people then sign in through the dashboard's sign-in page.
import type { Page } from 'playwright-core';
import { gql, type GqlOptions } from './api';
import { afterOperation, open, responseData } from './app';

export type Role = 'ADMIN' | 'SECRETARIAT' | 'DEPARTMENT_OFFICER' | 'DISTRICT_OFFICER' | 'VIEWER';

export interface Credentials {
  email: string;
  password: string;
}

/** `signIn` over the API; returns the bearer token. */
export async function signInApi(baseUrl: string, who: Credentials): Promise<string> {
  const data = await gql<{ signIn: { token: string } }>(
    `mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }`,
    { ...who },
    { baseUrl },
  );
  return data.signIn.token;
}

export interface NewUser extends Credentials {
  displayName: string;
  role: Role;
  departmentCode?: string;
  unitCode?: string;
}

/** `createUser` as `as` (an admin's token); returns the user as the API stored it. */
export async function createUser(
  options: Required<GqlOptions>,
  user: NewUser,
): Promise<{ id: string; email: string; role: Role; department: { code: string } | null }> {
  const data = await gql<{
    createUser: { id: string; email: string; role: Role; department: { code: string } | null };
  }>(
    `mutation CreateUser($input: UserInput!) { createUser(input: $input) { id email role department { code } } }`,
    { input: user },
    options,
  );
  return data.createUser;
}

/**
 * Signs in through /sign-in (its data-testid hooks) and waits for the page it redirects to and the
 * user menu. `beforeSubmit` runs with the filled form (for a screenshot).
 */
export async function signInThroughPage(
  page: Page,
  baseUrl: string,
  who: Credentials,
  options: { redirect?: string; beforeSubmit?: () => Promise<void> } = {},
): Promise<void> {
  const redirect = options.redirect ?? '/entry';
  await open(page, `/sign-in?redirect=${encodeURIComponent(redirect)}`, baseUrl);
  await page.getByTestId('signin-email').fill(who.email);
  await page.getByTestId('signin-password').fill(who.password);
  await options.beforeSubmit?.();
  const response = await afterOperation(page, 'signIn(', () =>
    page.getByTestId('signin-submit').click(),
  );
  await responseData(response);
  await page.waitForURL((url) => url.pathname === redirect.split('?')[0]);
  await page.getByTestId('nav-user').waitFor({ state: 'visible' });
}
