/** Ex-ante module: ex-ante performance assessments (事前绩效评估) of projects, and their scoring. */

export { defaultExAnteConfig, type ExAnteConfig, type ExAnteThresholds, exAnteConfigFrom } from './exante.config';
export * from './exante.entity';
export * from './exante.enums';
export { exAnteAssessmentTable, exanteReads } from './exante.reads';
export { ExAnteAssessmentResolver, ProjectExAnteResolver } from './exante.resolver';
export { assertMayAssessStage, EX_ANTE_STAGE_ROLES, mayAssessStage } from './exante.rules';
export {
  conclusionFor,
  EX_ANTE_DIMENSIONS,
  type ExAnteDimension,
  type ExAnteScores,
  parseScore,
  totalScore,
} from './exante.scoring';
export { exanteService } from './exante.service';
export { EX_ANTE_STAGE_AUTHORITY, type ExAnteStatus, exAnteStatus, needsExAnte } from './exante.status';
export * from './exante.types';

import { ExAnteAssessmentResolver, ProjectExAnteResolver } from './exante.resolver';

export const exanteResolvers = [ExAnteAssessmentResolver, ProjectExAnteResolver] as const;
