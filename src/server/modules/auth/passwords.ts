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
  if (COMMON.has(lowered) || isCommonWithDecoration(lowered)) throw new DomainError('validation', 'is on the list of commonly used passwords (or a small variation of one); choose another', { field });
  if (isGuessablePattern(lowered)) throw new DomainError('validation', 'is a repeated, sequential or keyboard pattern that is easy to guess; choose another', { field });
  const words = [context.email?.split('@')[0], context.name, context.organizationName, 'ipt workbench', 'iptworkbench']
    .filter((w): w is string => typeof w === 'string' && w.trim().length >= 4).map((w) => w.toLowerCase().replace(/\s+/g, ''));
  const squashed = lowered.replace(/\s+/g, '');
  if (words.some((w) => squashed === w || (squashed.includes(w) && squashed.length - w.length < 6))) {
    throw new DomainError('validation', 'is too close to your name, e-mail or organization; choose another', { field });
  }
}

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '0': 'o', '1': 'i', '!': 'i', '3': 'e', '5': 's', '$': 's', '7': 't', '8': 'b', '9': 'g' };

/**
 * A common password with the usual decorations (NIST SP 800-63B §3.1.1.2 asks to refuse values
 * known to be commonly used or expected): character swaps like @ for a, digits or symbols added at
 * the end ("Password123!"), or the same word twice ("qwertyqwerty").
 */
function isCommonWithDecoration(lowered: string): boolean {
  const trimmed = lowered.replace(/[^a-z]+$/, '');
  const unleet = lowered.replace(/[@4013!5$789]/g, (c) => LEET[c] ?? c);
  const unleetTrimmed = unleet.replace(/[^a-z]+$/, '');
  const candidates = [trimmed, unleet, unleetTrimmed];
  const half = lowered.length % 2 === 0 ? lowered.slice(0, lowered.length / 2) : '';
  if (half && half + half === lowered) candidates.push(half);
  return candidates.some((c) => c.length >= 4 && COMMON.has(c));
}

const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiopasdfghjklzxcvbnm', '1qaz2wsx3edc4rfv5tgb6yhn', 'qazwsxedcrfvtgbyhnujmikolp'];

/** Repetition of a few characters, or a run along the alphabet, the digits or the keyboard. */
function isGuessablePattern(lowered: string): boolean {
  const squashed = lowered.replace(/\s+/g, '');
  if (new Set(squashed).size <= 3) return true;
  for (const sequence of SEQUENCES) {
    for (const text of [sequence, [...sequence].reverse().join('')]) {
      if (text.includes(squashed)) return true;
      // Mostly a run: a sequence of 8 or more with at most 4 other characters.
      for (let length = Math.min(squashed.length, text.length); length >= 8; length -= 1) {
        if (squashed.length - length > 4) break;
        for (let start = 0; start + length <= text.length; start += 1) {
          if (squashed.includes(text.slice(start, start + length))) return true;
        }
      }
    }
  }
  return false;
}
