import type { RequestHandler } from 'express';
import type { AuthSettings } from '../modules/identity/identity.service';
import { viewerFromAuthorization } from './context';

export interface RateLimits {
  /** Requests per minute for one signed-in user (0: no limit). */
  readonly perUser: number;
  /** Requests per minute from one IP address without a valid access token (0: no limit). */
  readonly perIp: number;
}

const WINDOW_MS = 60_000;

/**
 * A fixed one-minute window of request counts per key, held in this instance's memory: behind a load balancer each
 * instance counts its own share (README, "Limits"). HTTP requests and WebSocket sign-ins and subscriptions draw on
 * the same counts, so a user cannot double the budget by switching transports.
 */
export class RateLimiter {
  private windowStart: number;
  private counts = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {
    this.windowStart = now();
  }

  /** Counts one request for `key`; null when it is within `limit` (0: no limit), else the seconds until the next window. */
  take(key: string, limit: number): number | null {
    if (limit <= 0) return null;
    const t = this.now();
    if (t - this.windowStart >= WINDOW_MS) {
      // A new window: dropping the whole map keeps memory bounded by one minute's distinct callers.
      this.windowStart = t - ((t - this.windowStart) % WINDOW_MS);
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count <= limit) return null;
    return Math.max(1, Math.ceil((this.windowStart + WINDOW_MS - t) / 1000));
  }
}

/** The error a request over its limit is answered with (HTTP 429, or a WebSocket operation's error). */
export function rateLimitedError(who: 'this user' | 'this address', limit: number, retryAfter: number) {
  return {
    message: `Too many requests: ${who} may send ${limit} per minute. Try again in ${retryAfter} s.`,
    extensions: { code: 'RATE_LIMITED', limitPerMinute: limit, retryAfterSeconds: retryAfter },
  };
}

/**
 * Per signed-in user (by user id) and per IP address for everyone else. A request over the limit is answered 429
 * with a RATE_LIMITED GraphQL error and `Retry-After`, before Apollo sees it.
 */
export function rateLimit(
  limits: RateLimits,
  auth: AuthSettings,
  limiter: RateLimiter = new RateLimiter(),
): RequestHandler {
  return (req, res, next) => {
    if (limits.perUser <= 0 && limits.perIp <= 0) return next();
    let viewerId: number | undefined;
    try {
      viewerId = viewerFromAuthorization(req.headers.authorization, auth)?.id;
    } catch {
      viewerId = undefined; // an invalid token is refused by the API itself; it counts against its IP here
    }
    const byUser = viewerId !== undefined;
    const limit = byUser ? limits.perUser : limits.perIp;
    const retryAfter = limiter.take(byUser ? `u:${viewerId}` : `ip:${req.ip ?? req.socket.remoteAddress ?? ''}`, limit);
    if (retryAfter === null) return next();
    res
      .status(429)
      .set('Retry-After', String(retryAfter))
      .type('application/json')
      .send(JSON.stringify({ errors: [rateLimitedError(byUser ? 'this user' : 'this address', limit, retryAfter)] }));
  };
}
