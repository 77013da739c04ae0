import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router';
import { ensureSession, onSessionExpired } from './composables/useSession';
import { loadEntryMessages } from './i18n/entry-messages';
import type { AppI18n } from './i18n/index';
import { canOpenForm, canWrite, ENTRY_FORMS, type EntryForm } from './state/entry-permissions';

/** The form a route opens (route meta `entryForm`), if any. */
function entryFormOf(route: RouteLocationNormalized): EntryForm | null {
  const form = route.meta.entryForm;
  return typeof form === 'string' && (ENTRY_FORMS as readonly string[]).includes(form)
    ? (form as EntryForm)
    : null;
}

function signInLocation(route: RouteLocationNormalized, expired = false): RouteLocationRaw {
  const query: Record<string, string> = { redirect: route.fullPath };
  if (typeof route.query.lang === 'string') query.lang = route.query.lang;
  if (expired) query.expired = '1';
  return { name: 'sign-in', query };
}

/**
 * Data-entry routes (meta.requiresAuth) need a signed-in user; a form route (meta.entryForm) also
 * needs a role that may use it, else the entry menu explains why. The API enforces the same rules.
 */
export function installAuthGuard(router: Router, i18n: AppI18n): void {
  router.beforeEach(async (to) => {
    if (!to.meta.requiresAuth) return true;
    const [user] = await Promise.all([ensureSession(), loadEntryMessages(i18n)]);
    if (!user) return signInLocation(to);
    const form = entryFormOf(to);
    if (form && !canOpenForm(user.role, form)) {
      return { name: 'entry', query: { lang: to.query.lang, denied: form } };
    }
    if (!form && !canWrite(user.role) && to.name !== 'entry')
      return { name: 'entry', query: { lang: to.query.lang } };
    return true;
  });

  // The API refused the token mid-session: leave the form for the sign-in page, keeping the way back.
  onSessionExpired(() => {
    const current = router.currentRoute.value;
    if (current.meta.requiresAuth) void router.push(signInLocation(current, true));
  });
}
