import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.js';

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
