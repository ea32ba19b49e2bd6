import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';

/**
 * Every string a person sees comes from a message catalog, from the first screen on, so that a
 * translation is a new JSON file rather than a code change. The language is not remembered in
 * browser storage (nothing is), and dates and numbers go through Intl (see lib/format.ts).
 */
export const defaultLanguage = 'en';

export const resources = { en: { translation: en } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: (typeof resources)['en'];
  }
}

/** Start i18next once, synchronously (resources are bundled), before the first render. */
export function initI18n(): typeof i18next {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources,
      lng: defaultLanguage,
      fallbackLng: defaultLanguage,
      interpolation: { escapeValue: false }, // React escapes what it renders
      returnNull: false,
      initAsync: false,
    });
    i18next.on('languageChanged', (language) => {
      document.documentElement.lang = language;
    });
  }
  return i18next;
}
