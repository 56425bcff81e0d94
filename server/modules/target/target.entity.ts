import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { DepartmentEntity, FiscalDivisionEntity } from '../fiscal/fiscal.entity';
import { IndicatorEntity, IndicatorFrameworkEntity } from '../indicator/indicator.entity';
import { Comparator } from '../indicator/indicator.enums';
import { ProjectEntity } from '../project/project.entity';
import { Grade, TargetKind, TargetPeriod, TargetStatus } from './target.enums';

/**
 * A performance target (绩效目标) for one fiscal year: of a project, of a whole department (部门整体), or a
 * district's share of a special transfer payment.
 */
@Entity({ tableName: 'performance_target' })
@Unique({
  name: 'performance_target_project_year_unique',
  expression:
    'create unique index "performance_target_project_year_unique" on "performance_target" ("project_id", "fiscal_year") where "kind" = \'PROJECT\'',
})
@Unique({
  name: 'performance_target_department_year_unique',
  expression:
    'create unique index "performance_target_department_year_unique" on "performance_target" ("department_id", "fiscal_year") where "kind" = \'DEPARTMENT\'',
})
@Unique({
  name: 'performance_target_parent_region_unique',
  expression:
    'create unique index "performance_target_parent_region_unique" on "performance_target" ("parent_id", "region_code") where "kind" = \'TRANSFER_REGIONAL\'',
})
export class PerformanceTargetEntity {
  [OptionalProps]?:
    | 'overallGoal'
    | 'annualGoal'
    | 'status'
    | 'reviewRound'
    | 'submitToCongress'
    | 'createdAt'
    | 'updatedAt'
    | 'version';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => FiscalDivisionEntity, { fieldName: 'fiscal_division_code', index: true })
  fiscalDivision!: Rel<FiscalDivisionEntity>;

  @Enum({ items: () => TargetKind })
  @Index()
  kind!: TargetKind;

  @Property({ type: 'smallint' })
  @Index()
  fiscalYear!: number;

  @ManyToOne(() => ProjectEntity, { nullable: true, index: true })
  project?: Rel<ProjectEntity>;

  @ManyToOne(() => DepartmentEntity, { index: true })
  department!: Rel<DepartmentEntity>;

  /** For a regional share: the city-level transfer target it was split from. */
  @ManyToOne(() => PerformanceTargetEntity, { nullable: true, index: true })
  parent?: Rel<PerformanceTargetEntity>;

  /** For a regional share: the district or county that receives it. */
  @ManyToOne(() => FiscalDivisionEntity, { nullable: true, fieldName: 'region_code', index: true })
  region?: Rel<FiscalDivisionEntity>;

  @ManyToOne(() => IndicatorFrameworkEntity, { index: true })
  framework!: Rel<IndicatorFrameworkEntity>;

  /** 总体目标 (for a department target: 中长期战略目标). */
  @Property({ type: 'text', default: '' })
  overallGoal: string = '';

  /** 年度目标 (for a department target: 年度履职目标). */
  @Property({ type: 'text', default: '' })
  annualGoal: string = '';

  @Property({ type: 'decimal', precision: 18, scale: 2 })
  funds!: string;

  @Property({ type: 'text', nullable: true })
  measures?: string;

  @Enum({ items: () => TargetStatus })
  @Index()
  status: TargetStatus = TargetStatus.DRAFT;

  @Enum({ items: () => Grade, nullable: true })
  @Index()
  grade?: Grade;

  @Property({ type: 'smallint', default: 0 })
  reviewRound: number = 0;

  /** 优 with ex-ante support: goes to the People's Congress with the draft budget. */
  @Property({ default: false })
  submitToCongress: boolean = false;

  @Property({ type: 'timestamptz', nullable: true })
  submittedAt?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  approvedAt?: Date;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ version: true })
  version!: number;
}

/** One row of a target table (绩效指标表): a library indicator version with the value this target commits to. */
@Entity({ tableName: 'target_indicator' })
@Unique({ properties: ['target', 'indicator', 'period'] })
export class TargetIndicatorEntity {
  [OptionalProps]?: 'period' | 'sortOrder' | 'createdAt' | 'updatedAt';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => FiscalDivisionEntity, { fieldName: 'fiscal_division_code', index: true })
  fiscalDivision!: Rel<FiscalDivisionEntity>;

  @ManyToOne(() => PerformanceTargetEntity, { index: true, deleteRule: 'cascade' })
  target!: Rel<PerformanceTargetEntity>;

  @ManyToOne(() => IndicatorEntity, { index: true })
  indicator!: Rel<IndicatorEntity>;

  @Enum({ items: () => TargetPeriod })
  period: TargetPeriod = TargetPeriod.ANNUAL;

  @Enum({ items: () => Comparator })
  comparator!: Comparator;

  @Property({ length: 200 })
  targetValue!: string;

  /** The target value parsed as a number, for quantitative rows. */
  @Property({ type: 'decimal', precision: 20, scale: 4, nullable: true })
  numericValue?: string;

  @Property({ length: 20, nullable: true })
  unit?: string;

  @Property({ type: 'decimal', precision: 5, scale: 2, nullable: true })
  weight?: string;

  /** 指标值设定依据. */
  @Property({ type: 'text', nullable: true })
  valueBasis?: string;

  @Property({ type: 'text', nullable: true })
  note?: string;

  @Property({ type: 'smallint', default: 0 })
  sortOrder: number = 0;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
