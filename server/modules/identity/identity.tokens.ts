import { createHash, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DomainError } from '../../shared/errors';
import type { AccessClaims } from './identity.viewer';

const ALGORITHM = 'HS256';

export interface SignedToken {
  token: string;
  expiresAt: Date;
}

/** Signs a short-lived access token carrying the roles and the scope. */
export function signAccessToken(claims: AccessClaims, secret: string, ttlSeconds: number): SignedToken {
  const token = jwt.sign({ ...claims, typ: 'access' }, secret, { algorithm: ALGORITHM, expiresIn: ttlSeconds });
  return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
}

/** The secret as a key object, made once: jsonwebtoken otherwise builds one on every verification. */
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

/**
 * Verifies an access token: the signature with our secret and only HS256 (a token claiming `alg: none` or another
 * algorithm is refused), the expiry, and the token type.
 */
export function verifyAccessToken(token: string, secret: string): AccessClaims {
  try {
    const payload = jwt.verify(token, keyOf(secret), { algorithms: [ALGORITHM] });
    if (typeof payload !== 'object' || payload.typ !== 'access' || typeof payload.sub !== 'string') {
      throw new Error('not an access token');
    }
    return payload as unknown as AccessClaims;
  } catch (err) {
    const expired = err instanceof jwt.TokenExpiredError;
    throw new DomainError(
      'UNAUTHENTICATED',
      expired
        ? 'Your session has expired; refresh the token or sign in again.'
        : 'The access token is invalid; sign in again.',
    );
  }
}

/** A new opaque refresh token and the hash we store (the token itself is never stored). */
export function newRefreshToken(): { token: string; hash: string } {
  const token = `rt_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
