import argon2 from 'argon2';
import commonPasswords from '@zxcvbn-ts/language-common/src/passwords.json' with { type: 'json' };
import { DomainError } from '../../../domain/errors';

/**
 * argon2id with the OWASP Password Storage Cheat Sheet parameters (m = 19 MiB, t = 2, p = 1),
 * also ASVS 5.0 §11.4.2. argon2id is not a FIPS 140-2 function: see docs/security.md.
 */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

/** ~49,000 common passwords (zxcvbn-ts common list, MIT), bundled so no network is needed. */
const COMMON = new Set((commonPasswords as string[]).map((p) => p.toLowerCase()));

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash that never matches, verified against for unknown e-mails so timing does not reveal accounts. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('this-password-never-matches-anything');
  return dummyHash;
}

/**
 * NIST SP 800-63B / ASVS 6.2: a length floor, no composition rules, and a check against common
 * passwords and words from the context (the person's e-mail and name, the organization, the product).
 */
export function checkNewPassword(password: string, context: { email?: string; name?: string; organizationName?: string } = {}, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new DomainError('validation', `must be at least ${MIN_PASSWORD_LENGTH} characters`, { field });
  const lowered = password.toLowerCase();
  if (COMMON.has(lowered)) throw new DomainError('validation', 'is on the list of commonly used passwords; choose another', { field });
  const words = [context.email?.split('@')[0], context.name, context.organizationName, 'ipt workbench', 'iptworkbench']
    .filter((w): w is string => typeof w === 'string' && w.trim().length >= 4).map((w) => w.toLowerCase().replace(/\s+/g, ''));
  const squashed = lowered.replace(/\s+/g, '');
  if (words.some((w) => squashed === w || (squashed.includes(w) && squashed.length - w.length < 6))) {
    throw new DomainError('validation', 'is too close to your name, e-mail or organization; choose another', { field });
  }
}
