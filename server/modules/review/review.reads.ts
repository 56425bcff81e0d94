import type { Context } from '../../shared/context';
import { listPage, orderBy, type Page } from '../../shared/list';
import { orNotFound, scope } from '../../shared/scope';
import { expression, table, Where } from '../../shared/sql';
import { toId } from '../../shared/writes';
import { ReviewStage } from './review.enums';
import type { TargetReviewListArgs } from './review.inputs';
import type { TargetReview } from './review.types';

export const targetReviewTable = table<TargetReview>('target_review', {
  id: 'id',
  fiscalDivisionCode: 'fiscal_division_code',
  stage: 'stage',
  round: 'round',
  reviewerName: 'reviewer_name',
  organisationName: 'organisation_name',
  scores: 'scores',
  totalScore: 'total_score',
  decision: 'decision',
  feedback: 'feedback',
  rowFeedback: 'row_feedback',
  gradeProposal: 'grade_proposal',
  internalNote: 'internal_note',
  reviewedAt: 'reviewed_at',
  targetId: 'target_id',
  organisationId: 'organisation_id',
  // Read by the ReviewInternals field rule (observers see internals only while the target is in joint review).
  targetStatus: expression('(select pt.status from performance_target pt where pt.id = t.target_id)'),
});

/** Sorting by stage follows the review workflow, not the alphabet. */
const STAGE_ORDER = `array_position(array[${Object.values(ReviewStage)
  .map((v) => `'${v}'`)
  .join(', ')}]::text[], t.stage::text)`;

const optionalId = (id: string | undefined, label: string) => (id === undefined ? undefined : toId(id, label));

export const reviewReads = {
  /** A review the caller may read (one of a target in its scope), or NOT_FOUND. */
  reviewOr404(ctx: Context, id: string): Promise<TargetReview> {
    return orNotFound(ctx.loaders.one(targetReviewTable, 'id', scope.review(ctx)).load(toId(id)), 'TargetReview', id);
  },

  reviews(ctx: Context, args: TargetReviewListArgs): Promise<Page<TargetReview>> {
    const f = args.filter ?? {};
    const where = new Where()
      .add(scope.review(ctx))
      .eq('t.target_id', optionalId(f.targetId, 'targetId'))
      .eq('t.stage', f.stage)
      .eq('t.decision', f.decision)
      .eq('t.round', f.round);
    const departmentId = optionalId(f.departmentId, 'departmentId');
    if (departmentId !== undefined) {
      where.add(
        'exists (select 1 from performance_target pt where pt.id = t.target_id and pt.department_id = ?)',
        departmentId,
      );
    }
    const order = orderBy(
      args.sort,
      { REVIEWED_AT: 't.reviewed_at', STAGE: STAGE_ORDER, ROUND: 't.round' },
      't.reviewed_at desc',
    );
    return listPage(ctx, targetReviewTable, where, order, args);
  },

  /** The reviews of a target in the order they were given, batched across a page of targets. */
  reviewsOfTarget(ctx: Context, targetId: number): Promise<TargetReview[]> {
    return ctx.loaders.many(targetReviewTable, 'target_id', 't.reviewed_at, t.id', scope.review(ctx)).load(targetId);
  },
};
