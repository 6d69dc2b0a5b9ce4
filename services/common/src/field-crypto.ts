import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Field-level encryption for what must be unreadable in the database (a complainant's identity):
 * `aes-256-gcm` by default; `sm4` where a deployment requires the national algorithms. Node's
 * OpenSSL has no SM4-GCM, so `sm4` is SM4-CBC with an HMAC-SM3 tag (encrypt-then-MAC).
 */
export const FIELD_CIPHERS = ['aes-256-gcm', 'sm4'] as const;
export type FieldCipherName = (typeof FIELD_CIPHERS)[number];

/** One 32-byte key and the algorithm it is used with. */
export interface FieldKey {
  cipher: FieldCipherName;
  key: Uint8Array;
}

/** The key that encrypts, and older keys still read (a rotation in progress). */
export interface FieldKeys {
  current: FieldKey;
  old: FieldKey[];
}

export const FIELD_KEY_BYTES = 32;

/** A key that is missing, or a ciphertext that fails to authenticate: never answered with garbage. */
export class FieldCryptoError extends Error {}

interface DerivedKey {
  id: string;
  cipher: FieldCipherName;
  encryption: Buffer;
  mac: Buffer;
  index: Buffer;
}

const HASH: Record<FieldCipherName, string> = { 'aes-256-gcm': 'sha256', sm4: 'sm3' };
const VERSION = 'v1';

function derive({ cipher, key }: FieldKey): DerivedKey {
  if (key.length !== FIELD_KEY_BYTES) throw new FieldCryptoError(`a field key must be ${FIELD_KEY_BYTES} bytes, got ${key.length}`);
  const hash = HASH[cipher];
  const part = (info: string, length: number) => Buffer.from(hkdfSync(hash, key, new Uint8Array(0), `bizenv ${cipher} ${info}`, length));
  return {
    // A fingerprint, not the key: names the key in every ciphertext so old ones stay readable.
    id: part('key id', 8).toString('hex'),
    cipher,
    encryption: part('encryption', cipher === 'sm4' ? 16 : 32),
    mac: part('mac', 32),
    index: part('blind index', 32),
  };
}

const b64 = (data: Uint8Array) => Buffer.from(data).toString('base64url');

/**
 * Encrypts and decrypts short text bound to a context (e.g. the complaint's id, so a ciphertext
 * copied to another row does not decrypt), and computes keyed hashes ("blind indexes") that let
 * equal values be found without decrypting anything.
 *
 * Ciphertext: `v1:<cipher>:<key id>:<iv>:<data>:<tag>` (base64url parts).
 */
export class FieldCipher {
  private readonly current: DerivedKey;
  private readonly keys: Map<string, DerivedKey>;

  constructor(keys: FieldKeys) {
    this.current = derive(keys.current);
    this.keys = new Map([this.current, ...keys.old.map(derive)].map((key) => [key.id, key]));
  }

  /** The id of the key new ciphertexts are made with. */
  get keyId(): string {
    return this.current.id;
  }

  encrypt(plaintext: string, context: string): string {
    const key = this.current;
    const header = `${VERSION}:${key.cipher}:${key.id}`;
    const data = Buffer.from(plaintext, 'utf8');
    if (key.cipher === 'aes-256-gcm') {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key.encryption, iv).setAAD(Buffer.from(`${header}:${context}`));
      const sealed = Buffer.concat([cipher.update(data), cipher.final()]);
      return `${header}:${b64(iv)}:${b64(sealed)}:${b64(cipher.getAuthTag())}`;
    }
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-cbc', key.encryption, iv);
    const sealed = Buffer.concat([cipher.update(data), cipher.final()]);
    return `${header}:${b64(iv)}:${b64(sealed)}:${b64(sm4Tag(key, header, context, iv, sealed))}`;
  }

  decrypt(ciphertext: string, context: string): string {
    const parts = ciphertext.split(':');
    if (parts.length !== 6 || parts[0] !== VERSION) throw new FieldCryptoError('not a field ciphertext');
    const [, cipherName, keyId, ivPart, dataPart, tagPart] = parts;
    const key = this.keys.get(keyId);
    if (!key) {
      throw new FieldCryptoError(`encrypted with key ${keyId}, which is not configured (current key ${this.current.id}); keep a replaced key in the old keys until every value is re-encrypted`);
    }
    if (key.cipher !== cipherName) throw new FieldCryptoError(`key ${keyId} is a ${key.cipher} key, the ciphertext says ${cipherName}`);
    const header = `${VERSION}:${cipherName}:${keyId}`;
    const [iv, data, tag] = [ivPart, dataPart, tagPart].map((part) => Buffer.from(part, 'base64url'));
    try {
      if (key.cipher === 'aes-256-gcm') {
        const decipher = createDecipheriv('aes-256-gcm', key.encryption, iv).setAAD(Buffer.from(`${header}:${context}`)).setAuthTag(tag);
        return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
      }
      const expected = sm4Tag(key, header, context, iv, data);
      if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) throw new Error('tag mismatch');
      const decipher = createDecipheriv('sm4-cbc', key.encryption, iv);
      return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldCryptoError(`ciphertext under key ${keyId} failed authentication: tampered, or moved from another record`);
    }
  }

  /** The keyed hash of `value` under the current key; store it beside the ciphertext. */
  blindIndex(value: string, purpose: string): string {
    return indexOf(this.current, value, purpose);
  }

  /** The keyed hashes of `value` under every configured key: what a stored index may equal. */
  blindIndexes(value: string, purpose: string): string[] {
    return [...this.keys.values()].map((key) => indexOf(key, value, purpose));
  }
}

function sm4Tag(key: DerivedKey, header: string, context: string, iv: Buffer, data: Buffer): Buffer {
  // Length-prefixed, so no two different (context, iv, data) give the same MAC input.
  const mac = createHmac('sm3', key.mac);
  for (const part of [Buffer.from(header), Buffer.from(context), iv, data]) {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(part.length);
    mac.update(length).update(part);
  }
  return mac.digest();
}

function indexOf(key: DerivedKey, value: string, purpose: string): string {
  return createHmac(HASH[key.cipher], key.index).update(`${purpose}\u0000${value}`).digest('hex');
}

/** `aes-256-gcm` or `sm4`, as configuration spells it (`IDENTITY_CIPHER`). */
export function parseFieldCipher(raw: string): FieldCipherName | null {
  const name = raw.trim().toLowerCase();
  return (FIELD_CIPHERS as readonly string[]).includes(name) ? (name as FieldCipherName) : null;
}
