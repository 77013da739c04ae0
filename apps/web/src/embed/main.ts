/**
 * The embed entry (a second Vite entry, embed.html): one figure for an <iframe> on another site,
 * without the dashboard's router, navigation or GraphQL client. It reads the view's data.json
 * (apps/api/src/http/data-endpoints.ts) with the permalink's own query.
 */
import { createApp } from 'vue';
import { createAppI18n, isLocale, DEFAULT_LOCALE } from '../i18n/index';
import EmbedFigure from './EmbedFigure.vue';
import '../styles.css';
import './embed.css';

const params = new URLSearchParams(window.location.search);
const lang = params.get('lang');
const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
document.documentElement.lang = locale;
const view = window.location.pathname.replace(/^\/embed\//, '').split('/')[0] ?? 'figures';

createApp(EmbedFigure, { view, search: window.location.search })
  .use(createAppI18n(locale))
  .mount('#embed');
