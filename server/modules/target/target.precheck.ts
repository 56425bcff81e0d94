/**
 * The machine pre-check on submit (形式审核): what the bureau's reviewers check first, done before a target reaches
 * them. `precheck` is pure; `precheckFacts` gathers its input in two statements. Blocking findings refuse the
 * submission (PRECHECK_FAILED, all of them listed); warnings are returned with it and recorded in the audit trail.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../../shared/errors';
import { toFen } from '../../shared/money';
import { rows } from '../../shared/sql';
import { Comparator } from '../indicator/indicator.enums';
import { TargetKind } from './target.enums';

export interface PrecheckFinding {
  code: string;
  message: string;
  rowId?: string;
}

export interface PrecheckRow {
  id: number;
  comparator: string;
  unit: string | null;
  numericValue: string | null;
  weight: string | null;
  level1NodeId: number | null;
  level1Code: string | null;
}

export interface PrecheckInput {
  kind: TargetKind;
  overallGoal: string;
  annualGoal: string;
  funds: string;
  /** The project's requested amount (申报数) for the target's year; null when there is none (project targets only). */
  requested: string | null;
  /** The level-1 dimensions (一级指标) of the target's framework. */
  dimensions: { id: number; code: string; name: string }[];
  /** For a transfer-payment target split into districts' shares: how many shares and their funds in total. */
  shares?: { count: number; total: string };
  rows: PrecheckRow[];
}

export interface PrecheckResult {
  blocking: PrecheckFinding[];
  warnings: PrecheckFinding[];
}

/** Below this share of quantitative rows, the pre-check warns (量化率偏低). */
export const MIN_QUANTIFICATION_RATIO = 0.5;

function hundredths(weight: string): bigint {
  const [i = '0', f = ''] = weight.trim().split('.');
  return BigInt(i) * 100n + BigInt(f.padEnd(2, '0').slice(0, 2));
}

export function precheck(input: PrecheckInput): PrecheckResult {
  const blocking: PrecheckFinding[] = [];
  const warnings: PrecheckFinding[] = [];

  if (!input.overallGoal.trim()) {
    blocking.push({
      code: 'OVERALL_GOAL_EMPTY',
      message: 'The overall goal (总体目标) is empty; describe what the money should achieve.',
    });
  }
  if (!input.annualGoal.trim()) {
    blocking.push({
      code: 'ANNUAL_GOAL_EMPTY',
      message: 'The annual goal (年度目标) is empty; describe what this year should achieve.',
    });
  }

  for (const d of input.dimensions) {
    const covered = input.rows.some(
      (r) => r.level1NodeId === d.id || (r.level1Code !== null && r.level1Code === d.code),
    );
    if (!covered) {
      blocking.push({
        code: 'DIMENSION_WITHOUT_ROW',
        message: `The level-1 dimension ${d.code} ${d.name} has no row; add at least one indicator of it.`,
      });
    }
  }

  for (const r of input.rows) {
    if (r.comparator === Comparator.QUALITATIVE) continue;
    if (!r.unit?.trim()) {
      blocking.push({
        code: 'UNIT_MISSING',
        message: `Row ${r.id} is quantitative but has no unit (计量单位).`,
        rowId: String(r.id),
      });
    }
    if (r.numericValue === null) {
      blocking.push({
        code: 'VALUE_NOT_NUMERIC',
        message: `Row ${r.id} is quantitative but its value is not a number.`,
        rowId: String(r.id),
      });
    }
  }

  const weighted = input.rows.filter((r) => r.weight !== null && r.weight !== '');
  if (weighted.length > 0) {
    const total = weighted.reduce((sum, r) => sum + hundredths(r.weight as string), 0n);
    if (total !== 10000n) {
      const shown = `${total / 100n}${total % 100n ? `.${String(total % 100n).padStart(2, '0')}` : ''}`;
      blocking.push({
        code: 'WEIGHTS_NOT_100',
        message: `The row weights add up to ${shown}, not 100${weighted.length < input.rows.length ? ` (${input.rows.length - weighted.length} rows have no weight)` : ''}.`,
      });
    }
  }

  if (input.kind === TargetKind.PROJECT) {
    if (input.requested === null) {
      blocking.push({
        code: 'NO_BUDGET_REQUEST',
        message: `The project has no budget request (申报数) for the target's year; record it before submitting.`,
      });
    } else if (toFen(input.requested) !== toFen(input.funds)) {
      blocking.push({
        code: 'FUNDS_MISMATCH',
        message: `The target's funds (${input.funds}) differ from the project's requested amount (${input.requested}); make them equal.`,
      });
    }
  }

  if (input.shares && input.shares.count > 0 && toFen(input.shares.total) !== toFen(input.funds)) {
    blocking.push({
      code: 'SHARES_MISMATCH',
      message: `The ${input.shares.count} regional shares add up to ${input.shares.total}, not the target's funds of ${input.funds}; the districts' shares must add up to the whole.`,
    });
  }

  if (input.rows.length > 0) {
    const quantitative = input.rows.filter((r) => r.comparator !== Comparator.QUALITATIVE).length;
    const ratio = quantitative / input.rows.length;
    if (ratio < MIN_QUANTIFICATION_RATIO) {
      warnings.push({
        code: 'LOW_QUANTIFICATION',
        message: `Only ${quantitative} of ${input.rows.length} rows are quantitative (${Math.round(ratio * 100)}%, below ${MIN_QUANTIFICATION_RATIO * 100}%); quantify where you can.`,
      });
    }
  }
  return { blocking, warnings };
}

/** Refuses a submission with blocking findings, listing every one of them. */
export function assertPrecheckPassed(result: PrecheckResult): void {
  if (result.blocking.length === 0) return;
  throw new DomainError(
    'PRECHECK_FAILED',
    `The target cannot be submitted: ${result.blocking.length} pre-check finding(s): ${result.blocking.map((f) => f.message).join(' ')}`,
    { findings: result.blocking, warnings: result.warnings },
  );
}

/** The facts the pre-check needs, read inside the submitting transaction. */
export async function precheckFacts(
  em: EntityManager,
  target: {
    id: number;
    kind: TargetKind;
    overallGoal: string;
    annualGoal: string;
    funds: string;
    fiscalYear: number;
    framework: { id: number };
    project?: { id: number } | null;
  },
): Promise<PrecheckInput> {
  const dimensions = await rows<{ id: number; code: string; name: string }>(
    { em },
    'select n.id, n.code, n.name from indicator_framework_node n where n.framework_id = ? and n.level = 1 order by n.id',
    [target.framework.id],
  );
  const targetRows = await rows<{
    id: number;
    comparator: string;
    unit: string | null;
    numeric_value: string | null;
    weight: string | null;
    level1_node_id: number | null;
    level1_code: string | null;
  }>(
    { em },
    `select ti.id, ti.comparator, ti.unit, ti.numeric_value::text as numeric_value, ti.weight::text as weight,
            i.level1node_id as level1_node_id, n.code as level1_code
       from target_indicator ti join indicator i on i.id = ti.indicator_id
       left join indicator_framework_node n on n.id = i.level1node_id
      where ti.target_id = ? order by ti.sort_order, ti.id`,
    [target.id],
  );
  let requested: string | null = null;
  if (target.kind === TargetKind.PROJECT && target.project) {
    const [b] = await rows<{ requested: string }>(
      { em },
      'select requested::text as requested from project_budget where project_id = ? and fiscal_year = ?',
      [target.project.id, target.fiscalYear],
    );
    requested = b?.requested ?? null;
  }
  const [shares] = await rows<{ count: string; total: string }>(
    { em },
    `select count(*)::text as count, coalesce(sum(funds), 0)::text as total
       from performance_target where parent_id = ? and kind = 'TRANSFER_REGIONAL'`,
    [target.id],
  );
  return {
    kind: target.kind,
    overallGoal: target.overallGoal,
    annualGoal: target.annualGoal,
    funds: target.funds,
    requested,
    shares: { count: Number(shares?.count ?? 0), total: shares?.total ?? '0' },
    dimensions: dimensions.map((d) => ({ id: Number(d.id), code: d.code, name: d.name })),
    rows: targetRows.map((r) => ({
      id: Number(r.id),
      comparator: r.comparator,
      unit: r.unit,
      numericValue: r.numeric_value,
      weight: r.weight,
      level1NodeId: r.level1_node_id === null ? null : Number(r.level1_node_id),
      level1Code: r.level1_code,
    })),
  };
}
