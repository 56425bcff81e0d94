/**
 * The joint review's rubric (集中会审评分): compliance 合规性 is a pass/fail veto; relevance, completeness, feasibility,
 * soundness and appropriateness score 0–20 each; the total gives the grade by the bands 90 / 80 / 60 (优 / 良 / 中 /
 * 差). Pure.
 */
import { DomainError } from '../../shared/errors';
import { Grade } from './target.enums';

export interface JointScores {
  compliance: boolean;
  relevance: number;
  completeness: number;
  feasibility: number;
  soundness: number;
  appropriateness: number;
}

export const SCORED_CRITERIA = ['relevance', 'completeness', 'feasibility', 'soundness', 'appropriateness'] as const;

/** Grade bands: at least 90 优, 80 良, 60 中, below 差. */
export const GRADE_BANDS: readonly { min: number; grade: Grade }[] = [
  { min: 90, grade: Grade.EXCELLENT },
  { min: 80, grade: Grade.GOOD },
  { min: 60, grade: Grade.FAIR },
];

/** The total of the five scored criteria, in hundredths of a point (exact). */
export function totalHundredths(scores: JointScores): number {
  let total = 0;
  for (const c of SCORED_CRITERIA) {
    const v = scores[c];
    if (!Number.isFinite(v) || v < 0 || v > 20) {
      throw new DomainError('BAD_USER_INPUT', `The ${c} score must be between 0 and 20, got ${v}.`, { field: c });
    }
    total += Math.round(v * 100);
  }
  return total;
}

/** The grade of a joint review: compliance failed → 差 whatever the points; otherwise by the bands. */
export function gradeFor(scores: JointScores): { total: number; grade: Grade } {
  const total = totalHundredths(scores) / 100;
  if (!scores.compliance) return { total, grade: Grade.POOR };
  const band = GRADE_BANDS.find((b) => total >= b.min);
  return { total, grade: band?.grade ?? Grade.POOR };
}
