// First, so the set-up and session questions go out before the rest is evaluated.
import './app/start-early-requests';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { AppProviders } from './app/providers';
import { createAppRouter } from './app/router';
import { initI18n } from './i18n/i18n';
import { prepareFormatters } from './lib/format';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

/** Resolves in a new task, so that the browser may draw and handle input in between. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

// The entry point: translations first (every string comes from the catalog), then the router, then
// the app. On a slow phone each step is a task of its own rather than one long task after the
// script is evaluated (docs/decisions/0004-web-delivery.md).
async function start(root: HTMLElement): Promise<void> {
  initI18n();
  await nextTask();
  const router = createAppRouter();
  await nextTask();
  const app = createRoot(root);
  // As a transition, the first render is done in slices of a few milliseconds with the browser free
  // in between; the static first frame of index.html stays on screen until it is committed.
  startTransition(() => {
    app.render(
      <StrictMode>
        <AppProviders>
          <RouterProvider router={router} />
        </AppProviders>
      </StrictMode>,
    );
  });
  // In a task of its own while the page's data is on its way (lib/format.ts).
  await nextTask();
  prepareFormatters();
}

void start(container);
