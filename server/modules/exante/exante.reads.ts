import type { Context } from '../../shared/context';
import { listPage, orderBy, type Page } from '../../shared/list';
import { orNotFound, scope } from '../../shared/scope';
import { table, Where } from '../../shared/sql';
import { toId } from '../../shared/writes';
import type { ExAnteAssessmentListArgs } from './exante.inputs';
import type { ExAnteAssessment } from './exante.types';

export const exAnteAssessmentTable = table<ExAnteAssessment>('ex_ante_assessment', {
  id: 'id',
  fiscalDivisionCode: 'fiscal_division_code',
  projectId: 'project_id',
  fiscalYear: 'fiscal_year',
  stage: 'stage',
  assessor: 'assessor',
  necessityScore: 'necessity_score',
  economyScore: 'economy_score',
  targetReasonablenessScore: 'target_reasonableness_score',
  feasibilityScore: 'feasibility_score',
  fundingComplianceScore: 'funding_compliance_score',
  totalScore: 'total_score',
  conclusion: 'conclusion',
  summary: 'summary',
  assessedAt: 'assessed_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
});

/** Stages in the order they happen (self-assessment, finance audit, third party), not alphabetically. */
const STAGE_ORDER = "case t.stage when 'SELF' then 1 when 'FINANCE_AUDIT' then 2 else 3 end";

const optionalId = (id: string | undefined | null, label: string) =>
  id === undefined || id === null ? undefined : toId(id, label);

/**
 * Reads apply the caller's row scope (scope.exAnte: the projects the caller sees; not disclosed to the public) to
 * lists, lookups and relations alike.
 */
export const exanteReads = {
  exAnteAssessment(ctx: Context, id: string | number): Promise<ExAnteAssessment | undefined> {
    return ctx.loaders.one(exAnteAssessmentTable, 'id', scope.exAnte(ctx)).load(toId(id));
  },

  /** A single lookup: NOT_FOUND for an id that does not exist and for one the caller may not see alike. */
  exAnteAssessmentOr404(ctx: Context, id: string | number): Promise<ExAnteAssessment> {
    return orNotFound(exanteReads.exAnteAssessment(ctx, id), 'ExAnteAssessment', id);
  },

  exAnteAssessments(ctx: Context, args: ExAnteAssessmentListArgs): Promise<Page<ExAnteAssessment>> {
    const f = args.filter ?? {};
    const where = new Where()
      .add(scope.exAnte(ctx))
      .eq('t.fiscal_division_code', f.fiscalDivisionCode)
      .eq('t.project_id', optionalId(f.projectId, 'projectId'))
      .eq('t.fiscal_year', f.fiscalYear)
      .eq('t.stage', f.stage)
      .eq('t.conclusion', f.conclusion);
    const departmentId = optionalId(f.departmentId, 'departmentId');
    if (departmentId !== undefined) {
      where.add('t.project_id in (select p.id from project p where p.department_id = ?)', departmentId);
    }
    const order = orderBy(
      args.sort,
      { FISCAL_YEAR: 't.fiscal_year', TOTAL_SCORE: 't.total_score', ASSESSED_AT: 't.assessed_at' },
      `t.fiscal_year asc, ${STAGE_ORDER} asc`,
    );
    return listPage(ctx, exAnteAssessmentTable, where, order, args);
  },

  /** A project's assessments by year and stage; one statement for a whole page of projects. */
  assessmentsByProject(ctx: Context, projectId: number): Promise<ExAnteAssessment[]> {
    return ctx.loaders
      .many(exAnteAssessmentTable, 'project_id', `t.fiscal_year, ${STAGE_ORDER}, t.id`, scope.exAnte(ctx))
      .load(projectId);
  },
};
