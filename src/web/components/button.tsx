import type { ButtonHTMLAttributes, MouseEvent } from 'react';
import { Spinner } from './spinner';

/** How prominent an action is: one primary action per form, danger for irreversible ones. */
export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';

/** The class names a button-looking element gets; shared with LinkButton. */
export function buttonClassName(variant: ButtonVariant = 'primary', className?: string): string {
  return ['button', `button--${variant}`, className ?? ''].filter(Boolean).join(' ');
}

/**
 * A native <button>. While `busy`, it stays focusable (so focus is not lost to <body>) but announces
 * itself as unavailable and ignores clicks, which stops double submissions.
 */
export function Button({ variant = 'primary', busy = false, className, type = 'button', onClick, children, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; busy?: boolean }) {
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    if (busy) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return (
    <button type={type} className={buttonClassName(variant, className)} aria-disabled={busy || undefined} onClick={handleClick} {...rest}>
      {busy ? <Spinner size="small" /> : null}
      {children}
    </button>
  );
}
