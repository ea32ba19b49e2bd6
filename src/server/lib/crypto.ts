import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256-bit random token, URL-safe: session ids, CSRF tokens, invitation and reset links. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * One-shot hashing (Node ≥ 20.12) costs about half of createHash/update/digest for short inputs such
 * as an audit event: it matters when `ipt audit verify` and `ipt backup` walk 10 million of them.
 */
export function sha256Hex(value: string): string {
  return hash('sha256', value, 'hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
