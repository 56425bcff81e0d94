import type { EntityManager } from '@mikro-orm/postgresql';
import { ProjectEntity } from '../project/project.entity';
import { ProjectAttribute } from '../project/project.enums';
import { ExAnteAssessmentEntity } from './exante.entity';
import { type ExAnteConclusion, ExAnteStage } from './exante.enums';

/** Which stage's conclusion counts when several are present: the finance / third-party assessment, then the finance audit, then the self-assessment. */
export const EX_ANTE_STAGE_AUTHORITY: readonly ExAnteStage[] = [
  ExAnteStage.THIRD_PARTY,
  ExAnteStage.FINANCE_AUDIT,
  ExAnteStage.SELF,
];

export interface ExAnteStatus {
  /** Whether the project needs an ex-ante assessment: a NEW project that is a major policy or a special fund. */
  needed: boolean;
  /** The conclusion of the most authoritative stage present for that year; null when there is no assessment. */
  conclusion: `${ExAnteConclusion}` | null;
}

/** Whether a project needs an ex-ante assessment (事前绩效评估): new major policies and special funds. Pure. */
export function needsExAnte(p: Pick<ProjectEntity, 'attribute' | 'majorPolicy' | 'specialFund'>): boolean {
  return p.attribute === ProjectAttribute.NEW && (p.majorPolicy || p.specialFund);
}

/**
 * A project's ex-ante standing for one fiscal year, read through the caller's unit of work (no scope check: the caller
 * has already loaded the project or target it asks about). Used by the target grading and the budget decision.
 */
export async function exAnteStatus(em: EntityManager, projectId: number, fiscalYear: number): Promise<ExAnteStatus> {
  const project = await em.findOneOrFail(ProjectEntity, projectId);
  const assessments = await em.find(ExAnteAssessmentEntity, { project: projectId, fiscalYear });
  let conclusion: ExAnteConclusion | null = null;
  for (const stage of EX_ANTE_STAGE_AUTHORITY) {
    const found = assessments.find((a) => a.stage === stage);
    if (found) {
      conclusion = found.conclusion;
      break;
    }
  }
  return { needed: needsExAnte(project), conclusion };
}
