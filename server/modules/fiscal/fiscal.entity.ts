import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { DepartmentKind, FinanceDivisionKind, FiscalDivisionLevel } from './fiscal.enums';

/** A fiscal division (财政区划, MOF_DIV_CODE): the tenant every business row belongs to. */
@Entity({ tableName: 'fiscal_division' })
export class FiscalDivisionEntity {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ length: 9 })
  code!: string;

  @Property({ length: 100 })
  name!: string;

  @Enum({ items: () => FiscalDivisionLevel })
  level!: FiscalDivisionLevel;

  @ManyToOne(() => FiscalDivisionEntity, { nullable: true, fieldName: 'parent_code', index: true })
  parent?: Rel<FiscalDivisionEntity>;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** An internal division of the finance bureau (财政局内设处室): expenditure, budget, performance, evaluation center. */
@Entity({ tableName: 'finance_division' })
@Unique({ properties: ['fiscalDivision', 'code'] })
export class FinanceDivisionEntity {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => FiscalDivisionEntity, { fieldName: 'fiscal_division_code', index: true })
  fiscalDivision!: Rel<FiscalDivisionEntity>;

  @Property({ length: 30 })
  code!: string;

  @Property({ length: 100 })
  name!: string;

  @Enum({ items: () => FinanceDivisionKind })
  @Index()
  kind!: FinanceDivisionKind;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** A budget department or unit (预算部门 / 预算单位); first-level units have child agencies. */
@Entity({ tableName: 'department' })
@Unique({ properties: ['fiscalDivision', 'code'] })
export class DepartmentEntity {
  [OptionalProps]?: 'industryPilot' | 'createdAt' | 'updatedAt';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => FiscalDivisionEntity, { fieldName: 'fiscal_division_code', index: true })
  fiscalDivision!: Rel<FiscalDivisionEntity>;

  @Property({ length: 30 })
  code!: string;

  @Property({ length: 100 })
  @Index({
    name: 'department_name_trgm',
    expression: 'create index "department_name_trgm" on "department" using gin ("name" gin_trgm_ops)',
  })
  name!: string;

  @Enum({ items: () => DepartmentKind })
  kind!: DepartmentKind;

  @ManyToOne(() => DepartmentEntity, { nullable: true, index: true })
  parent?: Rel<DepartmentEntity>;

  /** The expenditure division that allocates this department's money and reviews its targets. */
  @ManyToOne(() => FinanceDivisionEntity, { nullable: true, index: true })
  managingDivision?: Rel<FinanceDivisionEntity>;

  @Property({ default: false })
  industryPilot: boolean = false;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** A function class of expenditure (支出功能分类), national reference codes such as 205 教育. */
@Entity({ tableName: 'function_class' })
export class FunctionClassEntity {
  @PrimaryKey({ length: 12 })
  code!: string;

  @Property({ length: 100 })
  name!: string;

  @ManyToOne(() => FunctionClassEntity, { nullable: true, fieldName: 'parent_code', index: true })
  parent?: Rel<FunctionClassEntity>;

  @Property({ type: 'smallint' })
  level!: number;
}
