import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../shared/context';
import { DomainError } from '../../shared/errors';
import { fresh } from '../../shared/loaders';
import { fromFen, toFen } from '../../shared/money';
import { assertDepartmentInScope } from '../../shared/scope';
import { loadOr404, toId } from '../../shared/writes';
import { auditUnderProject, ProjectEntity, visibleProjectReference } from '../project';
import { defaultExAnteConfig } from './exante.config';
import { ExAnteAssessmentEntity } from './exante.entity';
import type { ExAnteStage } from './exante.enums';
import type { CreateExAnteAssessmentInput, UpdateExAnteAssessmentInput } from './exante.inputs';
import { exAnteAssessmentTable } from './exante.reads';
import { assertMayAssessStage } from './exante.rules';
import { conclusionFor, type ExAnteScores, totalScore } from './exante.scoring';
import type { ExAnteAssessment } from './exante.types';

/** A score as an exact two-decimal string, so "18" and "18.00" compare equal. */
const decimal = (v: string): string => fromFen(toFen(v));

/** An assessment's scalar fields for the audit trail (scores as exact strings, references as ids). */
function assessmentFields(a: ExAnteAssessmentEntity): Record<string, unknown> {
  return {
    projectId: a.project.id,
    fiscalYear: a.fiscalYear,
    stage: a.stage,
    assessor: a.assessor ?? null,
    necessityScore: decimal(a.necessityScore),
    economyScore: decimal(a.economyScore),
    targetReasonablenessScore: decimal(a.targetReasonablenessScore),
    feasibilityScore: decimal(a.feasibilityScore),
    fundingComplianceScore: decimal(a.fundingComplianceScore),
    totalScore: decimal(a.totalScore),
    conclusion: a.conclusion,
    summary: a.summary ?? null,
    assessedAt: a.assessedAt,
  };
}

async function assertFree(
  em: EntityManager,
  project: ProjectEntity,
  fiscalYear: number,
  stage: ExAnteStage,
  self?: number,
): Promise<void> {
  const taken = await em.count(ExAnteAssessmentEntity, {
    project,
    fiscalYear,
    stage,
    ...(self === undefined ? {} : { id: { $ne: self } }),
  });
  if (taken > 0) {
    throw new DomainError(
      'DUPLICATE',
      `Project ${project.code} already has a ${stage} ex-ante assessment for ${fiscalYear}; edit that one instead.`,
      { field: 'stage' },
    );
  }
}

/** The five scores with their exact total and the conclusion it earns under the configured thresholds. */
function scored(ctx: Context, scores: ExAnteScores) {
  const total = totalScore(scores);
  const thresholds = (ctx.exAnte ?? defaultExAnteConfig).thresholds;
  return { ...scores, totalScore: total, conclusion: conclusionFor(total, thresholds) };
}

/**
 * An assessment for a write, with its project: NOT_FOUND when it does not exist or its project's department is outside
 * the caller's scope; FORBIDDEN when the caller's role does not record assessments of its stage.
 */
async function assessmentForWrite(
  ctx: Context,
  em: EntityManager,
  id: string,
): Promise<{ assessment: ExAnteAssessmentEntity; project: ProjectEntity }> {
  const assessment = await loadOr404(em, ExAnteAssessmentEntity, 'ExAnteAssessment', id);
  const project = await em.findOneOrFail(ProjectEntity, assessment.project.id);
  await assertDepartmentInScope(ctx, em, project.department.id, { type: 'ExAnteAssessment', id });
  assertMayAssessStage(ctx.viewer, assessment.stage);
  return { assessment, project };
}

/**
 * Ex-ante performance assessments (事前绩效评估): required for every new major policy and special fund before it is
 * budgeted (any project may have one). Five dimensions scored 0–20; the total and the conclusion are computed here,
 * exactly, never taken from the caller. One assessment per project, fiscal year and stage. The department records its
 * self-assessment, the bureau (expenditure division, evaluation center) the finance audit and third-party stages; each
 * only on projects in its scope (see exante.rules.ts).
 */
export const exanteService = {
  async createExAnteAssessment(ctx: Context, input: CreateExAnteAssessmentInput): Promise<ExAnteAssessment> {
    assertMayAssessStage(ctx.viewer, input.stage);
    const id = await ctx.em.transactional(async (em) => {
      const project = await visibleProjectReference(ctx, em, 'projectId', input.projectId);
      const scores = scored(ctx, {
        necessityScore: input.necessityScore,
        economyScore: input.economyScore,
        targetReasonablenessScore: input.targetReasonablenessScore,
        feasibilityScore: input.feasibilityScore,
        fundingComplianceScore: input.fundingComplianceScore,
      });
      await assertFree(em, project, input.fiscalYear, input.stage);
      const assessment = em.create(ExAnteAssessmentEntity, {
        fiscalDivision: project.fiscalDivision,
        project,
        fiscalYear: input.fiscalYear,
        stage: input.stage,
        assessor: input.assessor ?? undefined,
        summary: input.summary ?? undefined,
        ...scores,
        ...(input.assessedAt ? { assessedAt: input.assessedAt } : {}),
      });
      await em.flush();
      auditUnderProject(
        ctx,
        em,
        project,
        { type: 'ExAnteAssessment', id: assessment.id },
        'create',
        null,
        assessmentFields(assessment),
      );
      return assessment.id;
    });
    return fresh(ctx, exAnteAssessmentTable, 'id', id);
  },

  async updateExAnteAssessment(
    ctx: Context,
    id: string,
    input: UpdateExAnteAssessmentInput,
  ): Promise<ExAnteAssessment> {
    if (input.stage) assertMayAssessStage(ctx.viewer, input.stage);
    await ctx.em.transactional(async (em) => {
      const { assessment: a, project } = await assessmentForWrite(ctx, em, id);
      const before = assessmentFields(a);
      const scores = scored(ctx, {
        necessityScore: input.necessityScore ?? a.necessityScore,
        economyScore: input.economyScore ?? a.economyScore,
        targetReasonablenessScore: input.targetReasonablenessScore ?? a.targetReasonablenessScore,
        feasibilityScore: input.feasibilityScore ?? a.feasibilityScore,
        fundingComplianceScore: input.fundingComplianceScore ?? a.fundingComplianceScore,
      });
      const fiscalYear = input.fiscalYear ?? a.fiscalYear;
      const stage = input.stage ?? a.stage;
      if (fiscalYear !== a.fiscalYear || stage !== a.stage) {
        await assertFree(em, project, fiscalYear, stage, a.id);
      }
      Object.assign(a, scores, { fiscalYear, stage });
      // Nullable text is cleared with null (the entity types it as optional).
      if (input.assessor !== undefined) Object.assign(a, { assessor: input.assessor });
      if (input.summary !== undefined) Object.assign(a, { summary: input.summary });
      if (input.assessedAt) a.assessedAt = input.assessedAt;
      auditUnderProject(
        ctx,
        em,
        project,
        { type: 'ExAnteAssessment', id: a.id },
        'update',
        before,
        assessmentFields(a),
      );
    });
    return fresh(ctx, exAnteAssessmentTable, 'id', toId(id));
  },

  async deleteExAnteAssessment(ctx: Context, id: string): Promise<boolean> {
    await ctx.em.transactional(async (em) => {
      const { assessment, project } = await assessmentForWrite(ctx, em, id);
      auditUnderProject(
        ctx,
        em,
        project,
        { type: 'ExAnteAssessment', id: assessment.id },
        'delete',
        assessmentFields(assessment),
        null,
      );
      em.remove(assessment);
    });
    return true;
  },
};
