import { Secret, TOTP } from 'otpauth';

/**
 * TOTP (RFC 6238): 6 digits, 30-second steps, SHA-1 (what authenticator apps support), one step of
 * clock drift either way. Each accepted step is remembered so a code is single-use (ASVS 6.5.1).
 */
const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, account: string, issuer: string): string {
  return new TOTP({ issuer, label: account, secret: Secret.fromBase32(secret), digits: 6, period: PERIOD, algorithm: 'SHA1' }).toString();
}

/** The time step a code matches (within ±1 step), or null. */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: PERIOD, algorithm: 'SHA1' });
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

/** For tests and the demo: the code for a moment. */
export function totpCodeAt(secret: string, when: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: PERIOD, algorithm: 'SHA1' }).generate({ timestamp: when.getTime() });
}
