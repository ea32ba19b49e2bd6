/**
 * Focus management for a single-page app: after a route change, screen-reader and keyboard users
 * should land on the new page's heading, not stay on the link they activated. The app shell asks for
 * it on navigation; the next page heading that mounts takes it (headings can mount after loading).
 */
let pending = false;

/** Focus the page heading now if it is on screen, otherwise the next one that mounts. */
export function requestHeadingFocus(): void {
  const heading = document.querySelector<HTMLElement>('[data-page-heading]');
  if (heading) {
    heading.focus();
    pending = false;
  } else {
    pending = true;
  }
}

/** Called by the page heading when it mounts: true once per request. */
export function takeHeadingFocusRequest(): boolean {
  const was = pending;
  pending = false;
  return was;
}
