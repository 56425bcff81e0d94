import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../shared/context';
import { Parent } from '../../shared/parent';
import { FiscalDivision, fiscalReads } from '../fiscal';
import { Permission } from '../identity';
import { Project, projectReads } from '../project';
import { CreateExAnteAssessmentInput, ExAnteAssessmentListArgs, UpdateExAnteAssessmentInput } from './exante.inputs';
import { exanteReads } from './exante.reads';
import { exanteService } from './exante.service';
import { ExAnteAssessment, ExAnteAssessmentList } from './exante.types';

@Resolver(() => ExAnteAssessment)
export class ExAnteAssessmentResolver {
  @Authorized(Permission.ReadProject)
  @Query(() => ExAnteAssessment, {
    description: 'One ex-ante assessment by id; NOT_FOUND when it does not exist or is outside your scope.',
  })
  exAnteAssessment(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the assessment.' }) id: string) {
    return exanteReads.exAnteAssessmentOr404(ctx, id);
  }

  @Authorized(Permission.ReadProject)
  @Query(() => ExAnteAssessmentList, {
    description: 'Ex-ante performance assessments (事前绩效评估) in your scope; not disclosed to anonymous callers.',
  })
  exAnteAssessments(@Ctx() ctx: Context, @Args() args: ExAnteAssessmentListArgs) {
    return exanteReads.exAnteAssessments(ctx, args);
  }

  @FieldResolver(() => FiscalDivision, { description: 'The fiscal division (财政区划) it belongs to.' })
  fiscalDivision(@Ctx() ctx: Context, @Parent() a: ExAnteAssessment) {
    return fiscalReads.fiscalDivision(ctx, a.fiscalDivisionCode);
  }

  @FieldResolver(() => Project, { description: 'The assessed project.' })
  project(@Ctx() ctx: Context, @Parent() a: ExAnteAssessment) {
    return projectReads.project(ctx, a.projectId);
  }

  @Authorized(Permission.AssessExAnte)
  @Mutation(() => ExAnteAssessment, {
    description:
      'Records an ex-ante assessment; the total and the conclusion are computed from the five scores. SELF by the department (own department), FINANCE_AUDIT and THIRD_PARTY by expenditure and evaluation reviewers.',
  })
  createExAnteAssessment(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The new assessment.' }) input: CreateExAnteAssessmentInput,
  ) {
    return exanteService.createExAnteAssessment(ctx, input);
  }

  @Authorized(Permission.AssessExAnte)
  @Mutation(() => ExAnteAssessment, { description: 'Changes an ex-ante assessment and recomputes its conclusion.' })
  updateExAnteAssessment(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the assessment.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateExAnteAssessmentInput,
  ) {
    return exanteService.updateExAnteAssessment(ctx, id, input);
  }

  @Authorized(Permission.AssessExAnte)
  @Mutation(() => Boolean, { description: 'Deletes an ex-ante assessment.' })
  deleteExAnteAssessment(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the assessment.' }) id: string,
  ) {
    return exanteService.deleteExAnteAssessment(ctx, id);
  }
}

@Resolver(() => Project)
export class ProjectExAnteResolver {
  @FieldResolver(() => [ExAnteAssessment], {
    description:
      'Ex-ante assessments (事前绩效评估) of the project by year and stage; required for new major policies and special funds. Empty for anonymous callers (not disclosed).',
  })
  exAnteAssessments(@Ctx() ctx: Context, @Parent() p: Project) {
    return exanteReads.assessmentsByProject(ctx, p.id);
  }
}
