import { useState } from 'react';

/**
 * Read a one-time token from the URL fragment (`#token=…`) and remove it from the address bar.
 * Links carry tokens in the fragment because browsers never send fragments to the server (so the
 * token stays out of access logs and Referer headers); removing it keeps it out of history too.
 */
export function useFragmentToken(): string | null {
  const [token] = useState(() => {
    const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
    const value = params.get('token');
    if (value) window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    return value && value.length > 0 ? value : null;
  });
  return token;
}
