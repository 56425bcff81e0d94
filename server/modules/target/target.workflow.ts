/**
 * The target review workflow (绩效目标审核): submit, the department's self-review, the dual initial review, the
 * re-check, the joint review with its grade, and the bureau's refinement. Each step asks the state machine
 * (`target.machine.ts`) what follows, then writes the change, a TargetReview row, an audit entry and a review event in
 * one transaction: a refused step leaves none of them.
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../shared/context';
import { badInput, DomainError, notFound } from '../../shared/errors';
import { fresh } from '../../shared/loaders';
import { assertDepartmentInScope } from '../../shared/scope';
import { rows } from '../../shared/sql';
import { assertVersion, toId } from '../../shared/writes';
import { auditService } from '../audit/audit.service';
import type { ReviewEventTypeName } from '../events/events.enums';
import type { Role } from '../identity/identity.enums';
import { ScopeKind } from '../identity/identity.enums';
import { type CriterionScoreValue, type RowFeedbackValue, TargetReviewEntity } from '../review/review.entity';
import { ReviewCriterion, ReviewDecision, ReviewStage } from '../review/review.enums';
import { PerformanceTargetEntity } from './target.entity';
import { type Grade, TargetStatus } from './target.enums';
import { gradeFor, type JointScores } from './target.grading';
import {
  type ExAnteOutcome,
  type InitialStage,
  initialStageOf,
  invalidTransition,
  type MachineFacts,
  nextState,
  TargetAction,
  type Transition,
} from './target.machine';
import { assertPrecheckPassed, type PrecheckFinding, precheck, precheckFacts } from './target.precheck';
import { targetTable } from './target.reads';
import type { PerformanceTarget } from './target.types';

export interface ReviewStepInput {
  targetId: string;
  version: number;
  decision: ReviewDecision;
  feedback?: string | null;
  rowFeedback?: { targetIndicatorId: string; comment: string }[] | null;
  scores?:
    | { criterion: ReviewCriterion; score?: number | null; passed?: boolean | null; comment?: string | null }[]
    | null;
  internalNote?: string | null;
}

export interface GradeStepInput {
  targetId: string;
  version: number;
  scores: JointScores;
  feedback?: string | null;
  internalNote?: string | null;
}

function roles(ctx: Context): readonly Role[] {
  if (!ctx.viewer) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  return ctx.viewer.roles;
}

/** The target, locked for the step, in the caller's scope (NOT_FOUND otherwise) and at the version the caller saw. */
async function lockedTarget(
  ctx: Context,
  em: EntityManager,
  id: string,
  version: number | null | undefined,
): Promise<PerformanceTargetEntity> {
  const target = await em.findOne(PerformanceTargetEntity, toId(id, 'targetId'), {
    lockMode: LockMode.PESSIMISTIC_WRITE,
  });
  if (!target) throw notFound('PerformanceTarget', id);
  // Bureau roles see their whole division: the target's own division answers it without another statement.
  if (ctx.viewer?.scope === ScopeKind.BUREAU) {
    if (target.fiscalDivision.code !== ctx.viewer.fiscalDivisionCode) throw notFound('PerformanceTarget', id);
  } else {
    await assertDepartmentInScope(ctx, em, target.department.id, { type: 'PerformanceTarget', id });
  }
  assertVersion(target.version, version, `Performance target ${target.id}`);
  return target;
}

interface Snapshot {
  status: TargetStatus;
  grade: Grade | null;
  reviewRound: number;
  submitToCongress: boolean;
}

const snapshot = (t: PerformanceTargetEntity): Snapshot => ({
  status: t.status,
  grade: t.grade ?? null,
  reviewRound: t.reviewRound,
  submitToCongress: t.submitToCongress,
});

/** Applies a transition to the target; the version goes up with every step, so a second actor's stale call fails. */
function apply(target: PerformanceTargetEntity, transition: Transition): void {
  target.status = transition.to;
  if (transition.nextRound) target.reviewRound += 1;
  if (transition.submitToCongress !== undefined) target.submitToCongress = transition.submitToCongress;
  target.updatedAt = new Date();
}

/** The audit entry and the review event of one step, written with the change. */
function record(
  ctx: Context,
  em: EntityManager,
  target: PerformanceTargetEntity,
  step: {
    action: string;
    event: ReviewEventTypeName;
    before: Snapshot;
    extra?: Record<string, unknown>;
    payload?: Record<string, unknown>;
  },
): void {
  const after = { ...snapshot(target), ...(step.extra ?? {}) };
  auditService.record(ctx, em, {
    fiscalDivisionCode: target.fiscalDivision.code,
    subjectType: 'PerformanceTarget',
    subjectId: target.id,
    departmentId: target.department.id,
    action: step.action,
    before: step.before as unknown as Record<string, unknown>,
    after,
  });
  auditService.event(ctx, em, {
    fiscalDivisionCode: target.fiscalDivision.code,
    type: step.event,
    subjectType: 'PerformanceTarget',
    subjectId: target.id,
    departmentId: target.department.id,
    projectId: target.project?.id ?? null,
    targetId: target.id,
    fromState: step.before.status,
    toState: target.status,
    payload: { round: target.reviewRound, grade: target.grade ?? null, ...(step.payload ?? {}) },
  });
}

function newReview(
  ctx: Context,
  em: EntityManager,
  target: PerformanceTargetEntity,
  review: {
    stage: ReviewStage;
    round: number;
    decision: ReviewDecision;
    feedback?: string | null;
    rowFeedback?: RowFeedbackValue[];
    scores?: CriterionScoreValue[];
    totalScore?: string;
    gradeProposal?: Grade;
    internalNote?: string | null;
  },
): void {
  const v = ctx.viewer;
  em.create(TargetReviewEntity, {
    fiscalDivision: target.fiscalDivision,
    target,
    stage: review.stage,
    round: review.round,
    reviewerName: v?.loginName ?? 'system',
    organisation: v?.financeDivisionId ?? undefined,
    decision: review.decision,
    feedback: review.feedback?.trim() || undefined,
    rowFeedback: review.rowFeedback?.length ? review.rowFeedback : undefined,
    scores: review.scores?.length ? review.scores : undefined,
    totalScore: review.totalScore,
    gradeProposal: review.gradeProposal,
    internalNote: review.internalNote?.trim() || undefined,
  });
}

/** The initial stages that passed in the target's current round. */
async function passedInitialStages(em: EntityManager, target: PerformanceTargetEntity): Promise<InitialStage[]> {
  const found = await rows<{ stage: InitialStage }>(
    { em },
    `select distinct stage from target_review
      where target_id = ? and round = ? and decision = 'PASS' and stage in ('INITIAL_EXPENDITURE', 'INITIAL_EVALUATION')`,
    [target.id, target.reviewRound],
  );
  return found.map((r) => r.stage);
}

/** Row comments must name rows of this target. */
async function checkRowFeedback(
  em: EntityManager,
  target: PerformanceTargetEntity,
  input: ReviewStepInput['rowFeedback'],
): Promise<RowFeedbackValue[]> {
  if (!input?.length) return [];
  const ids = input.map((r) => toId(r.targetIndicatorId, 'rowFeedback.targetIndicatorId'));
  const found = await rows<{ id: number }>(
    { em },
    `select id from target_indicator where target_id = ? and id in (${ids.map(() => '?').join(', ')})`,
    [target.id, ...ids],
  );
  const known = new Set(found.map((r) => Number(r.id)));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) {
    throw badInput(
      `rowFeedback names rows that are not rows of target ${target.id}: ${unknown.join(', ')}.`,
      'rowFeedback',
    );
  }
  return input.map((r, i) => ({ targetIndicatorId: ids[i] as number, comment: r.comment.trim() }));
}

/** What the ex-ante assessment says for a target's project: needed (新增重大政策 / 专项资金) and its latest conclusion. */
async function exAnteOutcome(em: EntityManager, target: PerformanceTargetEntity): Promise<ExAnteOutcome> {
  if (!target.project) return 'NOT_NEEDED';
  const [r] = await rows<{ needed: boolean; conclusion: string | null }>(
    { em },
    `select (p.attribute = 'NEW' and (p.major_policy or p.special_fund)) as needed,
            (select a.conclusion from ex_ante_assessment a where a.project_id = p.id and a.fiscal_year = ?
              order by case a.stage when 'THIRD_PARTY' then 3 when 'FINANCE_AUDIT' then 2 else 1 end desc limit 1)
              as conclusion
       from project p where p.id = ?`,
    [target.fiscalYear, target.project.id],
  );
  if (!r?.needed) return 'NOT_NEEDED';
  return (r.conclusion as ExAnteOutcome | null) ?? 'MISSING';
}

const ACTION_OF: Partial<Record<ReviewDecision, TargetAction>> = {
  [ReviewDecision.PASS]: TargetAction.PASS,
  [ReviewDecision.RETURN]: TargetAction.RETURN,
};

const STAGE_OF: Partial<Record<TargetStatus, ReviewStage>> = {
  [TargetStatus.DEPARTMENT_REVIEW]: ReviewStage.DEPARTMENT,
  [TargetStatus.RECHECK]: ReviewStage.RECHECK,
};

export interface SubmitResult {
  target: PerformanceTarget;
  warnings: PrecheckFinding[];
}

/** The review workflow of performance targets (绩效目标审核流程). */
export const targetWorkflow = {
  /** Submits a draft for review, after the machine pre-check (形式审核). */
  async submit(ctx: Context, id: string, version: number): Promise<SubmitResult> {
    const warnings = await ctx.em.transactional(async (em) => {
      const target = await lockedTarget(ctx, em, id, version);
      const before = snapshot(target);
      const transition = nextState(target.status, TargetAction.SUBMIT, { roles: roles(ctx) });
      const result = precheck(await precheckFacts(em, target));
      assertPrecheckPassed(result);
      apply(target, transition);
      target.submittedAt = new Date();
      record(ctx, em, target, {
        action: 'SUBMIT',
        event: 'TARGET_SUBMITTED',
        before,
        extra: { precheckWarnings: result.warnings.length ? result.warnings : null },
        payload: { warnings: result.warnings },
      });
      await em.flush();
      return result.warnings;
    });
    return { target: await fresh(ctx, targetTable, 'id', toId(id)), warnings };
  },

  /** A verdict at the stage the target is in: department self-review, one half of the initial review, or re-check. */
  async review(ctx: Context, input: ReviewStepInput): Promise<PerformanceTarget> {
    await ctx.em.transactional(async (em) => {
      const target = await lockedTarget(ctx, em, input.targetId, input.version);
      const callerRoles = roles(ctx);
      const action = ACTION_OF[input.decision];
      if (!action) {
        throw badInput('A target is passed or returned for revision; REJECT is not a step of its review.', 'decision');
      }
      if (action === TargetAction.RETURN && !input.feedback?.trim()) {
        throw badInput('A return needs written feedback (审核意见) telling the department what to change.', 'feedback');
      }
      const before = snapshot(target);
      const facts: MachineFacts = {};
      let stage = STAGE_OF[target.status];
      if (target.status === TargetStatus.INITIAL_REVIEW) {
        facts.passedInitialStages = await passedInitialStages(em, target);
        facts.initialStage = initialStageOf(callerRoles, facts.passedInitialStages) ?? undefined;
        stage = facts.initialStage as ReviewStage | undefined;
      }
      const transition = nextState(target.status, action, { roles: callerRoles, ...facts });
      if (!stage) throw invalidTransition(target.status, action, callerRoles);
      if (facts.initialStage && facts.passedInitialStages?.includes(facts.initialStage)) {
        throw new DomainError(
          'INVALID_TRANSITION',
          `${facts.initialStage} already passed target ${target.id} in round ${target.reviewRound}; the other initial review is pending.`,
          { currentState: target.status, allowedActions: [] },
        );
      }
      const rowFeedback = await checkRowFeedback(em, target, input.rowFeedback);
      newReview(ctx, em, target, {
        stage,
        round: target.reviewRound,
        decision: input.decision,
        feedback: input.feedback,
        rowFeedback,
        scores: input.scores?.map((s) => ({
          criterion: s.criterion,
          score: s.score === undefined || s.score === null ? null : String(s.score),
          passed: s.passed ?? null,
          comment: s.comment ?? null,
        })),
        internalNote: input.internalNote,
      });
      apply(target, transition);
      record(ctx, em, target, {
        action: `${stage}_${input.decision}`,
        event: action === TargetAction.RETURN ? 'TARGET_RETURNED' : 'TARGET_PASSED',
        before,
        payload: { stage, decision: input.decision },
      });
      await em.flush();
    });
    return fresh(ctx, targetTable, 'id', toId(input.targetId));
  },

  /**
   * An observer's comment in the joint review (集中会审): stored as a TargetReview of stage JOINT with decision PASS
   * (observers do not decide; the comment is its feedback). The target does not change.
   */
  async comment(ctx: Context, id: string, comment: string): Promise<PerformanceTarget> {
    await ctx.em.transactional(async (em) => {
      const target = await lockedTarget(ctx, em, id, null);
      if (target.status !== TargetStatus.JOINT_REVIEW) {
        throw new DomainError(
          'INVALID_TRANSITION',
          `Observers comment during the joint review; target ${target.id} is ${target.status}.`,
          { currentState: target.status, action: 'COMMENT', allowedActions: [] },
        );
      }
      if (!comment.trim()) throw badInput('The comment is empty.', 'comment');
      const before = snapshot(target);
      newReview(ctx, em, target, {
        stage: ReviewStage.JOINT,
        round: target.reviewRound,
        decision: ReviewDecision.PASS,
        feedback: comment,
      });
      record(ctx, em, target, {
        action: 'JOINT_COMMENT',
        event: 'TARGET_COMMENTED',
        before: { ...before, comment: null } as Snapshot,
        extra: { comment: comment.trim() },
        payload: { stage: ReviewStage.JOINT },
      });
      await em.flush();
    });
    return fresh(ctx, targetTable, 'id', toId(id));
  },

  /** The joint review's grade and its consequence (优 / 良 / 中 / 差, with the ex-ante outcome). */
  async grade(ctx: Context, input: GradeStepInput): Promise<PerformanceTarget> {
    await ctx.em.transactional(async (em) => {
      const target = await lockedTarget(ctx, em, input.targetId, input.version);
      const before = snapshot(target);
      const { total, grade } = gradeFor(input.scores);
      const exAnte = target.status === TargetStatus.JOINT_REVIEW ? await exAnteOutcome(em, target) : undefined;
      const transition = nextState(target.status, TargetAction.GRADE, { roles: roles(ctx), grade, exAnte });
      const s = input.scores;
      newReview(ctx, em, target, {
        stage: ReviewStage.JOINT,
        round: target.reviewRound,
        decision:
          transition.to === TargetStatus.DRAFT
            ? ReviewDecision.RETURN
            : transition.to === TargetStatus.BLOCKED
              ? ReviewDecision.REJECT
              : ReviewDecision.PASS,
        feedback: input.feedback,
        scores: [
          { criterion: ReviewCriterion.COMPLIANCE, score: null, passed: s.compliance },
          { criterion: ReviewCriterion.RELEVANCE, score: String(s.relevance) },
          { criterion: ReviewCriterion.COMPLETENESS, score: String(s.completeness) },
          { criterion: ReviewCriterion.FEASIBILITY, score: String(s.feasibility) },
          { criterion: ReviewCriterion.SOUNDNESS, score: String(s.soundness) },
          { criterion: ReviewCriterion.APPROPRIATENESS, score: String(s.appropriateness) },
        ],
        totalScore: total.toFixed(2),
        gradeProposal: grade,
        internalNote: input.internalNote,
      });
      target.grade = grade;
      apply(target, transition);
      record(ctx, em, target, {
        action: 'GRADE',
        event: 'TARGET_GRADED',
        before,
        payload: { totalScore: total.toFixed(2), exAnte },
      });
      await em.flush();
    });
    return fresh(ctx, targetTable, 'id', toId(input.targetId));
  },

  /** 良: the bureau refines the target, which then goes to budget arrangement. */
  async refine(ctx: Context, id: string, version: number, note?: string | null): Promise<PerformanceTarget> {
    await ctx.em.transactional(async (em) => {
      const target = await lockedTarget(ctx, em, id, version);
      const before = snapshot(target);
      const transition = nextState(target.status, TargetAction.REFINE, { roles: roles(ctx) });
      newReview(ctx, em, target, {
        stage: ReviewStage.JOINT,
        round: target.reviewRound,
        decision: ReviewDecision.PASS,
        feedback: note ?? 'Refined by the bureau (良: 优化后纳入预算安排).',
        gradeProposal: target.grade,
      });
      apply(target, transition);
      record(ctx, em, target, { action: 'REFINE', event: 'TARGET_REFINED', before });
      await em.flush();
    });
    return fresh(ctx, targetTable, 'id', toId(id));
  },
};
