import { DomainError } from '../../shared/errors';
import { defaultExAnteConfig, type ExAnteThresholds } from './exante.config';
import { ExAnteConclusion } from './exante.enums';

/**
 * The scoring of an ex-ante assessment (事前绩效评估), pure and exact: scores are decimal strings with at most two
 * decimals, handled as integer hundredths so that, e.g., 17.99 × 4 + 18.03 is exactly 89.99 and never 89.9899….
 */

/** The five dimensions, each scored 0–20. */
export const EX_ANTE_DIMENSIONS = [
  { field: 'necessityScore', label: 'necessity (立项必要性)' },
  { field: 'economyScore', label: 'economy (投入经济性)' },
  { field: 'targetReasonablenessScore', label: 'target reasonableness (绩效目标合理性)' },
  { field: 'feasibilityScore', label: 'feasibility (实施方案可行性)' },
  { field: 'fundingComplianceScore', label: 'funding compliance (筹资合规性)' },
] as const;

export type ExAnteDimension = (typeof EX_ANTE_DIMENSIONS)[number]['field'];
export type ExAnteScores = Record<ExAnteDimension, string>;

export const MAX_DIMENSION_SCORE = 20;
const SCORE = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

/** A decimal string with at most two decimals as integer hundredths, e.g. "18.5" → 1850; undefined if it is not one. */
export function toHundredths(text: string): number | undefined {
  const m = SCORE.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Integer hundredths as a decimal string with two decimals, e.g. 9075 → "90.75". */
export function fromHundredths(n: number): string {
  return `${Math.trunc(n / 100)}.${String(n % 100).padStart(2, '0')}`;
}

/** One dimension's score in hundredths, or BAD_USER_INPUT naming the dimension. */
export function parseScore(field: ExAnteDimension, value: string): number {
  const dimension = EX_ANTE_DIMENSIONS.find((d) => d.field === field)!;
  const n = toHundredths(value);
  if (n === undefined || n > MAX_DIMENSION_SCORE * 100) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `The ${dimension.label} score must be between 0 and ${MAX_DIMENSION_SCORE} with at most 2 decimals; got ${value}.`,
      { field },
    );
  }
  return n;
}

/** The total of the five dimensions (0–100) as an exact decimal string, e.g. "90.75". */
export function totalScore(scores: ExAnteScores): string {
  const sum = EX_ANTE_DIMENSIONS.reduce((acc, d) => acc + parseScore(d.field, scores[d.field]), 0);
  return fromHundredths(sum);
}

/**
 * The conclusion a total score earns under the given thresholds (default: SUPPORT ≥ 90, SUPPORT_AFTER_REVISION
 * ≥ 70, NOT_SUPPORT below). Compared in hundredths, so 89.99 is below 90 however it is written.
 */
export function conclusionFor(
  total: string,
  thresholds: ExAnteThresholds = defaultExAnteConfig.thresholds,
): ExAnteConclusion {
  const score = toHundredths(total);
  if (score === undefined) throw new Error(`not a total score: ${JSON.stringify(total)}`);
  const support = Math.round(thresholds.support * 100);
  const revision = Math.round(thresholds.supportAfterRevision * 100);
  if (!(revision >= 0 && revision <= support && support <= 10_000)) {
    throw new Error(
      `ex-ante thresholds must satisfy 0 ≤ supportAfterRevision ≤ support ≤ 100, got ${JSON.stringify(thresholds)}`,
    );
  }
  if (score >= support) return ExAnteConclusion.SUPPORT;
  if (score >= revision) return ExAnteConclusion.SUPPORT_AFTER_REVISION;
  return ExAnteConclusion.NOT_SUPPORT;
}
