import { computed, readonly, ref, shallowRef } from 'vue';
import { requestGraphQL, RequestError, setAuthHooks } from '../graphql/client';
import {
  ME_QUERY,
  SIGN_IN_MUTATION,
  SIGN_OUT_MUTATION,
  type Role,
  type SessionUser,
} from '../graphql/session';
import { canOpenForm, canWrite, formsFor, type EntryForm } from '../state/entry-permissions';

/** sessionStorage, not localStorage: closing the tab ends the session on shared office computers. */
export const TOKEN_STORAGE_KEY = 'ocop.session.token';

function readToken(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function writeToken(value: string | null): void {
  try {
    if (value) globalThis.sessionStorage?.setItem(TOKEN_STORAGE_KEY, value);
    else globalThis.sessionStorage?.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // Storage disabled: the session lasts until the page is reloaded.
  }
}

// One session per tab, shared by every component (module state, like the router).
const token = ref<string | null>(readToken());
const user = shallowRef<SessionUser | null>(null);
/** True once `me` has been asked for the current token (or there is no token). */
const resolved = ref(token.value === null);
let pendingMe: Promise<SessionUser | null> | null = null;
let expiredHandler: () => void = () => {};

function clearSession(): void {
  token.value = null;
  user.value = null;
  resolved.value = true;
  pendingMe = null;
  writeToken(null);
}

setAuthHooks({
  token: () => token.value,
  onUnauthenticated: () => {
    clearSession();
    expiredHandler();
  },
});

/** Called (by the router guard) when the API rejects the token: expired, revoked or signed out elsewhere. */
export function onSessionExpired(handler: () => void): void {
  expiredHandler = handler;
}

/** The signed-in user, asking the API (`me`) once per token; null when anonymous. */
export async function ensureSession(): Promise<SessionUser | null> {
  if (resolved.value) return user.value;
  if (!pendingMe) {
    const asked = token.value;
    pendingMe = requestGraphQL(ME_QUERY, {})
      .then((result) => {
        if (token.value !== asked) return user.value;
        user.value = result.me;
        resolved.value = true;
        if (!result.me) clearSession();
        return result.me;
      })
      .catch(() => {
        // A network failure or RATE_LIMITED keeps the token and leaves the session unresolved, so
        // the next page asks again (it was marked resolved here, and the tab stayed "signed out"
        // until a new sign-in); UNAUTHENTICATED already cleared it.
        return null;
      })
      .finally(() => {
        pendingMe = null;
      });
  }
  return pendingMe;
}

/** Signs in; throws the API's RequestError (INVALID_CREDENTIALS, TOO_MANY_ATTEMPTS…) unchanged. */
export async function signIn(email: string, password: string): Promise<SessionUser> {
  const result = await requestGraphQL(SIGN_IN_MUTATION, { email: email.trim(), password });
  token.value = result.signIn.token;
  writeToken(result.signIn.token);
  user.value = result.signIn.user;
  resolved.value = true;
  return result.signIn.user;
}

/** Revokes the token on the server when it can, and always forgets it locally. */
export async function signOut(): Promise<void> {
  try {
    if (token.value) await requestGraphQL(SIGN_OUT_MUTATION, {});
  } catch (cause) {
    if (!(cause instanceof RequestError)) throw cause;
  } finally {
    clearSession();
  }
}

/** Starts over from what sessionStorage holds (tests; another tab cannot share sessionStorage). */
export function restoreSession(): void {
  token.value = readToken();
  user.value = null;
  resolved.value = token.value === null;
  pendingMe = null;
}

export function useSession() {
  const role = computed<Role | null>(() => user.value?.role ?? null);
  return {
    user: readonly(user),
    token: readonly(token),
    resolved: readonly(resolved),
    role,
    isSignedIn: computed(() => user.value !== null),
    canWrite: computed(() => canWrite(role.value)),
    forms: computed(() => formsFor(role.value)),
    can: (form: EntryForm) => canOpenForm(role.value, form),
    hasRole: (...roles: Role[]) => role.value !== null && roles.includes(role.value),
    ensureSession,
    signIn,
    signOut,
  };
}
