import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../shared/context';
import { fresh } from '../../shared/loaders';
import { fromFen, toFen } from '../../shared/money';
import { assertDepartmentInScope } from '../../shared/scope';
import { rows } from '../../shared/sql';
import { applyPatch, assertUnreferenced, assertVersion, loadOr404, reference, toId } from '../../shared/writes';
import { auditService } from '../audit';
import { DepartmentEntity } from '../fiscal';
import { IndicatorEntity } from '../indicator';
import { PerformanceTargetEntity, TargetIndicatorEntity } from './target.entity';
import { TargetKind, TargetPeriod } from './target.enums';
import type {
  AddTargetIndicatorInput,
  CreatePerformanceTargetInput,
  UpdatePerformanceTargetInput,
  UpdateTargetIndicatorInput,
} from './target.inputs';
import { frameworkFor, lockedParent, ownerOf, referenceInScope, sharedFunds } from './target.ownership';
import { targetIndicatorTable, targetTable } from './target.reads';
import {
  checkEditable,
  checkFunds,
  checkIndicatorUsable,
  checkIndicatorVisible,
  checkParentCoversShares,
  checkSharesWithinParent,
  checkTargetValue,
  checkUnit,
  checkWeight,
  duplicateRow,
  numericValueOf,
} from './target.rules';
import type { PerformanceTarget, TargetIndicator } from './target.types';

/**
 * The audited fields of a target as stored (money and decimals as the database's text), read in the change's
 * transaction. The workflow state (status, grade, round) is left to the workflow steps, which record it themselves.
 */
async function targetSnapshot(em: EntityManager, id: number): Promise<Record<string, unknown> | null> {
  const [r] = await rows<Record<string, unknown>>(
    { em },
    `select kind, fiscal_year as "fiscalYear", project_id as "projectId", department_id as "departmentId",
            parent_id as "parentId", region_code as "regionCode", framework_id as "frameworkId",
            overall_goal as "overallGoal", annual_goal as "annualGoal", funds::text as funds, measures
       from performance_target where id = ?`,
    [id],
  );
  return r ?? null;
}

/** The audited fields of a target row as stored. */
async function rowSnapshot(em: EntityManager, id: number): Promise<Record<string, unknown> | null> {
  const [r] = await rows<Record<string, unknown>>(
    { em },
    `select target_id as "targetId", indicator_id as "indicatorId", period, comparator, target_value as "targetValue",
            numeric_value::text as "numericValue", unit, weight::text as weight, value_basis as "valueBasis", note,
            sort_order as "sortOrder"
       from target_indicator where id = ?`,
    [id],
  );
  return r ?? null;
}

function recordTarget(
  ctx: Context,
  em: EntityManager,
  target: PerformanceTargetEntity,
  action: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): void {
  auditService.record(ctx, em, {
    fiscalDivisionCode: target.fiscalDivision.code,
    subjectType: 'PerformanceTarget',
    subjectId: target.id,
    departmentId: target.department.id,
    action,
    before,
    after,
  });
}

function recordRow(
  ctx: Context,
  em: EntityManager,
  target: PerformanceTargetEntity,
  rowId: number,
  action: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): void {
  auditService.record(ctx, em, {
    fiscalDivisionCode: target.fiscalDivision.code,
    subjectType: 'TargetIndicator',
    subjectId: rowId,
    departmentId: target.department.id,
    action,
    before,
    after,
  });
}

/** A change to a row is a change to its target: bump the target's version and time. */
function touch(target: PerformanceTargetEntity): void {
  target.updatedAt = new Date();
}

/**
 * A target (or row) the caller may write: it exists and its department is one the caller works on; otherwise
 * NOT_FOUND, the same answer as for an id that does not exist, so other departments' ids cannot be probed.
 */
async function targetInScope(ctx: Context, em: EntityManager, id: string): Promise<PerformanceTargetEntity> {
  const target = await loadOr404(em, PerformanceTargetEntity, 'PerformanceTarget', id);
  await assertDepartmentInScope(ctx, em, target.department.id, { type: 'PerformanceTarget', id });
  return target;
}

/** A row the caller may write, with its target (loaded once), or NOT_FOUND as for a row that does not exist. */
async function rowInScope(
  ctx: Context,
  em: EntityManager,
  id: string,
): Promise<{ row: TargetIndicatorEntity; target: PerformanceTargetEntity }> {
  const row = await loadOr404(em, TargetIndicatorEntity, 'TargetIndicator', id);
  const target = await em.findOneOrFail(PerformanceTargetEntity, row.target.id);
  await assertDepartmentInScope(ctx, em, target.department.id, { type: 'TargetIndicator', id });
  return { row, target };
}

/** No indicator twice in one target and period, whatever its version (versions share the library code). */
async function assertNoDuplicateRow(
  em: EntityManager,
  targetId: number,
  period: TargetPeriod,
  indicator: IndicatorEntity,
  exceptRowId = 0,
): Promise<void> {
  const found = await rows<{ id: number }>(
    { em },
    `select ti.id from target_indicator ti join indicator i on i.id = ti.indicator_id
      where ti.target_id = ? and ti.period = ? and i.fiscal_division_code = ? and i.code = ? and ti.id <> ? limit 1`,
    [targetId, period, indicator.fiscalDivision.code, indicator.code, exceptRowId],
  );
  if (found.length > 0) throw duplicateRow(indicator.code, period);
}

async function usableIndicator(
  em: EntityManager,
  target: PerformanceTargetEntity,
  indicatorId: string,
): Promise<IndicatorEntity> {
  const indicator = await reference(em, IndicatorEntity, 'indicatorId', indicatorId);
  const facts = {
    id: indicator.id,
    code: indicator.code,
    name: indicator.name,
    status: indicator.status,
    enabled: indicator.enabled,
    scope: indicator.scope,
    visibility: indicator.visibility,
    fiscalDivisionCode: indicator.fiscalDivision.code,
    ownerDepartmentId: indicator.ownerDepartment?.id ?? null,
  };
  checkIndicatorUsable(facts);
  const department = await em.findOneOrFail(DepartmentEntity, target.department.id);
  checkIndicatorVisible(facts, {
    id: department.id,
    parentId: department.parent?.id ?? null,
    fiscalDivisionCode: department.fiscalDivision.code,
  });
  return indicator;
}

async function nextSortOrder(em: EntityManager, targetId: number): Promise<number> {
  const [r] = await rows<{ next: number }>(
    { em },
    'select coalesce(max(sort_order) + 1, 0)::int as next from target_indicator where target_id = ?',
    [targetId],
  );
  return Math.min(Number(r?.next ?? 0), 32767);
}

/** Performance targets (绩效目标) and their rows: the rules of writing them while they are drafts. */
export const targetService = {
  async createTarget(ctx: Context, input: CreatePerformanceTargetInput): Promise<PerformanceTarget> {
    const id = await ctx.em.transactional(async (em) => {
      const funds = checkFunds(input.funds);
      const owner = await ownerOf(ctx, em, input, funds);
      const framework = await frameworkFor(em, input.kind, input.fiscalYear, input.frameworkId);
      const target = em.create(PerformanceTargetEntity, {
        ...owner,
        kind: input.kind,
        fiscalYear: input.fiscalYear,
        framework,
        overallGoal: input.overallGoal ?? '',
        annualGoal: input.annualGoal ?? '',
        funds: fromFen(funds),
        measures: input.measures ?? undefined,
      });
      await em.flush();
      recordTarget(ctx, em, target, 'CREATE', null, await targetSnapshot(em, target.id));
      return target.id;
    });
    return fresh(ctx, targetTable, 'id', id);
  },

  async updateTarget(ctx: Context, id: string, input: UpdatePerformanceTargetInput): Promise<PerformanceTarget> {
    await ctx.em.transactional(async (em) => {
      const target = await targetInScope(ctx, em, id);
      assertVersion(target.version, input.version, `Performance target ${target.id}`);
      checkEditable(target);
      const before = await targetSnapshot(em, target.id);
      if (input.funds !== undefined && input.funds !== null) {
        const funds = checkFunds(input.funds);
        if (target.kind === TargetKind.TRANSFER_REGIONAL && target.parent) {
          const parent = await lockedParent(em, target.parent.id);
          checkSharesWithinParent(toFen(parent.funds), await sharedFunds(em, parent.id, target.id), funds);
        } else {
          checkParentCoversShares(funds, await sharedFunds(em, target.id));
        }
        target.funds = fromFen(funds);
      }
      if (input.frameworkId) {
        target.framework = await frameworkFor(em, target.kind, target.fiscalYear, input.frameworkId);
      }
      applyPatch(target, {
        overallGoal: input.overallGoal ?? undefined,
        annualGoal: input.annualGoal ?? undefined,
        measures: input.measures,
      });
      await em.flush();
      recordTarget(ctx, em, target, 'UPDATE', before, await targetSnapshot(em, target.id));
    });
    return fresh(ctx, targetTable, 'id', toId(id));
  },

  async deleteTarget(ctx: Context, id: string, version?: number | null): Promise<boolean> {
    await ctx.em.transactional(async (em) => {
      const target = await targetInScope(ctx, em, id);
      assertVersion(target.version, version, `Performance target ${target.id}`);
      checkEditable(target);
      await assertUnreferenced(em, `Performance target ${target.id}`, target.id, [
        { label: 'regional shares', table: 'performance_target', column: 'parent_id' },
      ]);
      const before = await targetSnapshot(em, target.id);
      // Its rows (and any review records) go with it: the foreign keys cascade.
      em.remove(target);
      recordTarget(ctx, em, target, 'DELETE', before, null);
    });
    return true;
  },

  async addRow(ctx: Context, input: AddTargetIndicatorInput): Promise<TargetIndicator> {
    const id = await ctx.em.transactional(async (em) => {
      const target = await reference(em, PerformanceTargetEntity, 'targetId', input.targetId);
      await referenceInScope(ctx, em, target.department.id, 'targetId', input.targetId);
      checkEditable(target);
      const indicator = await usableIndicator(em, target, input.indicatorId);
      const comparator = input.comparator ?? indicator.defaultComparator;
      const unit = checkUnit(comparator, input.unit?.trim() || indicator.defaultUnit);
      const targetValue = checkTargetValue(input.targetValue);
      const numericValue = numericValueOf(comparator, targetValue);
      const period = input.period ?? TargetPeriod.ANNUAL;
      await assertNoDuplicateRow(em, target.id, period, indicator);
      const row = em.create(TargetIndicatorEntity, {
        fiscalDivision: target.fiscalDivision,
        target,
        indicator,
        period,
        comparator,
        targetValue,
        numericValue: numericValue ?? undefined,
        unit: unit ?? undefined,
        weight: input.weight === undefined || input.weight === null ? undefined : checkWeight(input.weight),
        valueBasis: input.valueBasis ?? undefined,
        note: input.note ?? undefined,
        sortOrder: input.sortOrder ?? (await nextSortOrder(em, target.id)),
      });
      touch(target);
      await em.flush();
      recordRow(ctx, em, target, row.id, 'CREATE', null, await rowSnapshot(em, row.id));
      return row.id;
    });
    return fresh(ctx, targetIndicatorTable, 'id', id);
  },

  async updateRow(ctx: Context, id: string, input: UpdateTargetIndicatorInput): Promise<TargetIndicator> {
    await ctx.em.transactional(async (em) => {
      const { row, target } = await rowInScope(ctx, em, id);
      checkEditable(target);
      const before = await rowSnapshot(em, row.id);
      const comparator = input.comparator ?? row.comparator;
      const unit = checkUnit(comparator, input.unit === undefined ? row.unit : input.unit);
      const targetValue = input.targetValue == null ? row.targetValue : checkTargetValue(input.targetValue);
      const numericValue = numericValueOf(comparator, targetValue);
      const period = input.period ?? row.period;
      if (period !== row.period) {
        await assertNoDuplicateRow(
          em,
          target.id,
          period,
          await em.findOneOrFail(IndicatorEntity, row.indicator.id),
          row.id,
        );
      }
      applyPatch(row, {
        period,
        comparator,
        targetValue,
        numericValue,
        unit,
        weight: input.weight === undefined || input.weight === null ? input.weight : checkWeight(input.weight),
        valueBasis: input.valueBasis,
        note: input.note,
        sortOrder: input.sortOrder ?? undefined,
      });
      touch(target);
      await em.flush();
      recordRow(ctx, em, target, row.id, 'UPDATE', before, await rowSnapshot(em, row.id));
    });
    return fresh(ctx, targetIndicatorTable, 'id', toId(id));
  },

  async removeRow(ctx: Context, id: string): Promise<boolean> {
    await ctx.em.transactional(async (em) => {
      const { row, target } = await rowInScope(ctx, em, id);
      checkEditable(target);
      const before = await rowSnapshot(em, row.id);
      em.remove(row);
      touch(target);
      recordRow(ctx, em, target, row.id, 'DELETE', before, null);
    });
    return true;
  },
};
