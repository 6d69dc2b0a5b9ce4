import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { DomainError, ErrorCode } from '@bizenv/common/errors';

const PARAMS: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** A slow salted hash: `scrypt$N$r$p$salt$key`, parameters stored so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(N), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const MIN_LENGTH = 10;
const MAX_LENGTH = 128;

/** The password policy for every account set by an administrator or the bootstrap script. */
export function requireStrongPassword(password: string, field = 'password'): string {
  const length = [...password].length;
  if (length < MIN_LENGTH || length > MAX_LENGTH || !/\p{L}/u.test(password) || !/\d/.test(password)) {
    throw new DomainError(ErrorCode.BadUserInput, `密码应为${MIN_LENGTH}到${MAX_LENGTH}位，且同时包含字母和数字`, { field });
  }
  return password;
}
