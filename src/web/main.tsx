// First, so the set-up and session questions go out before the rest is evaluated.
import './app/start-early-requests';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { AppProviders } from './app/providers';
import { router } from './app/router';
import { initI18n } from './i18n/i18n';
import './styles.css';

// The entry point: translations first (every string comes from the catalog), then the app.
initI18n();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <AppProviders>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
