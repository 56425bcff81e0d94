import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../shared/context';
import { Permission } from '../identity/identity.permissions';
import { dashboardReads } from './dashboard.reads';
import {
  AdmissionAggregate,
  AdmissionAggregateFilter,
  AdmissionDimension,
  CoverageAggregate,
  CoverageDimension,
  CoverageFilter,
  ExAnteAggregate,
  ExAnteAggregateFilter,
  ExAnteDimension,
  FundsAggregate,
  FundsDimension,
  FundsFilter,
  LibraryAggregate,
  LibraryAggregateFilter,
  LibraryDimension,
  ReviewAggregate,
  ReviewAggregateFilter,
  ReviewDimension,
  TargetAggregate,
  TargetAggregateFilter,
  TargetDimension,
} from './dashboard.types';

const groupBy = { defaultValue: [], description: 'The dimensions to group by (none: only the total).' };
const ROW_RULES =
  ' Figures cover your fiscal division and the divisions under it; department roles get their departments’ only.';

@Resolver()
export class DashboardResolver {
  @Authorized(Permission.ReadAggregates)
  @Query(() => FundsAggregate, {
    description: `The funds funnel (资金): requested → audited → approved and the cut, grouped as asked; group by DECISION for the decision mix. Read from a rollup kept current in every write's transaction.${ROW_RULES}`,
  })
  fundsAggregate(
    @Ctx() ctx: Context,
    @Arg('groupBy', () => [FundsDimension], groupBy) dims: FundsDimension[],
    @Arg('filter', () => FundsFilter, { nullable: true }) filter?: FundsFilter,
  ) {
    return dashboardReads.funds(ctx, dims, filter ?? {});
  }

  @Authorized(Permission.ReadAggregates)
  @Query(() => CoverageAggregate, {
    description: `Target coverage (目标覆盖): project budgets that carry a performance target of their year.${ROW_RULES}`,
  })
  coverageAggregate(
    @Ctx() ctx: Context,
    @Arg('groupBy', () => [CoverageDimension], groupBy) dims: CoverageDimension[],
    @Arg('filter', () => CoverageFilter, { nullable: true }) filter?: CoverageFilter,
  ) {
    return dashboardReads.coverage(ctx, dims, filter ?? {});
  }

  @Authorized(Permission.ReadAggregates)
  @Query(() => TargetAggregate, {
    description: `Performance targets: grade distribution (优/良/中/差), first-pass rate, review rounds, outcomes.${ROW_RULES}`,
  })
  targetAggregate(
    @Ctx() ctx: Context,
    @Arg('groupBy', () => [TargetDimension], groupBy) dims: TargetDimension[],
    @Arg('filter', () => TargetAggregateFilter, { nullable: true }) filter?: TargetAggregateFilter,
  ) {
    return dashboardReads.targets(ctx, dims, filter ?? {});
  }

  @Authorized(Permission.ReadAggregates)
  @Query(() => ReviewAggregate, {
    description: `Reviews: decisions per stage and the days each stage took.${ROW_RULES}`,
  })
  reviewAggregate(
    @Ctx() ctx: Context,
    @Arg('groupBy', () => [ReviewDimension], groupBy) dims: ReviewDimension[],
    @Arg('filter', () => ReviewAggregateFilter, { nullable: true }) filter?: ReviewAggregateFilter,
  ) {
    return dashboardReads.reviews(ctx, dims, filter ?? {});
  }

  @Authorized(Permission.ReadAggregates)
  @Query(() => ExAnteAggregate, {
    description: `Ex-ante assessments (事前绩效评估): the conclusion mix and scores.${ROW_RULES}`,
  })
  exAnteAggregate(
    @Ctx() ctx: Context,
    @Arg('groupBy', () => [ExAnteDimension], groupBy) dims: ExAnteDimension[],
    @Arg('filter', () => ExAnteAggregateFilter, { nullable: true }) filter?: ExAnteAggregateFilter,
  ) {
    return dashboardReads.exAnte(ctx, dims, filter ?? {});
  }

  @Authorized(Permission.ReadAggregates)
  @Query(() => LibraryAggregate, {
    description:
      'The indicator library (指标库): counts by scope and category, usage per indicator (group by INDICATOR), ' +
      'never-used indicators and the quantified share of the target rows using them.',
  })
  libraryAggregate(
    @Ctx() ctx: Context,
    @Arg('groupBy', () => [LibraryDimension], groupBy) dims: LibraryDimension[],
    @Arg('filter', () => LibraryAggregateFilter, { nullable: true }) filter?: LibraryAggregateFilter,
  ) {
    return dashboardReads.library(ctx, dims, filter ?? {});
  }

  @Authorized(Permission.ReadAggregates)
  @Query(() => AdmissionAggregate, {
    description: `The admission queue (入库审核): requests by status and type, time to decision, the oldest waiting.${ROW_RULES}`,
  })
  admissionAggregate(
    @Ctx() ctx: Context,
    @Arg('groupBy', () => [AdmissionDimension], groupBy) dims: AdmissionDimension[],
    @Arg('filter', () => AdmissionAggregateFilter, { nullable: true }) filter?: AdmissionAggregateFilter,
  ) {
    return dashboardReads.admission(ctx, dims, filter ?? {});
  }
}
