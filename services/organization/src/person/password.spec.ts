import { describe, expect, it } from 'vitest';
import { hashPassword, requireStrongPassword, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const first = await hashPassword('演示密码 Demo@2026');
    const second = await hashPassword('演示密码 Demo@2026');
    expect(first).not.toBe(second);
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('演示密码 Demo@2026', first)).toBe(true);
    expect(await verifyPassword('演示密码 demo@2026', first)).toBe(false);
    expect(await verifyPassword('anything', 'plain-text-password')).toBe(false);
  });
});

describe('password policy', () => {
  it('takes 10 to 128 characters with a letter and a digit', () => {
    for (const good of ['abcdefghi1', 'Jiangwan2026', '江湾市营商环境2026年', `${'a'.repeat(127)}1`]) expect(requireStrongPassword(good)).toBe(good);
  });

  it('refuses short, letter-only, digit-only and overlong passwords with a stable code', () => {
    for (const bad of ['Demo@2026', 'abcdefghij', '1234567890', '!!!!!!!!!!1', `${'a'.repeat(128)}1`]) {
      expect(() => requireStrongPassword(bad), bad).toThrow(expect.objectContaining({ message: '密码应为10到128位，且同时包含字母和数字', extensions: { code: 'BAD_USER_INPUT', field: 'password' } }));
    }
  });
});
