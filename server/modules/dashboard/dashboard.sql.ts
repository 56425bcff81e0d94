import { visibleDepartmentIds } from '../../shared/scope';
import { ScopeKind } from '../identity/identity.enums';
import type { Viewer } from '../identity/identity.viewer';

/** One dimension of a fact: the SQL it groups by (the first expression names the group) and the fields it fills. */
export interface DimensionSql {
  /** `expression as "field"` pairs; the first is the key. */
  readonly columns: ReadonlyArray<readonly [expression: string, field: string]>;
  /** Joins this dimension needs (added once). */
  readonly joins?: readonly string[];
  /** How its groups are ordered, when not by the key's own order (enumerations in domain order). */
  readonly order?: string;
}

export interface FactSql<D extends string> {
  /** `from ...` with the fact's alias and the joins every query needs. */
  readonly from: string;
  readonly dimensions: Readonly<Record<D, DimensionSql>>;
  /** The measures' select list. */
  readonly measures: string;
  /** A HAVING condition that drops empty groups (rollups keep rows that went to zero). */
  readonly having?: string;
  /** The column of the fiscal division and, for department scope, of the department. */
  readonly divisionColumn: string;
  readonly departmentColumn: string | null;
  /** Row rules of its own instead of the department column's (the library). */
  readonly scope?: (v: Viewer) => string[];
  /** More common table expressions, after `scope_division` (may depend on the viewer's scope). */
  readonly ctes?: (v: Viewer) => string;
}

export interface AggregateQuery<D extends string> {
  readonly groupBy: readonly D[];
  /** Conditions from the caller's filter, with their parameters. */
  readonly where: readonly string[];
  readonly params: readonly unknown[];
}

/** The fiscal division of the viewer and those under it (a province's bureau sees its cities' figures). */
export const DIVISION_TREE = `with recursive scope_division(code) as (
    select ?::varchar
    union all
    select f.code from fiscal_division f join scope_division s on f.parent_code = s.code
  )`;

/**
 * The row rules of aggregates: figures of the viewer's fiscal division and the divisions under it; department roles
 * only their departments' (and, through the same rule as the records, expenditure reviewers those they review).
 */
export function scopeConditions(v: Viewer, fact: FactSql<string>): string[] {
  const parts = [`${fact.divisionColumn} in (select code from scope_division)`];
  if (fact.scope) return [...parts, ...fact.scope(v)];
  const departments = visibleDepartmentIds(v);
  if (departments && fact.departmentColumn) parts.push(`${fact.departmentColumn} in (${departments})`);
  if (departments && !fact.departmentColumn && v.scope !== ScopeKind.BUREAU) parts.push('false');
  return parts;
}

/**
 * One statement for the groups and the grand total: `GROUP BY GROUPING SETS ((dimensions), ())`, with `grouping()`
 * telling the total row apart (a dimension's own value may be null, e.g. an undecided budget).
 */
export function aggregateSql<D extends string>(
  fact: FactSql<D>,
  viewer: Viewer,
  q: AggregateQuery<D>,
): { sql: string; params: unknown[] } {
  const dims = [...new Set(q.groupBy)].map((d) => fact.dimensions[d]);
  const joins = [...new Set(dims.flatMap((d) => d.joins ?? []))];
  const columns = dims.flatMap((d) => d.columns);
  const keys = columns.map(([expression]) => expression);
  const order = dims.flatMap((d) => (d.order ? [d.order] : d.columns.slice(0, 1).map(([e]) => e)));
  const select = columns.map(([expression, field]) => `${expression} as "${field}"`);
  const isTotal = keys.length ? `grouping(${keys.join(', ')}) <> 0` : 'true';
  const where = [...scopeConditions(viewer, fact), ...q.where];
  const sql = `${DIVISION_TREE}${fact.ctes ? `,\n  ${fact.ctes(viewer)}` : ''}
select ${[...select, `${isTotal} as "isTotal"`, fact.measures].join(',\n       ')}
  ${fact.from}
  ${joins.join('\n  ')}
 where ${where.join('\n   and ')}
 ${keys.length ? `group by grouping sets ((${keys.join(', ')}), ())` : ''}
 ${fact.having ? `having (${fact.having}) or ${isTotal}` : ''}
 order by ${keys.length ? `${isTotal}, ${order.map((k) => `${k} nulls last`).join(', ')}` : '1'}`;
  return { sql, params: [viewer.fiscalDivisionCode, ...q.params] };
}

/** Adds `column in (?, ...)` for a non-empty list (an empty list matches nothing). */
export function inList(
  where: string[],
  params: unknown[],
  column: string,
  values: readonly unknown[] | null | undefined,
) {
  if (values === undefined || values === null) return;
  if (values.length === 0) {
    where.push('false');
    return;
  }
  where.push(`${column} in (${values.map(() => '?').join(', ')})`);
  params.push(...values);
}
