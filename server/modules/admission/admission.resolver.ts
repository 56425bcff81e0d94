import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../shared/context';
import { Parent } from '../../shared/parent';
import { Department, FiscalDivision, fiscalReads } from '../fiscal';
import { Permission } from '../identity';
import { Indicator, IndicatorCategory, IndicatorFrameworkNode, indicatorReads } from '../indicator';
import { IndicatorChangeRequestListArgs } from './admission.inputs';
import { admissionReads } from './admission.reads';
import {
  IndicatorChangeApproval,
  IndicatorChangeRequest,
  IndicatorChangeRequestList,
  IndicatorProposal,
} from './admission.types';

@Resolver(() => IndicatorChangeRequest)
export class IndicatorChangeRequestResolver {
  @Authorized(Permission.ReadAdmission)
  @Query(() => IndicatorChangeRequest, {
    description: 'One indicator change request by id; NOT_FOUND when there is none or it is not visible to you.',
  })
  indicatorChangeRequest(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the change request.' }) id: string,
  ) {
    return admissionReads.changeRequestOr404(ctx, id);
  }

  @Authorized(Permission.ReadAdmission)
  @Query(() => IndicatorChangeRequestList, {
    description:
      'The admission queue: requests to admit, modify or retire library indicators (指标入库申请); department roles see their own department’s.',
  })
  indicatorChangeRequests(@Ctx() ctx: Context, @Args() args: IndicatorChangeRequestListArgs) {
    return admissionReads.changeRequests(ctx, args);
  }

  @FieldResolver(() => FiscalDivision, { description: 'The fiscal division (财政区划) it belongs to.' })
  fiscalDivision(@Ctx() ctx: Context, @Parent() r: IndicatorChangeRequest) {
    return fiscalReads.fiscalDivision(ctx, r.fiscalDivisionCode);
  }

  @FieldResolver(() => IndicatorProposal, { description: 'The proposed indicator definition.' })
  proposal(@Parent() r: IndicatorChangeRequest) {
    return admissionReads.proposal(r);
  }

  @FieldResolver(() => Department, { description: 'The applying department (申请部门).' })
  department(@Ctx() ctx: Context, @Parent() r: IndicatorChangeRequest) {
    return fiscalReads.department(ctx, r.departmentId);
  }

  @FieldResolver(() => Indicator, {
    nullable: true,
    description: 'The indicator version a MODIFY or RETIRE is about; null for ADMIT or when it is not visible to you.',
  })
  indicator(@Ctx() ctx: Context, @Parent() r: IndicatorChangeRequest) {
    return r.indicatorId ? indicatorReads.visibleIndicator(ctx, r.indicatorId) : null;
  }

  @FieldResolver(() => Indicator, {
    nullable: true,
    description: 'The indicator version the approval published; null when there is none or it is not visible to you.',
  })
  resultIndicator(@Ctx() ctx: Context, @Parent() r: IndicatorChangeRequest) {
    return r.resultIndicatorId ? indicatorReads.visibleIndicator(ctx, r.resultIndicatorId) : null;
  }

  @FieldResolver(() => Indicator, {
    nullable: true,
    description:
      'For a rejection as a duplicate (重复指标): the existing indicator; null when it is not visible to you.',
  })
  duplicateOf(@Ctx() ctx: Context, @Parent() r: IndicatorChangeRequest) {
    return r.duplicateOfId ? indicatorReads.visibleIndicator(ctx, r.duplicateOfId) : null;
  }

  @FieldResolver(() => [IndicatorChangeApproval], { description: 'The recorded decisions (审核记录), in order.' })
  approvals(@Ctx() ctx: Context, @Parent() r: IndicatorChangeRequest) {
    return admissionReads.approvals(ctx, r.id);
  }
}

@Resolver(() => IndicatorProposal)
export class IndicatorProposalResolver {
  @FieldResolver(() => IndicatorCategory, { nullable: true, description: 'The proposed category.' })
  category(@Ctx() ctx: Context, @Parent() p: IndicatorProposal) {
    return p.categoryId ? indicatorReads.category(ctx, p.categoryId) : null;
  }

  @FieldResolver(() => IndicatorFrameworkNode, { nullable: true, description: 'The proposed level-1 dimension.' })
  level1(@Ctx() ctx: Context, @Parent() p: IndicatorProposal) {
    return p.level1NodeId ? indicatorReads.frameworkNode(ctx, p.level1NodeId) : null;
  }

  @FieldResolver(() => IndicatorFrameworkNode, { nullable: true, description: 'The proposed level-2 dimension.' })
  level2(@Ctx() ctx: Context, @Parent() p: IndicatorProposal) {
    return p.level2NodeId ? indicatorReads.frameworkNode(ctx, p.level2NodeId) : null;
  }
}

@Resolver(() => Indicator)
export class IndicatorChangeRequestsOfIndicatorResolver {
  @FieldResolver(() => [IndicatorChangeRequest], {
    description:
      'The change requests visible to you that concern this version: about it (MODIFY, RETIRE) or whose approval published it, oldest first.',
  })
  changeRequests(@Ctx() ctx: Context, @Parent() i: Indicator) {
    return admissionReads.ofIndicator(ctx, i.id);
  }
}
