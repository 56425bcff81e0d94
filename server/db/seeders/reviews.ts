import { type DemoContext, type GradeCode, iso, type ReviewEvent, splitScore, type TargetInfo } from './context';
import { CITY } from './data/reference';
import {
  CRITERION_COMMENTS,
  GIVEN_NAMES,
  INTERNAL_NOTES,
  PASS_FEEDBACK,
  RETURN_FEEDBACK,
  ROW_FEEDBACK,
  SURNAMES,
} from './data/texts';
import type { Rng } from './rng';

const JOINT_ORGANISATION = '预算绩效管理处（会同市人大常委会预算工委、市审计局集中会审）';
const SCORED = ['RELEVANCE', 'COMPLETENESS', 'FEASIBILITY', 'SOUNDNESS', 'APPROPRIATENESS'] as const;
const TOTAL_RANGE: Record<GradeCode, readonly [number, number]> = {
  EXCELLENT: [90, 98],
  GOOD: [80, 89.5],
  FAIR: [60, 79.5],
  POOR: [40, 59.5],
};
const GRADE_FEEDBACK: Record<GradeCode, string> = {
  EXCELLENT: '审核等次为优：绩效目标明确，指标完整、细化量化程度高，与预算资金匹配。',
  GOOD: '审核等次为良：由财政部门进一步完善后纳入预算安排。',
  FAIR: '审核等次为中：请部门按审核意见修改完善后重新报送。',
  POOR: '审核等次为差：绩效目标与项目实施内容严重脱节，指标无法考核，不予安排预算。',
};

/** Invented reviewer names: a deterministic list of Chinese names. */
export function personName(n: number): string {
  const surname = SURNAMES[n % SURNAMES.length]!;
  const given = GIVEN_NAMES[Math.floor(n / SURNAMES.length + n * 7) % GIVEN_NAMES.length]!;
  return surname + given;
}

/** One target_review row per review event of every target. */
export function buildReviews(ctx: DemoContext): void {
  const rng = ctx.rng;
  const reviewers = (offset: number) => [0, 1, 2].map((k) => personName(offset + k * 11));
  const byDivision = new Map<number, string[]>();
  [...ctx.divisionIds.values()].forEach((id, i) => {
    byDivision.set(id, reviewers(100 + i * 3));
  });
  const jx = ctx.division('JX');
  const pjzx = ctx.division('PJZX');
  for (const t of ctx.targets) {
    for (const e of t.events) {
      const bureau = e.stage !== 'DEPARTMENT';
      const orgId =
        e.stage === 'DEPARTMENT'
          ? null
          : e.stage === 'INITIAL_EXPENDITURE'
            ? t.dept.divisionId
            : e.stage === 'INITIAL_EVALUATION'
              ? pjzx
              : jx;
      const reviewer = orgId === null ? personName(t.dept.id + 7) : rng.pick(byDivision.get(orgId)!);
      const orgName =
        orgId === null ? t.dept.spec.name : e.stage === 'JOINT' ? JOINT_ORGANISATION : ctx.divisionNames.get(orgId)!;
      const joint = e.stage === 'JOINT' && e.grade ? jointScores(rng, e.grade) : null;
      ctx.add('target_review', {
        id: ctx.nextId('target_review'),
        fiscal_division_code: CITY,
        target_id: t.id,
        stage: e.stage,
        round: e.round,
        reviewer_name: reviewer,
        organisation_id: orgId,
        organisation_name: orgName,
        scores: joint ? JSON.stringify(joint.scores) : null,
        total_score: joint ? joint.total.toFixed(2) : null,
        decision: e.decision,
        feedback: feedback(rng, e),
        row_feedback: e.decision === 'RETURN' && rng.chance(0.6) ? JSON.stringify(rowFeedback(rng, t)) : null,
        grade_proposal: gradeProposal(rng, t, e),
        internal_note: bureau && rng.chance(0.12) ? rng.pick(INTERNAL_NOTES) : null,
        reviewed_at: iso(e.at),
      });
    }
  }
}

function feedback(rng: Rng, e: ReviewEvent): string {
  if (e.stage === 'JOINT' && e.grade) return GRADE_FEEDBACK[e.grade];
  if (e.decision === 'RETURN') {
    const [a, b] = rng.sample(RETURN_FEEDBACK, 2);
    return rng.chance(0.5) ? `${a}${b}` : a!;
  }
  return rng.pick(PASS_FEEDBACK);
}

function rowFeedback(rng: Rng, t: TargetInfo): Array<{ targetIndicatorId: number; comment: string }> {
  return rng.sample(t.rowIds, rng.int(1, 2)).map((id) => ({ targetIndicatorId: id, comment: rng.pick(ROW_FEEDBACK) }));
}

/** The recheck proposes a grade for the joint review; the joint review's proposal is the grade given. */
function gradeProposal(rng: Rng, t: TargetInfo, e: ReviewEvent): GradeCode | null {
  if (e.stage === 'JOINT') return e.grade ?? null;
  if (e.stage !== 'RECHECK' || e.decision !== 'PASS') return null;
  if (t.grade === 'EXCELLENT' || t.grade === 'GOOD') return rng.chance(0.8) ? t.grade : 'GOOD';
  return t.grade ?? rng.pick(['EXCELLENT', 'GOOD', 'GOOD'] as const);
}

interface CriterionScore {
  criterion: string;
  score: string | null;
  passed: boolean | null;
  comment: string;
}

/** Compliance is a pass/fail veto; the five scored criteria are 0–20 each and add up to the total. */
function jointScores(rng: Rng, grade: GradeCode): { scores: CriterionScore[]; total: number } {
  const [min, max] = TOTAL_RANGE[grade];
  const total = rng.int(min * 2, max * 2) / 2;
  const parts = splitScore(rng, total);
  const compliant = grade !== 'POOR' || rng.chance(0.6);
  const [good, weak] = CRITERION_COMMENTS.COMPLIANCE!;
  const scores: CriterionScore[] = [
    { criterion: 'COMPLIANCE', score: null, passed: compliant, comment: compliant ? good : weak },
    ...SCORED.map((criterion, i) => {
      const score = parts[i]!;
      const [ok, poor] = CRITERION_COMMENTS[criterion]!;
      return { criterion, score, passed: null, comment: Number(score) >= 16 ? ok : poor };
    }),
  ];
  return { scores, total };
}
