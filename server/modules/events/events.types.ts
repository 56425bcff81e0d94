import { ArrayMaxSize } from 'class-validator';
import { Authorized, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { badInput } from '../../shared/errors';
import { Decimal, Money } from '../../shared/scalars';
import { toId } from '../../shared/writes';
import { ChangeRequestType } from '../admission/admission.enums';
import { FieldRule, Permission } from '../identity/identity.permissions';
import { BudgetDecision } from '../project/project.enums';
import { ReviewDecision, ReviewStage } from '../review/review.enums';
import { Grade } from '../target/target.enums';
import { ReviewEventType } from './events.enums';
import type { EventFilterSpec, EventRecord } from './events.model';

@ObjectType({
  description:
    'A review event (审核事件): one committed step of a workflow. Events are numbered by `position`, which increases ' +
    'in commit order; resume a feed by passing the last position you processed as `after`.',
})
export class ReviewEvent {
  @Field(() => ID, { description: 'Where the event stands in the feed: a whole number, increasing in commit order.' })
  position!: string;

  @Field(() => ReviewEventType, { description: 'What happened.' })
  type!: ReviewEventType;

  @Field({ description: 'When it was recorded.' })
  at!: Date;

  @Field({ description: 'The fiscal division (9-digit MOF_DIV_CODE).' })
  fiscalDivisionCode!: string;

  @Field({
    description: 'The API type of the record it is about: PerformanceTarget, IndicatorChangeRequest, Indicator.',
  })
  subjectType!: string;

  @Field(() => ID, { description: 'Id of that record.' })
  subjectId!: string;

  @Field(() => ID, { nullable: true, description: 'The department concerned; null for library events.' })
  departmentId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The project concerned, if any.' })
  projectId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The performance target concerned, if any.' })
  targetId!: string | null;

  @Field(() => String, { nullable: true, description: 'The state before the step.' })
  fromState!: string | null;

  @Field(() => String, { nullable: true, description: 'The state after the step.' })
  toState!: string | null;

  @Authorized(Permission.ReadReviewerIdentity)
  @Field(() => String, {
    nullable: true,
    description: 'Login name of who acted (reviewers’ identities are restricted).',
  })
  actorLogin!: string | null;

  @Authorized(Permission.ReadReviewerIdentity)
  @Field(() => [String], { nullable: true, description: 'The roles the actor acted in.' })
  actorRoles!: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Targets: the review round (1 for the first submission).' })
  round!: number | null;

  @Field(() => ReviewStage, { nullable: true, description: 'Targets: the review stage that acted.' })
  stage!: ReviewStage | null;

  @Field(() => ReviewDecision, { nullable: true, description: 'Targets: what the stage decided.' })
  reviewDecision!: ReviewDecision | null;

  @Field(() => Grade, { nullable: true, description: 'Targets: the grade, once graded (优/良/中/差).' })
  grade!: Grade | null;

  @Authorized(FieldRule.ReviewInternals)
  @Field(() => Decimal, { nullable: true, description: 'TARGET_GRADED: the joint review’s total score (0–100).' })
  totalScore!: string | null;

  @Field(() => BudgetDecision, { nullable: true, description: 'BUDGET_DECIDED: the decision.' })
  budgetDecision!: BudgetDecision | null;

  @Field(() => Int, { nullable: true, description: 'BUDGET_DECIDED: the fiscal year.' })
  fiscalYear!: number | null;

  @Field(() => Money, { nullable: true, description: 'BUDGET_DECIDED: amount requested, in yuan (申报数).' })
  requested!: string | null;

  @Field(() => Money, { nullable: true, description: 'BUDGET_DECIDED: amount approved, in yuan (批复数).' })
  approved!: string | null;

  @Field(() => Money, { nullable: true, description: 'BUDGET_DECIDED: requested minus approved, in yuan (核减数).' })
  cut!: string | null;

  @Field(() => ID, { nullable: true, description: 'BUDGET_DECIDED with MERGED: the project it was merged into.' })
  mergedIntoProjectId!: string | null;

  @Field(() => String, { nullable: true, description: 'BUDGET_DECIDED: the stated reason, if any.' })
  reason!: string | null;

  @Field(() => ChangeRequestType, { nullable: true, description: 'Admission events: ADMIT, MODIFY or RETIRE.' })
  requestType!: ChangeRequestType | null;

  @Field(() => ID, { nullable: true, description: 'Indicator events: the change request that published it.' })
  requestId!: string | null;

  @Field(() => String, { nullable: true, description: 'Admission and indicator events: the indicator’s name.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Indicator events: the indicator’s code.' })
  indicatorCode!: string | null;

  @Field(() => Int, { nullable: true, description: 'Indicator events: the version number.' })
  versionNo!: number | null;

  @Field(() => String, { nullable: true, description: 'Returns and rejections: the written feedback.' })
  comment!: string | null;

  /** For the field rules (ReviewInternals looks at the target's state); not a GraphQL field. */
  targetStatus!: string | null;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' ? v : v == null ? null : Number(v));

/** The API shape of a committed event. */
export function toReviewEvent(e: EventRecord): ReviewEvent {
  const p = e.payload ?? {};
  const isTarget = e.subjectType === 'PerformanceTarget';
  return {
    position: e.position,
    type: e.type as ReviewEventType,
    at: e.at instanceof Date ? e.at : new Date(e.at),
    fiscalDivisionCode: e.fiscalDivisionCode,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    departmentId: str(e.departmentId),
    projectId: str(e.projectId),
    targetId: str(e.targetId),
    fromState: e.fromState,
    toState: e.toState,
    actorLogin: e.actorLogin,
    actorRoles: e.actorRoles ? e.actorRoles.split(',') : [],
    round: isTarget ? num(p.round) : null,
    stage: (str(p.stage) as ReviewStage | null) ?? null,
    reviewDecision: e.type === 'BUDGET_DECIDED' ? null : ((str(p.decision) as ReviewDecision | null) ?? null),
    grade: (str(p.grade) as Grade | null) ?? null,
    totalScore: str(p.totalScore),
    budgetDecision: e.type === 'BUDGET_DECIDED' ? (str(p.decision) as BudgetDecision) : null,
    fiscalYear: num(p.fiscalYear),
    requested: str(p.requested),
    approved: str(p.approved),
    cut: str(p.cut),
    mergedIntoProjectId: str(p.mergedIntoProjectId),
    reason: str(p.reason),
    requestType: (str(p.requestType) as ChangeRequestType | null) ?? null,
    requestId: str(p.requestId),
    name: str(p.name),
    indicatorCode: str(p.code),
    versionNo: num(p.versionNo),
    comment: str(p.comment),
    targetStatus: isTarget ? e.toState : null,
  };
}

@InputType({ description: 'Which review events to follow; every list given must contain the event’s value.' })
export class ReviewEventFilter {
  @Field(() => [ReviewEventType], { nullable: true, description: 'Only these event types.' })
  @ArrayMaxSize(50)
  types?: ReviewEventType[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only events of these departments.' })
  @ArrayMaxSize(200)
  departmentIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only events of these projects.' })
  @ArrayMaxSize(200)
  projectIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only events of these performance targets.' })
  @ArrayMaxSize(200)
  targetIds?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Only events about these record types: PerformanceTarget, IndicatorChangeRequest, Indicator.',
  })
  @ArrayMaxSize(10)
  subjectTypes?: string[] | null;
}

/** A filter as given (validated here too: subscription arguments do not pass through the resolver validation). */
export function filterSpec(input: ReviewEventFilter | null | undefined): EventFilterSpec {
  if (!input) return {};
  const ids = (values: readonly string[] | null | undefined, field: string) => {
    if (values === null || values === undefined) return null;
    if (values.length > 200) throw badInput(`filter.${field} may list at most 200 ids.`, `filter.${field}`);
    return values.map((v) => toId(v, `filter.${field}`));
  };
  if (input.types && input.types.length > 50) throw badInput('filter.types may list at most 50 types.', 'filter.types');
  if (input.subjectTypes && input.subjectTypes.length > 10) {
    throw badInput('filter.subjectTypes may list at most 10 types.', 'filter.subjectTypes');
  }
  return {
    types: input.types ?? null,
    departmentIds: ids(input.departmentIds, 'departmentIds'),
    projectIds: ids(input.projectIds, 'projectIds'),
    targetIds: ids(input.targetIds, 'targetIds'),
    subjectTypes: input.subjectTypes ?? null,
  };
}

@ObjectType({ description: 'A page of the review-event feed.' })
export class ReviewEventPage {
  @Field(() => [ReviewEvent], { description: 'Matching events after `after`, oldest first.' })
  events!: ReviewEvent[];

  @Field(() => ID, {
    description:
      'Pass this as `after` to read on. It is past every event this page looked at, including ones the filter or ' +
      'your scope left out, so the next page does not read them again.',
  })
  endPosition!: string;

  @Field({ description: 'Whether more matching events may follow right away (read on without waiting).' })
  hasMore!: boolean;
}
