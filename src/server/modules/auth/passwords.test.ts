import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../domain/errors';
import { checkNewPassword } from './passwords';

const refused = (password: string, context = {}) => {
  try {
    checkNewPassword(password, context);
    return false;
  } catch (error) {
    return isDomainError(error) && error.code === 'validation';
  }
};

describe('new password checks', () => {
  it.each(['aaaaaaaaaaaa', '111111111111', 'abcdefghijkl', 'qwertyqwerty', 'password12345', 'Password123!', 'P@ssw0rd1234', 'welcome12345', '123456789012', 'zyxwvutsrqpo', 'asdfghjkl;12'])('refuses the guessable %s', (password) => {
    expect(refused(password)).toBe(true);
  });

  it.each(['correct horse battery staple', 'river-lamp-orchid-27', 'Tea at 4 with Grandma Ruth', 'ünïcødé pässphrase ✓ 2026'])('accepts the passphrase %s', (password) => {
    expect(refused(password)).toBe(false);
  });

  it('refuses passwords made of the person\'s own name, e-mail or organization', () => {
    expect(refused('Northside Clinic', { organizationName: 'Northside Clinic' })).toBe(true);
    expect(refused('casey.morgan2026', { email: 'casey.morgan@example.org' })).toBe(true);
    expect(refused('this is fine for casey', { email: 'casey@example.org' })).toBe(false);
  });
});
