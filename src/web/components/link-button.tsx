import type { ComponentProps } from 'react';
import { Link } from 'react-router';
import type { ButtonVariant } from './button';
import { buttonClassName } from './button';

/** A link that looks like a button: navigation stays a link (middle-click, "open in new tab" work). */
export function LinkButton({ variant = 'secondary', className, ...rest }: ComponentProps<typeof Link> & { variant?: ButtonVariant }) {
  return <Link className={buttonClassName(variant, className)} {...rest} />;
}
