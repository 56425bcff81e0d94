import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import {
  DepartmentEntity,
  FinanceDivisionEntity,
  FiscalDivisionEntity,
  FunctionClassEntity,
} from '../fiscal/fiscal.entity';
import { BudgetType } from '../fiscal/fiscal.enums';
import { BudgetDecision, ProjectAttribute, ProjectPhase } from './project.enums';

/** A project in the project library (项目库), in one of the four budgets. */
@Entity({ tableName: 'project' })
@Unique({ properties: ['fiscalDivision', 'code'] })
export class ProjectEntity {
  [OptionalProps]?:
    | 'termYears'
    | 'majorPolicy'
    | 'specialFund'
    | 'transferPayment'
    | 'phase'
    | 'createdAt'
    | 'updatedAt'
    | 'version';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => FiscalDivisionEntity, { fieldName: 'fiscal_division_code', index: true })
  fiscalDivision!: Rel<FiscalDivisionEntity>;

  @Property({ length: 40 })
  code!: string;

  @Property({ length: 200 })
  @Index({
    name: 'project_name_trgm',
    expression: 'create index "project_name_trgm" on "project" using gin ("name" gin_trgm_ops)',
  })
  name!: string;

  @ManyToOne(() => DepartmentEntity, { index: true })
  department!: Rel<DepartmentEntity>;

  @ManyToOne(() => FinanceDivisionEntity, { nullable: true, index: true })
  managingDivision?: Rel<FinanceDivisionEntity>;

  /** 项目类别, e.g. 特定目标类 / 其他运转类. */
  @Property({ length: 50, nullable: true })
  category?: string;

  @Enum({ items: () => ProjectAttribute })
  attribute!: ProjectAttribute;

  @Property({ type: 'smallint' })
  @Index()
  startYear!: number;

  @Property({ type: 'smallint', default: 1 })
  termYears: number = 1;

  @ManyToOne(() => FunctionClassEntity, { nullable: true, fieldName: 'function_class_code', index: true })
  functionClass?: Rel<FunctionClassEntity>;

  @Enum({ items: () => BudgetType })
  @Index()
  budgetType!: BudgetType;

  @Property({ default: false })
  majorPolicy: boolean = false;

  @Property({ default: false })
  specialFund: boolean = false;

  @Property({ default: false })
  transferPayment: boolean = false;

  @Enum({ items: () => ProjectPhase })
  @Index()
  phase: ProjectPhase = ProjectPhase.CANDIDATE;

  /** For second-level items of a policy: the policy project. */
  @ManyToOne(() => ProjectEntity, { nullable: true, index: true })
  parent?: Rel<ProjectEntity>;

  @Property({ type: 'text', nullable: true })
  description?: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ version: true })
  version!: number;
}

/** A project's money for one fiscal year: requested 申报数, finance-audited 财政审核数, approved 批复数. */
@Entity({ tableName: 'project_budget' })
@Unique({ properties: ['project', 'fiscalYear'] })
export class ProjectBudgetEntity {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'version';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => FiscalDivisionEntity, { fieldName: 'fiscal_division_code', index: true })
  fiscalDivision!: Rel<FiscalDivisionEntity>;

  @ManyToOne(() => ProjectEntity, { index: true })
  project!: Rel<ProjectEntity>;

  @Property({ type: 'smallint' })
  @Index()
  fiscalYear!: number;

  @Property({ type: 'decimal', precision: 18, scale: 2 })
  requested!: string;

  @Property({ type: 'decimal', precision: 18, scale: 2, nullable: true })
  audited?: string;

  @Property({ type: 'decimal', precision: 18, scale: 2, nullable: true })
  approved?: string;

  @Enum({ items: () => BudgetDecision, nullable: true })
  @Index()
  decision?: BudgetDecision;

  @Property({ type: 'text', nullable: true })
  decisionReason?: string;

  /** For a MERGED decision: the project the money went into. */
  @ManyToOne(() => ProjectEntity, { nullable: true, index: true })
  mergedInto?: Rel<ProjectEntity>;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ version: true })
  version!: number;
}
