/**
 * Exact money arithmetic: amounts are decimal strings in yuan (as PostgreSQL's
 * numeric(18,2) and the Money scalar give them) and are compared as BigInt fen (分), never as floats.
 */
import { DomainError } from './errors';

const AMOUNT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** An amount in yuan as integer fen, e.g. "12.5" → 1250n. */
export function toFen(amount: string): bigint {
  const m = AMOUNT.exec(amount.trim());
  if (!m) throw new DomainError('BAD_USER_INPUT', `"${amount}" is not an amount in yuan with at most 2 decimals.`);
  const fen = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

/** An amount in fen as yuan with two decimals, e.g. 1250n → "12.50". */
export function fromFen(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Whether amount a is greater than amount b, exactly. */
export function moneyGreater(a: string, b: string): boolean {
  return toFen(a) > toFen(b);
}
