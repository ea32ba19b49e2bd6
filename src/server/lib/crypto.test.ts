import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './crypto';

describe('sha256Hex', () => {
  it('gives the FIPS 180-2 test digests', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes the UTF-8 bytes of any text, as the audit chain has always been hashed', () => {
    for (const value of ['Zoë Ångström', '漢字 🙂', 'line\nbreak\u0000nul', 'x'.repeat(100_000)]) {
      expect(sha256Hex(value)).toBe(createHash('sha256').update(value, 'utf8').digest('hex'));
    }
  });
});
