import { getCiphers, getHashes, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher, FieldCryptoError, type FieldCipherName, type FieldKey } from './field-crypto.js';

const key = (cipher: FieldCipherName): FieldKey => ({ cipher, key: randomBytes(32) });
const only = (current: FieldKey, ...old: FieldKey[]) => new FieldCipher({ current, old });
/** Flips one bit of the base64url part `index` (3 iv, 4 data, 5 tag). */
function tamper(ciphertext: string, index: number): string {
  const parts = ciphertext.split(':');
  const bytes = Buffer.from(parts[index], 'base64url');
  bytes[0] ^= 1;
  parts[index] = bytes.toString('base64url');
  return parts.join(':');
}

describe('this Node has what the national-algorithm mode uses', () => {
  it('offers SM4-CBC and SM3 but not SM4-GCM (hence CBC with an HMAC-SM3 tag)', () => {
    expect(getCiphers()).toContain('sm4-cbc');
    expect(getCiphers()).not.toContain('sm4-gcm');
    expect(getHashes()).toContain('sm3');
  });
});

describe.each(['aes-256-gcm', 'sm4'] as const)('field encryption with %s', (name) => {
  it('round-trips text, naming the cipher and key, with a fresh IV each time', () => {
    const cipher = only(key(name));
    const text = JSON.stringify({ name: '张三', phone: '13800000000' });
    const first = cipher.encrypt(text, 'complaint-1');
    const second = cipher.encrypt(text, 'complaint-1');
    expect(first.startsWith(`v1:${name}:${cipher.keyId}:`)).toBe(true);
    expect(first).not.toBe(second);
    expect(first).not.toContain('张三');
    expect(first).not.toContain('13800000000');
    expect(cipher.decrypt(first, 'complaint-1')).toBe(text);
    expect(cipher.decrypt(second, 'complaint-1')).toBe(text);
  });

  it('refuses a ciphertext moved to another record, or with any part altered', () => {
    const cipher = only(key(name));
    const sealed = cipher.encrypt('李四', 'complaint-1');
    expect(() => cipher.decrypt(sealed, 'complaint-2')).toThrow(FieldCryptoError);
    for (const part of [3, 4, 5]) expect(() => cipher.decrypt(tamper(sealed, part), 'complaint-1')).toThrow(/failed authentication/);
  });

  it('fails loudly with a key it does not know: never garbage', () => {
    const sealed = only(key(name)).encrypt('王五', 'c');
    const other = only(key(name));
    expect(() => other.decrypt(sealed, 'c')).toThrow(FieldCryptoError);
    expect(() => other.decrypt(sealed, 'c')).toThrow(/encrypted with key [0-9a-f]{16}, which is not configured/);
  });

  it('keeps reading values under a rotated-out key, and writes under the new one', () => {
    const oldKey = key(name);
    const before = only(oldKey);
    const sealed = before.encrypt('赵六', 'c');
    const rotated = only(key('aes-256-gcm'), oldKey);
    expect(rotated.keyId).not.toBe(before.keyId);
    expect(rotated.decrypt(sealed, 'c')).toBe('赵六');
    expect(rotated.encrypt('赵六', 'c').split(':').slice(1, 3)).toEqual(['aes-256-gcm', rotated.keyId]);
  });

  it('gives keyed hashes that match equal values per purpose, and every configured key\'s hash', () => {
    const oldKey = key(name);
    const cipher = only(key(name), oldKey);
    expect(cipher.blindIndex('13800000000', 'phone')).toBe(cipher.blindIndex('13800000000', 'phone'));
    expect(cipher.blindIndex('13800000000', 'phone')).not.toBe(cipher.blindIndex('13800000001', 'phone'));
    expect(cipher.blindIndex('13800000000', 'phone')).not.toBe(cipher.blindIndex('13800000000', 'idNumber'));
    expect(cipher.blindIndex('13800000000', 'phone')).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.blindIndexes('13800000000', 'phone')).toEqual([cipher.blindIndex('13800000000', 'phone'), only(oldKey).blindIndex('13800000000', 'phone')]);
  });
});

describe('field keys', () => {
  it('must be 32 bytes', () => {
    expect(() => new FieldCipher({ current: { cipher: 'sm4', key: randomBytes(16) }, old: [] })).toThrow(/must be 32 bytes/);
  });

  it('differ in id between the two ciphers for the same bytes, so a ciphertext names exactly one', () => {
    const bytes = randomBytes(32);
    expect(only({ cipher: 'sm4', key: bytes }).keyId).not.toBe(only({ cipher: 'aes-256-gcm', key: bytes }).keyId);
  });
});
