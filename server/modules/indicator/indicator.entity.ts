import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { DepartmentEntity, FiscalDivisionEntity } from '../fiscal/fiscal.entity';
import { Comparator, FrameworkKind, IndicatorScope, IndicatorStatus, ValueType, Visibility } from './indicator.enums';

/** An indicator framework (指标体系): the tree of level-1 / level-2 dimensions (产出, 效益, 满意度, 成本 ...). */
@Entity({ tableName: 'indicator_framework' })
export class IndicatorFrameworkEntity {
  [OptionalProps]?: 'isDefault';

  @PrimaryKey()
  id!: number;

  @Property({ length: 30, unique: true })
  code!: string;

  @Property({ length: 100 })
  name!: string;

  @Enum({ items: () => FrameworkKind })
  kind!: FrameworkKind;

  /** The first fiscal year this framework applies to (null: no lower bound). */
  @Property({ type: 'smallint', nullable: true })
  fromYear?: number;

  @Property({ default: false })
  isDefault: boolean = false;

  @Property({ type: 'text', nullable: true })
  description?: string;
}

/** One dimension of a framework: level 1 (产出) or level 2 (数量). */
@Entity({ tableName: 'indicator_framework_node' })
@Unique({ properties: ['framework', 'code'] })
export class IndicatorFrameworkNodeEntity {
  [OptionalProps]?: 'sortOrder';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => IndicatorFrameworkEntity, { index: true })
  framework!: Rel<IndicatorFrameworkEntity>;

  @ManyToOne(() => IndicatorFrameworkNodeEntity, { nullable: true, index: true })
  parent?: Rel<IndicatorFrameworkNodeEntity>;

  @Property({ type: 'smallint' })
  level!: number;

  @Property({ length: 20 })
  code!: string;

  @Property({ length: 50 })
  name!: string;

  @Property({ type: 'smallint', default: 0 })
  sortOrder: number = 0;
}

/** A category of the indicator library (指标分类), a tree per scope. */
@Entity({ tableName: 'indicator_category' })
@Unique({ properties: ['fiscalDivision', 'scope', 'code'] })
export class IndicatorCategoryEntity {
  [OptionalProps]?: 'sortOrder';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => FiscalDivisionEntity, { fieldName: 'fiscal_division_code', index: true })
  fiscalDivision!: Rel<FiscalDivisionEntity>;

  @Enum({ items: () => IndicatorScope })
  @Index()
  scope!: IndicatorScope;

  @Property({ length: 20 })
  code!: string;

  @Property({ length: 100 })
  name!: string;

  @ManyToOne(() => IndicatorCategoryEntity, { nullable: true, index: true })
  parent?: Rel<IndicatorCategoryEntity>;

  /** The pilot department of an INDUSTRY category, or the owner of a DEPARTMENT category. */
  @ManyToOne(() => DepartmentEntity, { nullable: true, index: true })
  ownerDepartment?: Rel<DepartmentEntity>;

  @Property({ type: 'smallint', default: 0 })
  sortOrder: number = 0;
}

/**
 * A library indicator (绩效指标), one row per version. A published version never changes: a modification publishes
 * a new version that supersedes it, and target rows keep pointing at the version they used.
 */
@Entity({ tableName: 'indicator' })
@Unique({ properties: ['fiscalDivision', 'code', 'versionNo'] })
export class IndicatorEntity {
  [OptionalProps]?: 'versionNo' | 'visibility' | 'status' | 'enabled' | 'createdAt' | 'updatedAt';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => FiscalDivisionEntity, { fieldName: 'fiscal_division_code', index: true })
  fiscalDivision!: Rel<FiscalDivisionEntity>;

  @Property({ length: 30 })
  @Index({
    name: 'indicator_code_trgm',
    expression: 'create index "indicator_code_trgm" on "indicator" using gin ("code" gin_trgm_ops)',
  })
  code!: string;

  @Property({ type: 'smallint', default: 1 })
  versionNo: number = 1;

  @Property({ length: 100 })
  @Index({
    name: 'indicator_name_trgm',
    expression: 'create index "indicator_name_trgm" on "indicator" using gin ("name" gin_trgm_ops)',
  })
  name!: string;

  @Enum({ items: () => IndicatorScope })
  @Index()
  scope!: IndicatorScope;

  @ManyToOne(() => IndicatorCategoryEntity, { index: true })
  category!: Rel<IndicatorCategoryEntity>;

  @ManyToOne(() => IndicatorFrameworkNodeEntity, { index: true })
  level1Node!: Rel<IndicatorFrameworkNodeEntity>;

  @ManyToOne(() => IndicatorFrameworkNodeEntity, { nullable: true, index: true })
  level2Node?: Rel<IndicatorFrameworkNodeEntity>;

  @Property({ type: 'text', nullable: true })
  explanation?: string;

  @Property({ type: 'text', nullable: true })
  calculationMethod?: string;

  @Property({ type: 'text', nullable: true })
  scoringRule?: string;

  @Enum({ items: () => Comparator })
  defaultComparator!: Comparator;

  @Property({ length: 20, nullable: true })
  defaultUnit?: string;

  @Enum({ items: () => ValueType })
  valueType!: ValueType;

  @Property({ length: 100, nullable: true })
  referenceValue?: string;

  @Property({ length: 200, nullable: true })
  dataSource?: string;

  @Enum({ items: () => Visibility })
  visibility: Visibility = Visibility.PUBLIC;

  @ManyToOne(() => DepartmentEntity, { nullable: true, index: true })
  ownerDepartment?: Rel<DepartmentEntity>;

  @Property({ type: 'date', nullable: true })
  validFrom?: string;

  @Property({ type: 'date', nullable: true })
  validTo?: string;

  @Enum({ items: () => IndicatorStatus })
  @Index()
  status: IndicatorStatus = IndicatorStatus.DRAFT;

  @Property({ default: true })
  enabled: boolean = true;

  @ManyToOne(() => IndicatorEntity, { nullable: true, index: true })
  supersedes?: Rel<IndicatorEntity>;

  @Property({ type: 'timestamptz', nullable: true })
  publishedAt?: Date;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
