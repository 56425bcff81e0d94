import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The funds rollup (资金汇总), maintained by database triggers on project_budget and project (see the dashboard
 * migration); never written by the application. Declared here so the schema check knows the table.
 */
@Entity({ tableName: 'budget_rollup' })
export class BudgetRollupEntity {
  @PrimaryKey({ length: 9 })
  fiscalDivisionCode!: string;

  @PrimaryKey({ type: 'smallint' })
  fiscalYear!: number;

  @PrimaryKey({ type: 'int' })
  departmentId!: number;

  @PrimaryKey({ type: 'text' })
  budgetType!: string;

  /** '' while undecided. */
  @PrimaryKey({ type: 'text' })
  decision!: string;

  @Property({ type: 'int', default: 0 })
  budgets!: number;

  @Property({ type: 'decimal', precision: 20, scale: 2, default: 0 })
  requested!: string;

  @Property({ type: 'int', default: 0 })
  auditedBudgets!: number;

  @Property({ type: 'decimal', precision: 20, scale: 2, default: 0 })
  audited!: string;

  @Property({ type: 'int', default: 0 })
  decidedBudgets!: number;

  @Property({ type: 'decimal', precision: 20, scale: 2, default: 0 })
  decidedRequested!: string;

  @Property({ type: 'decimal', precision: 20, scale: 2, default: 0 })
  approved!: string;
}

/**
 * The data generation (数据版本): one row, bumped at commit by triggers on every table the aggregates read (see the
 * generation migration); never written by the application. Declared here so the schema check knows the table.
 */
@Entity({ tableName: 'data_generation' })
export class DataGenerationEntity {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id!: number;

  @Property({ type: 'bigint' })
  generation!: string;
}
