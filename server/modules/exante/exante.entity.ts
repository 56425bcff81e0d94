import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { FiscalDivisionEntity } from '../fiscal/fiscal.entity';
import { ProjectEntity } from '../project/project.entity';
import { ExAnteConclusion, ExAnteStage } from './exante.enums';

/**
 * An ex-ante performance assessment (事前绩效评估) of a new major policy or special fund: five dimensions scored
 * 0–20, summed into a conclusion by configurable thresholds.
 */
@Entity({ tableName: 'ex_ante_assessment' })
@Unique({ properties: ['project', 'fiscalYear', 'stage'] })
export class ExAnteAssessmentEntity {
  [OptionalProps]?: 'assessedAt' | 'createdAt' | 'updatedAt';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => FiscalDivisionEntity, { fieldName: 'fiscal_division_code', index: true })
  fiscalDivision!: Rel<FiscalDivisionEntity>;

  @ManyToOne(() => ProjectEntity, { index: true })
  project!: Rel<ProjectEntity>;

  @Property({ type: 'smallint' })
  @Index()
  fiscalYear!: number;

  @Enum({ items: () => ExAnteStage })
  stage!: ExAnteStage;

  @Property({ length: 100, nullable: true })
  assessor?: string;

  @Property({ type: 'decimal', precision: 5, scale: 2 })
  necessityScore!: string;

  @Property({ type: 'decimal', precision: 5, scale: 2 })
  economyScore!: string;

  @Property({ type: 'decimal', precision: 5, scale: 2 })
  targetReasonablenessScore!: string;

  @Property({ type: 'decimal', precision: 5, scale: 2 })
  feasibilityScore!: string;

  @Property({ type: 'decimal', precision: 5, scale: 2 })
  fundingComplianceScore!: string;

  @Property({ type: 'decimal', precision: 5, scale: 2 })
  totalScore!: string;

  @Enum({ items: () => ExAnteConclusion })
  @Index()
  conclusion!: ExAnteConclusion;

  @Property({ type: 'text', nullable: true })
  summary?: string;

  @Property({ type: 'timestamptz' })
  assessedAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
