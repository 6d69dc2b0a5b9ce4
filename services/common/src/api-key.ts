import { createHash, randomBytes } from 'node:crypto';

/** Header (and subscription connection parameter) an integrator sends its API key in. */
export const API_KEY_HEADER = 'x-api-key';

const PREFIX = 'bzk_';
const SHAPE = /^bzk_[A-Za-z0-9_-]{43}$/;

/** A key is its prefix and 32 bytes (256 bits) of secret, base64url. */
export function formatApiKey(secret: Uint8Array): string {
  if (secret.length !== 32) throw new Error('an API key secret has 32 bytes');
  return `${PREFIX}${Buffer.from(secret).toString('base64url')}`;
}

export function generateApiKey(): string {
  return formatApiKey(randomBytes(32));
}

export function isApiKeyShaped(value: string): boolean {
  return SHAPE.test(value);
}

/**
 * What is stored and looked up instead of the key. A key has 256 random bits, so a fast hash
 * cannot be reversed by guessing; a slow password hash would only slow every request down.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
