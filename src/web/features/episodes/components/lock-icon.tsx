/** A small padlock drawn in SVG (emoji fonts are not everywhere), decorative: the words beside it say what is locked. */
export function LockIcon() {
  return (
    <svg className="lock-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <rect x="2.5" y="7" width="11" height="7.5" rx="1.5" fill="currentColor" />
    </svg>
  );
}
