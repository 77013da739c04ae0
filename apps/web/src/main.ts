import { createApp } from 'vue';
import App from './App.vue';
import { createAppI18n, isLocale, readStoredLocale, DEFAULT_LOCALE } from './i18n/index';
import { createAppRouter } from './router';
import './styles.css';

const fromUrl = new URLSearchParams(window.location.search).get('lang');
const i18n = createAppI18n(isLocale(fromUrl) ? fromUrl : (readStoredLocale() ?? DEFAULT_LOCALE));
const router = createAppRouter(i18n);

createApp(App).use(i18n).use(router).mount('#app');
