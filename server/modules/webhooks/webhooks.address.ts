import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup as dnsLookupAll } from 'node:dns/promises';
import { isIP } from 'node:net';
import { badInput, DomainError } from '../../shared/errors';

/** The longest endpoint URL accepted. */
export const MAX_URL_LENGTH = 2000;

function ipv4Bytes(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : Number.NaN));
  return bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255) ? bytes : null;
}

function ipv6Bytes(text: string): number[] | null {
  let s = text.toLowerCase();
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = ipv4Bytes(s.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const group = (h: string) => (h === '' ? [] : h.split(':'));
  const head = group(halves[0] ?? '');
  const rest = halves.length === 2 ? group(halves[1] ?? '') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null;
  const groups = [...head, ...Array<string>(Math.max(missing, 0)).fill('0'), ...rest];
  const bytes: number[] = [];
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
    const n = Number.parseInt(g, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** Why an IPv4 address is not a public unicast one, or null when it is. */
function ipv4Refusal(b: number[]): string | null {
  const [a = 0, c = 0] = b;
  if (a === 0) return 'an unspecified ("this network") address';
  if (a === 127) return 'a loopback address';
  if (a === 10 || (a === 172 && c >= 16 && c <= 31) || (a === 192 && c === 168)) return 'a private-network address';
  if (a === 169 && c === 254) return 'a link-local address';
  if (a === 100 && c >= 64 && c <= 127) return 'a carrier-grade NAT (CGNAT) address';
  if (a === 192 && c === 0 && b[2] === 0) return 'an IETF protocol address';
  if (a === 198 && (c === 18 || c === 19)) return 'a benchmarking address';
  if (a >= 224 && a <= 239) return 'a multicast address';
  if (a >= 240) return 'a reserved or broadcast address';
  return null;
}

/**
 * Why an address may not receive webhooks (loopback, private, link-local, unique-local, multicast, unspecified,
 * CGNAT, reserved; IPv4-mapped and NAT64 IPv6 addresses are judged by the IPv4 address inside), or null for a public
 * unicast address. Text that is not an IP address is refused too.
 */
export function addressRefusal(address: string): string | null {
  const kind = isIP(address);
  if (kind === 4) {
    const b = ipv4Bytes(address);
    return b ? ipv4Refusal(b) : 'not an IP address';
  }
  if (kind !== 6) return 'not an IP address';
  const b = ipv6Bytes(address);
  if (!b) return 'not an IP address';
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 16)) return 'an unspecified address';
  if (zeros(0, 15) && b[15] === 1) return 'a loopback address';
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible, deprecated), 64:ff9b::a.b.c.d (NAT64): the IPv4 inside decides.
  const mapped = zeros(0, 10) && b[10] === 0xff && b[11] === 0xff;
  const nat64 = b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12);
  if (mapped || zeros(0, 12) || nat64) return ipv4Refusal(b.slice(12));
  const first = b[0] ?? 0;
  const second = b[1] ?? 0;
  if (first === 0xff) return 'a multicast address';
  if (first === 0xfe && (second & 0xc0) === 0x80) return 'a link-local address';
  if (first === 0xfe && (second & 0xc0) === 0xc0) return 'a site-local address';
  if ((first & 0xfe) === 0xfc) return 'a unique-local (private) address';
  if (first === 0x20 && second === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return 'a documentation address';
  if (first === 0x01 && zeros(1, 8)) return 'a discard-only address';
  return null;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function refusedError(host: string, address: string, why: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`refused to connect to ${host} (${address}): ${why}`);
  err.code = 'EWEBHOOKREFUSED';
  return err;
}

/**
 * A `lookup` for http.request that resolves the host and refuses private addresses at connection time, so a host
 * name that resolved to a public address when the endpoint was registered cannot later point the worker at the
 * internal network (DNS rebinding).
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      if (!allowPrivate) {
        for (const a of list) {
          const why = addressRefusal(a.address);
          if (why) return callback(refusedError(hostname, a.address, why), []);
        }
      }
      if (list.length === 0)
        return callback(Object.assign(new Error(`${hostname} did not resolve`), { code: 'ENOTFOUND' }), []);
      if (options.all) return callback(null, list);
      const first = list[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

/** The host of a URL as an address or a name (IPv6 literals without their brackets). */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** For an IP-literal host (http.request does not call `lookup` for those): why it is refused, or null. */
export function literalRefusal(url: URL, allowPrivate: boolean): string | null {
  const host = hostOf(url);
  if (allowPrivate || isIP(host) === 0) return null;
  return addressRefusal(host);
}

const refused = (message: string) => new DomainError('WEBHOOK_URL_REFUSED', message, { field: 'url' });

/**
 * Checks an endpoint URL when it is registered or changed: http or https, no credentials, at most 2000 characters,
 * and a host that resolves only to public addresses (unless private ones are allowed).
 */
export async function checkEndpointUrl(text: string, allowPrivate: boolean): Promise<string> {
  const raw = text.trim();
  if (raw.length > MAX_URL_LENGTH) throw badInput(`url may be at most ${MAX_URL_LENGTH} characters long.`, 'url');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badInput(`url "${raw.slice(0, 100)}" is not a valid absolute URL (e.g. https://example.org/hooks).`, 'url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw badInput(`url must use http or https, not ${url.protocol.replace(/:$/, '')}.`, 'url');
  }
  if (url.username || url.password) {
    throw badInput(
      'url may not contain a user name or password; the secret signs each delivery, check the signature instead.',
      'url',
    );
  }
  if (allowPrivate) return raw;
  const host = hostOf(url);
  if (isIP(host)) {
    const why = addressRefusal(host);
    if (why) throw refused(`${host} is ${why}; webhooks are sent only to public addresses. Use a public host name.`);
    return raw;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await dnsLookupAll(host, { all: true, verbatim: true });
  } catch {
    throw refused(`The host ${host} does not resolve; check the spelling or register it in DNS first.`);
  }
  for (const a of addresses) {
    const why = addressRefusal(a.address);
    if (why) {
      throw refused(
        `${host} resolves to ${a.address}, ${why}; webhooks are sent only to public addresses. Use a public host name.`,
      );
    }
  }
  return raw;
}
