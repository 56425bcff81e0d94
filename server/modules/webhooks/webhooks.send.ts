import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, literalRefusal } from './webhooks.address';
import { signatureHeader } from './webhooks.signature';

export interface Outgoing {
  url: string;
  secret: string;
  deliveryId: string;
  eventType: string;
  position: string;
  body: string;
}

export interface SendResult {
  /** The HTTP status, when the endpoint answered. */
  statusCode: number | null;
  /** Why it failed (connection error, timeout, non-2xx status); null on success. */
  error: string | null;
  /** The start of the response body, for the attempt log. */
  excerpt: string | null;
  durationMs: number;
  ok: boolean;
  /** The POST was cut off because this instance is stopping: not an attempt of the endpoint's to count. */
  interrupted?: boolean;
}

const EXCERPT = 500;
const READ_LIMIT = 4096;

/**
 * POSTs one delivery with node:http(s) (no redirects are followed: a 3xx is a failure), with a lookup that refuses
 * private addresses at connection time and an overall deadline of `timeoutMs`.
 */
export function sendDelivery(
  out: Outgoing,
  options: { timeoutMs: number; allowPrivate: boolean; signal?: AbortSignal },
): Promise<SendResult> {
  const started = Date.now();
  const done = (r: Omit<SendResult, 'durationMs' | 'ok'>): SendResult => ({
    ...r,
    durationMs: Date.now() - started,
    ok: r.error === null && r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300,
  });
  let url: URL;
  try {
    url = new URL(out.url);
  } catch {
    return Promise.resolve(done({ statusCode: null, error: 'the endpoint URL is not valid', excerpt: null }));
  }
  const refused = literalRefusal(url, options.allowPrivate);
  if (refused) {
    return Promise.resolve(
      done({ statusCode: null, error: `refused to connect to ${url.hostname}: ${refused}`, excerpt: null }),
    );
  }
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(out.body)),
    'user-agent': 'Yardstick-Webhooks/1',
    'x-yardstick-delivery': out.deliveryId,
    'x-yardstick-event': out.eventType,
    'x-yardstick-position': out.position,
    'x-yardstick-timestamp': String(timestamp),
    'x-yardstick-signature': signatureHeader(out.secret, timestamp, out.body),
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (r: Omit<SendResult, 'durationMs' | 'ok'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      options.signal?.removeEventListener('abort', interrupt);
      resolve(done(r));
    };
    const interrupt = () => {
      finish({ statusCode: null, error: 'interrupted: this instance is stopping', excerpt: null, interrupted: true });
      req.destroy();
    };
    const req = send(url, {
      method: 'POST',
      headers,
      lookup: guardedLookup(options.allowPrivate) as never,
      timeout: options.timeoutMs,
      agent: false,
    });
    const deadline = setTimeout(() => {
      finish({ statusCode: null, error: `timed out after ${options.timeoutMs} ms`, excerpt: null });
      req.destroy();
    }, options.timeoutMs);
    if (options.signal?.aborted) queueMicrotask(interrupt);
    else options.signal?.addEventListener('abort', interrupt, { once: true });
    req.on('timeout', () => {
      finish({ statusCode: null, error: `timed out after ${options.timeoutMs} ms`, excerpt: null });
      req.destroy();
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      finish({
        statusCode: null,
        error: (err.message || err.code || 'connection failed').slice(0, EXCERPT),
        excerpt: null,
      });
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const complete = () => {
        const status = res.statusCode ?? 0;
        const excerpt = Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT) || null;
        const error =
          status >= 200 && status < 300
            ? null
            : status >= 300 && status < 400
              ? `answered ${status} (redirects are not followed)${res.headers.location ? ` to ${String(res.headers.location).slice(0, 200)}` : ''}`
              : `answered ${status}`;
        finish({ statusCode: status, error, excerpt });
        res.destroy();
      };
      res.on('data', (chunk: Buffer) => {
        if (size < READ_LIMIT) chunks.push(chunk);
        size += chunk.length;
        if (size >= READ_LIMIT) complete();
      });
      res.on('end', complete);
      res.on('error', complete);
    });
    req.end(out.body);
  });
}
