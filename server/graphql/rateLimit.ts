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
 * A fixed one-minute window per signed-in user (by user id) and per IP address for everyone else, counted in this
 * instance's memory: behind a load balancer each instance counts its own share (README, "Limits"). A request over
 * the limit is answered 429 with a RATE_LIMITED GraphQL error and `Retry-After`, before Apollo sees it.
 */
export function rateLimit(limits: RateLimits, auth: AuthSettings, now: () => number = Date.now): RequestHandler {
  let windowStart = now();
  let counts = new Map<string, number>();
  return (req, res, next) => {
    const t = now();
    if (t - windowStart >= WINDOW_MS) {
      // A new window: dropping the whole map keeps memory bounded by one minute's distinct callers.
      windowStart = t - ((t - windowStart) % WINDOW_MS);
      counts = new Map();
    }
    let key: string;
    let limit: number;
    let viewerId: number | undefined;
    try {
      viewerId = viewerFromAuthorization(req.headers.authorization, auth)?.id;
    } catch {
      viewerId = undefined; // an invalid token is refused by the API itself; it counts against its IP here
    }
    if (viewerId !== undefined) {
      key = `u:${viewerId}`;
      limit = limits.perUser;
    } else {
      key = `ip:${req.ip ?? req.socket.remoteAddress ?? ''}`;
      limit = limits.perIp;
    }
    if (limit <= 0) return next();
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count <= limit) return next();
    const retryAfter = Math.max(1, Math.ceil((windowStart + WINDOW_MS - t) / 1000));
    const who = viewerId !== undefined ? 'this user' : 'this address';
    res
      .status(429)
      .set('Retry-After', String(retryAfter))
      .type('application/json')
      .send(
        JSON.stringify({
          errors: [
            {
              message: `Too many requests: ${who} may send ${limit} per minute. Try again in ${retryAfter} s.`,
              extensions: { code: 'RATE_LIMITED', limitPerMinute: limit, retryAfterSeconds: retryAfter },
            },
          ],
        }),
      );
  };
}
