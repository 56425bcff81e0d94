import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../shared/context';
import { DomainError } from '../../shared/errors';
import { rows as sqlRows } from '../../shared/sql';
import { DepartmentEntity, type FiscalDivisionEntity } from '../fiscal';
import {
  IndicatorCategoryEntity,
  IndicatorEntity,
  IndicatorFrameworkEntity,
  IndicatorFrameworkNodeEntity,
} from './indicator.entity';
import { Comparator, FrameworkKind, IndicatorScope, IndicatorStatus, ValueType, Visibility } from './indicator.enums';
import type { ImportIndicatorRowInput, ImportIndicatorsInput } from './indicator.inputs';
import { checkDefinition, dimensions, ownDivision, ownerIn } from './indicator.rules';
import { indicatorFields, indicatorSubject } from './indicator.service';
import { auditLibrary } from './indicator.taxonomy.service';
import type { ImportIndicatorRowResult, ImportIndicatorsResult, ImportRowError } from './indicator.types';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The rules name the fields of CreateIndicatorInput; a row names references by code. */
const ROW_FIELD: Record<string, string> = {
  categoryId: 'categoryCode',
  level1NodeId: 'level1Code',
  level2NodeId: 'level2Code',
  ownerDepartmentId: 'ownerDepartmentCode',
};

/** What one import resolves its codes against, loaded once (one statement each), not per row. */
interface Lookups {
  fiscalDivision: FiscalDivisionEntity;
  categories: IndicatorCategoryEntity[];
  nodes: IndicatorFrameworkNodeEntity[];
  departments: Map<string, DepartmentEntity>;
  /** Codes already in the library of the division (any version). */
  taken: Set<string>;
}

const text = (v: string | null | undefined): string | undefined => {
  const t = v?.trim();
  return t ? t : undefined;
};

function enumValue<E extends Record<string, string>>(values: E, v: string | undefined): E[keyof E] | undefined {
  return v !== undefined && Object.values(values).includes(v) ? (v as E[keyof E]) : undefined;
}

/** A dimension by code, else by name; one of the wanted level first, so a wrong level gets the rules' message. */
function findNode(nodes: IndicatorFrameworkNodeEntity[], v: string, level: number) {
  const by = (match: (n: IndicatorFrameworkNodeEntity) => boolean) => {
    const found = nodes.filter(match);
    return found.find((n) => n.level === level) ?? found[0];
  };
  return by((n) => n.code === v) ?? by((n) => n.name === v);
}

function rowError(e: unknown): ImportRowError {
  if (!(e instanceof DomainError)) throw e;
  const field = typeof e.details?.field === 'string' ? e.details.field : null;
  return { field: field ? (ROW_FIELD[field] ?? field) : null, code: e.code, message: e.message };
}

async function loadLookups(
  em: EntityManager,
  input: ImportIndicatorsInput,
  fiscalDivision: FiscalDivisionEntity,
): Promise<Lookups> {
  const framework = input.frameworkCode
    ? await em.findOne(IndicatorFrameworkEntity, { code: input.frameworkCode })
    : await em.findOne(IndicatorFrameworkEntity, { kind: FrameworkKind.PROJECT, isDefault: true });
  if (!framework) {
    throw new DomainError(
      'INVALID_REFERENCE',
      input.frameworkCode
        ? `frameworkCode "${input.frameworkCode}" does not refer to an existing record.`
        : 'There is no default PROJECT framework: give frameworkCode.',
      { field: 'frameworkCode' },
    );
  }
  const codes = [...new Set(input.rows.map((r) => text(r.code)).filter((c): c is string => c !== undefined))];
  const ownerCodes = [...new Set(input.rows.map((r) => text(r.ownerDepartmentCode)).filter((c) => c !== undefined))];
  // One after the other: they share the transaction's connection.
  const categories = await em.find(IndicatorCategoryEntity, { fiscalDivision });
  const nodes = await em.find(IndicatorFrameworkNodeEntity, { framework });
  const departments = ownerCodes.length
    ? await em.find(DepartmentEntity, { fiscalDivision, code: { $in: ownerCodes } })
    : [];
  const existing = codes.length
    ? await sqlRows<{ code: string }>(
        { em },
        // One bound JSON array rather than a parameter per code (2,000 rows).
        'select distinct code from indicator where fiscal_division_code = ? and code in (select jsonb_array_elements_text(?::jsonb))',
        [fiscalDivision.code, JSON.stringify(codes)],
      )
    : [];
  return {
    fiscalDivision,
    categories,
    nodes,
    departments: new Map(departments.map((d) => [d.code, d])),
    taken: new Set(existing.map((r) => r.code)),
  };
}

/**
 * Checks one row with the rules of createIndicator. Field-level problems are all reported; the whole-definition
 * rules (checkDefinition) run once the fields are sound, and report their first problem.
 */
async function checkRow(
  em: EntityManager,
  row: ImportIndicatorRowInput,
  rowNumber: number,
  look: Lookups,
  firstRowOfCode: Map<string, number>,
): Promise<{ result: ImportIndicatorRowResult; indicator?: IndicatorEntity }> {
  const errors: ImportRowError[] = [];
  const problem = (field: string, code: DomainError['code'], message: string) => errors.push({ field, code, message });
  const required = (field: string, label: string, v: string | undefined) => {
    if (v === undefined) problem(field, 'BAD_USER_INPUT', `${label} (${field}) is required.`);
    return v;
  };
  const bounded = (field: string, label: string, v: string | undefined, max: number) => {
    if (v !== undefined && v.length > max) {
      problem(field, 'BAD_USER_INPUT', `${label} (${field}) has ${v.length} characters; at most ${max} are allowed.`);
    }
    return v;
  };
  const oneOf = <E extends Record<string, string>>(field: string, label: string, values: E, v: string | undefined) => {
    const value = enumValue(values, v);
    if (v !== undefined && value === undefined) {
      problem(field, 'BAD_USER_INPUT', `${label} (${field}) "${v}" is not one of ${Object.values(values).join(', ')}.`);
    }
    return value;
  };
  const date = (field: string, label: string, v: string | undefined) => {
    if (v !== undefined && !DATE.test(v)) {
      problem(field, 'BAD_USER_INPUT', `${label} (${field}) "${v}" must be a date such as 2026-01-01.`);
    }
    return v;
  };

  const code = bounded('code', '指标编码', required('code', '指标编码', text(row.code)), 30);
  const name = bounded('name', '指标名称', required('name', '指标名称', text(row.name)), 100);
  const scope = oneOf('scope', '指标库', IndicatorScope, required('scope', '指标库', text(row.scope)));
  const categoryCode = required('categoryCode', '指标分类编码', text(row.categoryCode));
  const defaultComparator = oneOf(
    'defaultComparator',
    '计算符号',
    Comparator,
    required('defaultComparator', '计算符号', text(row.defaultComparator)),
  );
  const valueType = oneOf('valueType', '指标性质', ValueType, required('valueType', '指标性质', text(row.valueType)));
  const visibility = oneOf('visibility', '可见范围', Visibility, text(row.visibility)) ?? Visibility.PUBLIC;
  const defaultUnit = bounded('defaultUnit', '计量单位', text(row.defaultUnit), 20);
  const referenceValue = bounded('referenceValue', '参考值', text(row.referenceValue), 100);
  const dataSource = bounded('dataSource', '数据来源', text(row.dataSource), 200);
  const validFrom = date('validFrom', '生效日期', text(row.validFrom));
  const validTo = date('validTo', '失效日期', text(row.validTo));

  if (code !== undefined) {
    const first = firstRowOfCode.get(code);
    if (first !== undefined) {
      problem(
        'code',
        'DUPLICATE',
        `Indicator code ${code} is also in row ${first} of this file; codes must be unique.`,
      );
    } else firstRowOfCode.set(code, rowNumber);
    if (look.taken.has(code)) {
      problem(
        'code',
        'DUPLICATE',
        `Indicator code ${code} in ${look.fiscalDivision.code} already exists; choose another code or edit the existing one.`,
      );
    }
  }

  // A category of the row's scope first; one of another scope lets checkDefinition say what is wrong.
  const category =
    categoryCode === undefined
      ? undefined
      : (look.categories.find((c) => c.code === categoryCode && c.scope === scope) ??
        look.categories.find((c) => c.code === categoryCode));
  if (categoryCode !== undefined && !category) {
    problem(
      'categoryCode',
      'INVALID_REFERENCE',
      `指标分类编码 (categoryCode) "${categoryCode}" is not a category of ${look.fiscalDivision.code}.`,
    );
  }
  const nodeId = (field: string, label: string, v: string | undefined, level: number) => {
    if (v === undefined) return undefined;
    const node = findNode(look.nodes, v, level);
    if (!node) problem(field, 'INVALID_REFERENCE', `${label} (${field}) "${v}" is not a dimension of the framework.`);
    return node ? String(node.id) : undefined;
  };
  const level1Code = text(row.level1Code);
  const level2Code = text(row.level2Code);
  const level1Id = nodeId('level1Code', '一级指标', level1Code, 1);
  const level2Id = nodeId('level2Code', '二级指标', level2Code, 2);
  const ownerCode = text(row.ownerDepartmentCode);
  const owner = ownerCode === undefined ? undefined : look.departments.get(ownerCode);
  if (ownerCode !== undefined && !owner) {
    problem(
      'ownerDepartmentCode',
      'INVALID_REFERENCE',
      `归口部门编码 (ownerDepartmentCode) "${ownerCode}" is not a department of ${look.fiscalDivision.code}.`,
    );
  }

  let indicator: IndicatorEntity | undefined;
  const referencesOk = (level1Code === undefined || level1Id) && (level2Code === undefined || level2Id);
  if (errors.length === 0 && referencesOk && category && code && name && scope && defaultComparator && valueType) {
    try {
      // The same rules as createIndicator, against entities already in this unit of work (no statement per row).
      const { level1, level2 } = await dimensions(em, level1Id, level2Id);
      const ownerDepartment = owner ? await ownerIn(em, String(owner.id), look.fiscalDivision.code) : undefined;
      indicator = em.create(
        IndicatorEntity,
        {
          fiscalDivision: look.fiscalDivision,
          code,
          versionNo: 1,
          name,
          scope,
          category,
          level1Node: level1,
          level2Node: level2,
          ownerDepartment,
          explanation: text(row.explanation),
          calculationMethod: text(row.calculationMethod),
          scoringRule: text(row.scoringRule),
          defaultComparator,
          defaultUnit,
          valueType,
          referenceValue,
          dataSource,
          visibility,
          validFrom,
          validTo,
          status: IndicatorStatus.DRAFT,
          enabled: row.enabled ?? true,
        },
        { persist: false },
      );
      checkDefinition(indicator);
    } catch (e) {
      errors.push(rowError(e));
      indicator = undefined;
    }
  }
  const ok = errors.length === 0;
  return {
    result: { rowNumber, ok, code: code ?? text(row.code) ?? null, errors, indicatorId: null },
    indicator: ok ? indicator : undefined,
  };
}

/**
 * Bulk import of DRAFT library indicators (指标批量导入), all or nothing: every row is checked with the rules of
 * createIndicator; a dry run only reports, a commit writes every row with its audit record in one transaction, or,
 * when any row fails, writes nothing and answers IMPORT_INVALID with the failing rows in `extensions.rows`.
 */
export const indicatorImportService = {
  async importIndicators(ctx: Context, input: ImportIndicatorsInput): Promise<ImportIndicatorsResult> {
    const dryRun = input.dryRun ?? false;
    return ctx.em.transactional(async (em) => {
      const fiscalDivision = await ownDivision(
        ctx,
        em,
        input.fiscalDivisionCode ?? ctx.viewer?.fiscalDivisionCode ?? '',
      );
      const look = await loadLookups(em, input, fiscalDivision);
      const firstRowOfCode = new Map<string, number>();
      const checked = [];
      for (const [i, row] of input.rows.entries()) {
        checked.push(await checkRow(em, row, row.rowNumber ?? i + 1, look, firstRowOfCode));
      }
      const results = checked.map((c) => c.result);
      const invalidCount = results.filter((r) => !r.ok).length;
      const summary = { dryRun, ok: invalidCount === 0, rowCount: results.length, invalidCount, rows: results };
      if (dryRun) return { ...summary, createdCount: 0 };
      if (invalidCount > 0) {
        throw new DomainError(
          'IMPORT_INVALID',
          `${invalidCount} of ${results.length} rows fail the library's rules, so nothing was imported; fix them (a dry run lists every problem) and import the file again.`,
          { invalidCount, rows: results.filter((r) => !r.ok) },
        );
      }
      const indicators = checked.map((c) => c.indicator as IndicatorEntity);
      em.persist(indicators);
      await em.flush();
      indicators.forEach((indicator, i) => {
        auditLibrary(ctx, em, indicatorSubject(indicator), 'create', null, indicatorFields(indicator));
        (results[i] as ImportIndicatorRowResult).indicatorId = String(indicator.id);
      });
      return { ...summary, createdCount: indicators.length };
    });
  },
};
