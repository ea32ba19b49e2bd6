import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import firstPageMessages from 'virtual:messages/en/first';
import type en from './en.json';

/**
 * Every string a person sees comes from a message catalog, from the first screen on, so that a
 * translation is a new JSON file rather than a code change. The language is not remembered in
 * browser storage (nothing is), and dates and numbers go through Intl (see lib/format.ts).
 *
 * The first script carries only the part of the catalogue the first pages need
 * (the sections first-page-messages.json names); pages loaded on demand wait for the rest
 * (loadLaterMessages).
 */
export const defaultLanguage = 'en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

/** Start i18next once, synchronously (the first part of the catalogue is bundled), before the first render. */
export function initI18n(): typeof i18next {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: { [defaultLanguage]: { translation: firstPageMessages } },
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

let laterMessages: Promise<void> | undefined;

/** The rest of the catalogue, fetched once (again after a failure), merged into the first part. */
export function loadLaterMessages(): Promise<void> {
  laterMessages ??= import('virtual:messages/en/later').then(
    ({ default: messages }) => {
      i18next.addResourceBundle(defaultLanguage, 'translation', messages, true, true);
    },
    (error: unknown) => {
      laterMessages = undefined;
      throw error;
    },
  );
  return laterMessages;
}

/** A module loaded on demand, once the rest of the catalogue is there too (both are fetched at once). */
export async function withLaterMessages<T>(module: Promise<T>): Promise<T> {
  const [loaded] = await Promise.all([module, loadLaterMessages()]);
  return loaded;
}
