import { createServer } from 'node:http';
import { listen } from '@bizenv/common/subgraph-server';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/**
 * For tests: a unified identity platform on 127.0.0.1 that publishes its keys as a JWKS and signs
 * tokens with them; `rotate()` replaces the published key as a real platform would.
 */
export interface FakeIdentityProvider {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** How many times the JWKS was fetched. */
  readonly fetches: number;
  /** Signs with the current key unless another `key` (e.g. an unpublished one) is given. */
  sign(claims: JWTPayload, options?: { key?: SigningKey; issuer?: string; audience?: string; expiresAt?: number | null }): Promise<string>;
  /** A key pair of the same algorithm that the platform does not publish. */
  untrustedKey(): Promise<SigningKey>;
  /** Publishes a new key (new `kid`) instead of the current one and signs with it from now on. */
  rotate(): Promise<void>;
  /** Answers 503 to JWKS requests until set back. */
  unavailable: boolean;
  stop(): Promise<void>;
}

export interface SigningKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function newKey(alg: string, kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

export async function startFakeIdentityProvider(alg: 'RS256' | 'ES256' | 'PS256' = 'RS256'): Promise<FakeIdentityProvider> {
  let generation = 1;
  let current = await newKey(alg, `key-${generation}`);
  let fetches = 0;
  const http = createServer((_req, res) => {
    fetches++;
    if (state.unavailable) return void res.writeHead(503).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [current.publicJwk] }));
  });
  const port = await listen(http, 0, '127.0.0.1');
  const state: FakeIdentityProvider = {
    issuer: 'https://idp.example.gov.cn',
    audience: 'bizenv-command-centre',
    jwksUrl: `http://127.0.0.1:${port}/jwks`,
    get fetches() {
      return fetches;
    },
    unavailable: false,
    async sign(claims, options = {}) {
      const key = options.key ?? current;
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
        .setIssuer(options.issuer ?? state.issuer)
        .setAudience(options.audience ?? state.audience)
        .setIssuedAt();
      const expiresAt = options.expiresAt === undefined ? Math.floor(Date.now() / 1000) + 600 : options.expiresAt;
      if (expiresAt !== null) jwt.setExpirationTime(expiresAt);
      return jwt.sign(key.privateKey);
    },
    untrustedKey: () => newKey(alg, current.kid),
    async rotate() {
      current = await newKey(alg, `key-${++generation}`);
    },
    stop: () =>
      new Promise<void>((done) => {
        http.close(() => done());
        http.closeAllConnections();
      }),
  };
  return state;
}

/** An HS256 token, as a platform sharing a key signs it (or an attacker holding some other bytes). */
export function signHs256(claims: JWTPayload, secret: Uint8Array, options: { issuer: string; audience?: string; kid?: string }): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', ...(options.kid ? { kid: options.kid } : {}) })
    .setIssuer(options.issuer)
    .setExpirationTime('5m');
  return (options.audience ? jwt.setAudience(options.audience) : jwt).sign(secret);
}
