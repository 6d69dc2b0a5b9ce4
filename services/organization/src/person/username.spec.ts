import { describe, expect, it } from 'vitest';
import { requireUsername } from './username.js';

describe('usernames', () => {
  it('are compared in lower case, trimmed', () => {
    expect(requireUsername(' City.Leader ')).toBe('city.leader');
    expect(requireUsername('handler_tax-2')).toBe('handler_tax-2');
  });

  it('start with a letter and hold 3 to 32 letters, digits and . _ -', () => {
    for (const bad of ['ab', '1admin', '.admin', 'has space', '管理员', 'a'.repeat(33), 'admin@city']) {
      expect(() => requireUsername(bad), bad).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'username' } }));
    }
  });
});
