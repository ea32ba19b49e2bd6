import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Words for a code the server sends as a plain string (a phase id, a risk level, a protocol id):
 * the catalog entry `<prefix>.<code>` when there is one, otherwise the server's own label (or the
 * code), so a new code from a newer server still shows something readable. Catalog keys built from
 * such strings cannot be checked by the compiler, hence this one runtime check.
 */
export function useEnumLabel(): (prefix: string, code: string, fallback?: string | null) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (prefix: string, code: string, fallback?: string | null) => {
      const key = `${prefix}.${code}`;
      return i18n.exists(key) ? String(t(key as never)) : (fallback ?? code);
    },
    [t, i18n],
  );
}
