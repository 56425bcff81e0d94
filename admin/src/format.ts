/**
 * Money: the API's Money scalar is yuan (元) as an exact decimal string ("1250000.00"); the console shows 万元
 * (10,000 yuan) with thousands separators. BigInt arithmetic keeps it exact (no float rounding of large sums).
 */
export function toWanYuan(yuan: string | null | undefined, decimals = 2): string {
  if (yuan === null || yuan === undefined || yuan === '') return '';
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!match) return '';
  const [, sign, whole, frac = ''] = match;
  // Amount in fen (分), then rounded half-up to `decimals` places of 万元 (1 万元 = 1,000,000 fen).
  const fen = BigInt(whole ?? '0') * 100n + BigInt(frac.padEnd(2, '0'));
  const unit = 10n ** BigInt(6 - decimals);
  const scaled = (fen + unit / 2n) / unit;
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const intPart = digits.slice(0, digits.length - decimals);
  const fracPart = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : '';
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${scaled === 0n ? '' : sign}${grouped}${fracPart}`;
}
