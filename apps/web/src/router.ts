import {
  createRouter,
  createWebHistory,
  type RouteRecordRaw,
  type Router,
  type RouterHistory,
  START_LOCATION,
} from 'vue-router';
import OverviewPage from './pages/OverviewPage.vue';
import {
  DEFAULT_LOCALE,
  isLocale,
  readStoredLocale,
  storeLocale,
  type AppI18n,
} from './i18n/index';
import { installAuthGuard } from './auth-guard';

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'overview', component: OverviewPage, meta: { titleKey: 'nav.overview' } },
  {
    path: '/programme',
    name: 'programme',
    component: () => import('./pages/ProgrammePage.vue'),
    meta: { titleKey: 'programme.title' },
  },
  {
    path: '/districts',
    name: 'districts',
    component: () => import('./pages/DistrictsPage.vue'),
    meta: { titleKey: 'nav.districts' },
  },
  {
    path: '/departments',
    name: 'departments',
    component: () => import('./pages/DepartmentsPage.vue'),
    meta: { titleKey: 'nav.departments' },
  },
  {
    path: '/departments/:code',
    name: 'department',
    component: () => import('./pages/DepartmentPage.vue'),
    props: true,
    meta: { titleKey: 'nav.departments' },
  },
  {
    path: '/expiry',
    name: 'expiry',
    component: () => import('./pages/ExpiryPage.vue'),
    meta: { titleKey: 'expiry.title' },
  },
  {
    path: '/products',
    name: 'products',
    component: () => import('./pages/ProductsPage.vue'),
    meta: { titleKey: 'nav.products' },
  },
  {
    path: '/products/:id',
    name: 'product',
    component: () => import('./pages/ProductPage.vue'),
    props: true,
    meta: { titleKey: 'nav.products' },
  },
  {
    path: '/figures',
    name: 'figures',
    component: () => import('./pages/FiguresPage.vue'),
    meta: { titleKey: 'nav.figures' },
  },
  {
    path: '/api',
    name: 'api',
    component: () => import('./pages/ApiPage.vue'),
    meta: { titleKey: 'nav.api' },
  },
  {
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('./pages/SignInPage.vue'),
    meta: { titleKey: 'auth.signIn' },
  },
  // Data entry (issue 5): every form is its own lazy chunk; auth-guard.ts checks the role.
  {
    path: '/entry',
    name: 'entry',
    component: () => import('./pages/EntryPage.vue'),
    meta: { titleKey: 'auth.entryMenu', requiresAuth: true },
  },
  {
    path: '/entry/evaluation',
    name: 'entry-evaluation',
    component: () => import('./pages/EntryEvaluationPage.vue'),
    meta: { titleKey: 'entry.forms.evaluation', requiresAuth: true, entryForm: 'evaluation' },
  },
  {
    path: '/entry/decision',
    name: 'entry-decision',
    component: () => import('./pages/EntryDecisionPage.vue'),
    meta: { titleKey: 'entry.forms.decision', requiresAuth: true, entryForm: 'decision' },
  },
  {
    path: '/entry/round',
    name: 'entry-round',
    component: () => import('./pages/EntryRoundPage.vue'),
    meta: { titleKey: 'entry.forms.round', requiresAuth: true, entryForm: 'round' },
  },
  {
    path: '/entry/activity',
    name: 'entry-activity',
    component: () => import('./pages/EntryActivityPage.vue'),
    meta: { titleKey: 'entry.forms.activity', requiresAuth: true, entryForm: 'activity' },
  },
  {
    path: '/entry/entity',
    name: 'entry-entity',
    component: () => import('./pages/EntryEntityPage.vue'),
    meta: { titleKey: 'entry.forms.entity', requiresAuth: true, entryForm: 'entity' },
  },
  {
    path: '/entry/product',
    name: 'entry-product',
    component: () => import('./pages/EntryProductPage.vue'),
    meta: { titleKey: 'entry.forms.product', requiresAuth: true, entryForm: 'product' },
  },
  {
    path: '/entry/import',
    name: 'entry-import',
    component: () => import('./pages/EntryImportPage.vue'),
    meta: { titleKey: 'entry.forms.import', requiresAuth: true, entryForm: 'import' },
  },
  {
    path: '/entry/plans',
    name: 'entry-plans',
    component: () => import('./pages/EntryPlansPage.vue'),
    meta: { titleKey: 'entry.forms.plans', requiresAuth: true, entryForm: 'plans' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./pages/NotFoundPage.vue'),
    meta: { titleKey: 'common.notFound' },
  },
];

export function createAppRouter(
  i18n: AppI18n,
  history: RouterHistory = createWebHistory(),
): Router {
  const router = createRouter({
    history,
    routes,
    // A page just opened is already at its top (or where the browser put it back): scrolling then
    // would only force a layout while the app starts (about 40 ms of a slow phone's first load).
    scrollBehavior: (_to, from, saved) => saved ?? (from === START_LOCATION ? false : { top: 0 }),
  });
  installLocaleSync(router, i18n);
  installAuthGuard(router, i18n);
  return router;
}

/**
 * The locale lives in the URL (`?lang=en`) so a shared link opens in the same language, and in
 * localStorage so a returning reader keeps their choice. The URL wins.
 */
export function installLocaleSync(router: Router, i18n: AppI18n): void {
  router.beforeEach((to) => {
    const requested = Array.isArray(to.query.lang) ? to.query.lang[0] : to.query.lang;
    if (isLocale(requested)) {
      if (i18n.global.locale.value !== requested) i18n.global.locale.value = requested;
      storeLocale(requested);
      return true;
    }
    const current = isLocale(i18n.global.locale.value)
      ? i18n.global.locale.value
      : (readStoredLocale() ?? DEFAULT_LOCALE);
    return { ...to, query: { ...to.query, lang: current }, replace: true };
  });
  router.afterEach((to, from) => {
    if (typeof document === 'undefined') return;
    document.documentElement.lang = i18n.global.locale.value;
    // After a page change, move focus to <main> so keyboard and screen-reader users start on the new page.
    if (from.matched.length > 0 && to.path !== from.path)
      document.getElementById('main')?.focus({ preventScroll: true });
  });
}
