import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../shared/context';
import { Parent } from '../../shared/parent';
import { Permission } from '../identity';
import { TargetStatus } from './target.enums';
import { allowedActions, initialStageOf, TargetAction } from './target.machine';
import { passedInitialStages } from './target.reads';
import { PerformanceTarget } from './target.types';
import { targetWorkflow } from './target.workflow';
import { GradePerformanceTargetInput, ReviewPerformanceTargetInput } from './target.workflow.inputs';
import { SubmitPerformanceTargetPayload } from './target.workflow.types';

@Resolver(() => PerformanceTarget)
export class TargetWorkflowResolver {
  @FieldResolver(() => [TargetAction], {
    description:
      'The review steps your roles allow on this target in its current state: the state machine’s answer, less PASS and RETURN in the dual initial review once your half (expenditure division or evaluation center) has passed in this round. Row scope is checked when you act.',
  })
  allowedActions(@Ctx() ctx: Context, @Parent() t: PerformanceTarget): TargetAction[] | Promise<TargetAction[]> {
    const roles = ctx.viewer?.roles ?? [];
    const allowed = allowedActions(t.status, roles);
    if (t.status !== TargetStatus.INITIAL_REVIEW || !allowed.length) return allowed;
    return passedInitialStages(ctx)
      .load(t.id)
      .then((passed) => {
        const stage = initialStageOf(roles, passed);
        return stage && passed.includes(stage)
          ? allowed.filter((a) => a !== TargetAction.PASS && a !== TargetAction.RETURN)
          : allowed;
      });
  }

  @Authorized(Permission.WriteProject)
  @Mutation(() => SubmitPerformanceTargetPayload, {
    description:
      'Submits a draft target for review (DRAFT → DEPARTMENT_REVIEW) after the machine pre-check; blocking findings refuse it with PRECHECK_FAILED and extensions.findings.',
  })
  submitPerformanceTarget(
    @Ctx() ctx: Context,
    @Arg('targetId', () => ID, { description: 'The target.' }) targetId: string,
    @Arg('version', () => Int, { description: 'The version you saw; a stale one is refused with CONFLICT.' })
    version: number,
  ) {
    return targetWorkflow.submit(ctx, targetId, version);
  }

  @Authorized(Permission.ReviewDepartment, Permission.ReviewInitial, Permission.Recheck)
  @Mutation(() => PerformanceTarget, {
    description:
      'Passes or returns a target at its current stage (self-review, dual initial review, re-check); INVALID_TRANSITION names the allowed actions.',
  })
  reviewPerformanceTarget(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The verdict.' }) input: ReviewPerformanceTargetInput,
  ) {
    return targetWorkflow.review(ctx, input);
  }

  @Authorized(Permission.CommentJointReview)
  @Mutation(() => PerformanceTarget, {
    description: 'An observer’s comment in the joint review (集中会审), recorded as a JOINT review of decision PASS.',
  })
  commentJointReview(
    @Ctx() ctx: Context,
    @Arg('targetId', () => ID, { description: 'The target in joint review.' }) targetId: string,
    @Arg('comment', { description: 'The comment.' }) comment: string,
  ) {
    return targetWorkflow.comment(ctx, targetId, comment);
  }

  @Authorized(Permission.GradeTarget)
  @Mutation(() => PerformanceTarget, {
    description:
      'Grades a target in joint review: 优 → READY_FOR_BUDGET (flagged for the People’s Congress when ex-ante supports or is not needed), 良 → GRADED, 中 → DRAFT, 差 or missing / not-supporting ex-ante → BLOCKED.',
  })
  gradePerformanceTarget(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The scores.' }) input: GradePerformanceTargetInput,
  ) {
    return targetWorkflow.grade(ctx, input);
  }

  @Authorized(Permission.GradeTarget)
  @Mutation(() => PerformanceTarget, {
    description: 'The bureau’s refinement of a 良 target: GRADED → READY_FOR_BUDGET.',
  })
  refinePerformanceTarget(
    @Ctx() ctx: Context,
    @Arg('targetId', () => ID, { description: 'The graded target.' }) targetId: string,
    @Arg('version', () => Int, { description: 'The version you saw; a stale one is refused with CONFLICT.' })
    version: number,
    @Arg('note', () => String, { nullable: true, description: 'What the bureau refined.' }) note?: string,
  ) {
    return targetWorkflow.refine(ctx, targetId, version, note);
  }
}
