import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../shared/context';
import { Parent } from '../../shared/parent';
import { Permission } from '../identity';
import { similarIndicators } from './admission.similar';
import { IndicatorChangeRequest, ProposeIndicatorChangePayload, SimilarIndicator } from './admission.types';
import { admissionWorkflow } from './admission.workflow';
import {
  PrecheckDecision,
  ProposeIndicatorChangeInput,
  UpdateIndicatorChangeRequestInput,
} from './admission.workflow.inputs';

const ID_ARG = { description: 'Id of the change request.' };
const VERSION_ARG = { description: 'The version you loaded; a stale one answers CONFLICT.' };

@Resolver(() => IndicatorChangeRequest)
export class IndicatorChangeWorkflowResolver {
  @FieldResolver(() => [SimilarIndicator], {
    description:
      'Published indicators whose names are like the proposed one (相似指标), best first, at or above similarity 0.3; the subject of a MODIFY or RETIRE is left out.',
  })
  similarIndicators(
    @Ctx() ctx: Context,
    @Parent() r: IndicatorChangeRequest,
    @Arg('limit', () => Int, { defaultValue: 5, description: 'At most this many (0 to 50).' }) limit: number,
  ) {
    return similarIndicators(ctx, r.name, r.fiscalDivisionCode, {
      limit,
      exclude: [r.indicatorId, r.resultIndicatorId],
    });
  }

  @Authorized(Permission.ProposeIndicator)
  @Mutation(() => ProposeIndicatorChangePayload, {
    description:
      'Files a DRAFT request to admit, modify or retire a library indicator for your department, and returns the existing indicators most like it.',
  })
  proposeIndicatorChange(
    @Ctx() ctx: Context,
    @Arg('input', () => ProposeIndicatorChangeInput) input: ProposeIndicatorChangeInput,
  ) {
    return admissionWorkflow.propose(ctx, input);
  }

  @Authorized(Permission.ProposeIndicator)
  @Mutation(() => IndicatorChangeRequest, { description: 'Edits a DRAFT or RETURNED request of your department.' })
  updateIndicatorChangeRequest(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('input', () => UpdateIndicatorChangeRequestInput) input: UpdateIndicatorChangeRequestInput,
  ) {
    return admissionWorkflow.update(ctx, id, input);
  }

  @Authorized(Permission.ProposeIndicator)
  @Mutation(() => IndicatorChangeRequest, {
    description: 'Submits a DRAFT or RETURNED request to the department pre-check (部门预审).',
  })
  submitIndicatorChangeRequest(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('version', () => Int, VERSION_ARG) version: number,
  ) {
    return admissionWorkflow.submit(ctx, id, version);
  }

  @Authorized(Permission.PrecheckProposal)
  @Mutation(() => IndicatorChangeRequest, {
    description:
      'The department officer’s pre-check: PASS sends it to the performance division, RETURN back to the applicant.',
  })
  precheckIndicatorChangeRequest(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('version', () => Int, VERSION_ARG) version: number,
    @Arg('decision', () => PrecheckDecision, { description: 'Pass or return.' }) decision: PrecheckDecision,
    @Arg('comment', () => String, { nullable: true, description: 'Required when returning.' }) comment?: string | null,
  ) {
    return admissionWorkflow.precheck(ctx, id, version, decision, comment);
  }

  @Authorized(Permission.ApproveAdmission)
  @Mutation(() => IndicatorChangeRequest, {
    description:
      'Approves a request in performance review: ADMIT publishes a new indicator with its code, MODIFY a new version superseding the old, RETIRE retires it.',
  })
  approveIndicatorChangeRequest(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('version', () => Int, VERSION_ARG) version: number,
    @Arg('comment', () => String, { nullable: true, description: 'The review comment (审核意见).' })
    comment?: string | null,
  ) {
    return admissionWorkflow.approve(ctx, id, version, comment);
  }

  @Authorized(Permission.ApproveAdmission)
  @Mutation(() => IndicatorChangeRequest, {
    description: 'Returns a request in performance review to the applicant with a comment; they revise and resubmit.',
  })
  returnIndicatorChangeRequest(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('version', () => Int, VERSION_ARG) version: number,
    @Arg('comment', { description: 'What must change (退回意见).' }) comment: string,
  ) {
    return admissionWorkflow.return(ctx, id, version, comment);
  }

  @Authorized(Permission.ApproveAdmission)
  @Mutation(() => IndicatorChangeRequest, {
    description:
      'Rejects a request in performance review, naming the reason and, for a duplicate, the existing indicator.',
  })
  rejectIndicatorChangeRequest(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('version', () => Int, VERSION_ARG) version: number,
    @Arg('reason', { description: 'Why it is rejected (驳回理由).' }) reason: string,
    @Arg('duplicateOfId', () => ID, { nullable: true, description: 'The existing indicator it duplicates.' })
    duplicateOfId?: string | null,
  ) {
    return admissionWorkflow.reject(ctx, id, version, reason, duplicateOfId);
  }
}
