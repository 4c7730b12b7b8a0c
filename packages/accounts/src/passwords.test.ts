import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.ts';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash, so two hashes of one password differ and both verify', async () => {
    const [first, second] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(first).not.toBe(second);
    expect(await verifyPassword('same password', first)).toBe(true);
    expect(await verifyPassword('same password', second)).toBe(true);
  });

  it('stores the scheme and its cost parameters with the hash, so they can be raised later', async () => {
    const stored = await hashPassword('a password');
    const [scheme, n, r, p, salt, key] = stored.split('$');
    expect(scheme).toBe('scrypt');
    expect(Number(n)).toBeGreaterThanOrEqual(2 ** 14);
    expect(Math.log2(Number(n)) % 1).toBe(0);
    expect(Number(r)).toBeGreaterThanOrEqual(8);
    expect(Number(p)).toBeGreaterThanOrEqual(1);
    expect(Buffer.from(salt ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(key ?? '', 'base64url')).toHaveLength(32);
  });

  it('uses the parameters stored with a hash, so hashes made with older, cheaper ones still verify', async () => {
    const salt = randomBytes(16);
    const older = ['scrypt', 2 ** 14, 8, 1, salt.toString('base64url'), scryptSync('old parameters', salt, 32, { N: 2 ** 14, r: 8, p: 1 }).toString('base64url')].join('$');
    expect(await verifyPassword('old parameters', older)).toBe(true);
    const current = await hashPassword('old parameters');
    const [, , r, p, currentSalt, key] = current.split('$');
    expect(await verifyPassword('old parameters', ['scrypt', 2 ** 14, r, p, currentSalt, key].join('$'))).toBe(false);
  });

  it('normalises to NFKC, so a full-width password typed the other way still verifies', async () => {
    const typedFullWidth = await hashPassword('ｐａｓｓｗｏｒｄ１２３');
    expect(await verifyPassword('password123', typedFullWidth)).toBe(true);
    const typedAscii = await hashPassword('password123');
    expect(await verifyPassword('ｐａｓｓｗｏｒｄ１２３', typedAscii)).toBe(true);
  });

  it('refuses a stored value that is not a scrypt hash instead of throwing', async () => {
    expect(await verifyPassword('password123', 'password123')).toBe(false);
    expect(await verifyPassword('password123', 'bcrypt$10$abc$def$ghi$jkl')).toBe(false);
  });
});
