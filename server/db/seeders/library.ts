import { at, type DemoContext, type IndicatorInfo, iso } from './context';
import { COMMON_CATEGORIES } from './data/commonLibrary';
import { DEPARTMENT_PROJECT_LIBRARIES, DEPARTMENT_WIDE_TEMPLATES } from './data/departmentLibrary';
import { DEPT_KEYS, type L2Key, Y2021_KEYS } from './data/frameworks';
import { AGRI_LIBRARY } from './data/industryAgri';
import { CIVIL_LIBRARY } from './data/industryCivil';
import { EDUCATION_LIBRARY } from './data/industryEducation';
import { HEALTH_LIBRARY } from './data/industryHealth';
import { HR_LIBRARY } from './data/industryHr';
import type { IndustryCategorySpec, IndustryLibrarySpec } from './data/industryTypes';
import { URBAN_LIBRARY } from './data/industryUrban';
import { CITY } from './data/reference';
import { describe, type IndicatorLine, parseLine, parseLines } from './indicatorText';

export const INDUSTRY_LIBRARIES: readonly IndustryLibrarySpec[] = [
  EDUCATION_LIBRARY,
  HEALTH_LIBRARY,
  CIVIL_LIBRARY,
  HR_LIBRARY,
  URBAN_LIBRARY,
  AGRI_LIBRARY,
];

/** Category keys: scope prefix and code, because codes repeat across scopes. */
export const commonKey = (code: string) => `GX:${code}`;
export const industryKey = (code: string) => `HY:${code}`;
export const departmentKey = (code: string) => `BM:${code}`;
/** A project's library category: 5 digits are a department category, 4 an industry one. */
export const libraryKey = (code: string) => (code.length === 5 ? departmentKey(code) : industryKey(code));

/** Industry indicators that were modified in March 2022: their version 1 (superseded) differs like this. */
const MODIFIED_IN_2022: Readonly<Record<string, { comparator: string; reference: string }>> = {
  学前教育毛入园率: { comparator: 'GE', reference: '≥90%' },
  孕产妇系统管理率: { comparator: 'GE', reference: '≥85%' },
  生活垃圾无害化处理率: { comparator: 'GE', reference: '≥98%' },
};
export const MODIFIED_AT = at(2022, 3, 15, 10);

const TASK_TEMPLATES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['{x}完成率', 'GE', 'SL', '≥95%'],
  ['{x}按时完成率', 'GE', 'SX', '≥95%'],
  ['{x}成本控制率', 'LE', 'CB', '≤100%'],
  ['{x}质量达标率', 'GE', 'ZL', '≥95%'],
  ['{x}资金拨付及时率', 'GE', 'SX', '≥95%'],
  ['{x}问题整改到位率', 'GE', 'ZL', '≥95%'],
  ['{x}档案资料完整率', 'GE', 'ZL', '≥98%'],
];
const PEOPLE_TEMPLATES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['{x}满意度', 'GE', 'MY', '≥90%'],
  ['{x}投诉办结率', 'GE', 'ZL', '≥95%'],
];

/** The Y2021 level-1 group of a dimension key: 产出, 效益, 满意度, 成本. */
export function dimensionGroup(dim: string): '01' | '02' | '03' | '04' {
  const code = Y2021_KEYS[dim as L2Key];
  if (!code) throw new Error(`not a project dimension: ${dim}`);
  return code.slice(0, 2) as '01' | '02' | '03' | '04';
}

interface IndicatorOptions {
  code: string;
  versionNo?: number;
  scope: 'COMMON' | 'INDUSTRY' | 'DEPARTMENT';
  categoryId: number;
  framework: 'Y2021' | 'DEPT';
  ownerDepartmentId: number | null;
  visibility?: 'PUBLIC' | 'PRIVATE';
  status?: 'PUBLISHED' | 'SUPERSEDED' | 'RETIRED';
  supersedesId?: number | null;
  publishedAt: number;
  validFrom: string;
  validTo?: string | null;
  librarySource?: string;
}

function addIndicator(ctx: DemoContext, line: IndicatorLine, o: IndicatorOptions): IndicatorInfo {
  const fw = ctx.frameworks.get(o.framework)!;
  const l2Code =
    o.framework === 'Y2021' ? Y2021_KEYS[line.dim as L2Key] : DEPT_KEYS[line.dim as keyof typeof DEPT_KEYS];
  if (!l2Code) throw new Error(`dimension ${line.dim} is not in framework ${o.framework} (${line.name})`);
  const level1Id = fw.nodes.get(l2Code.slice(0, 2))!;
  const level2Id = fw.nodes.get(l2Code)!;
  const id = ctx.nextId('indicator');
  const status = o.status ?? 'PUBLISHED';
  const enabled = status !== 'RETIRED';
  const text = describe(line, o.librarySource);
  ctx.add('indicator', {
    id,
    fiscal_division_code: CITY,
    code: o.code,
    version_no: o.versionNo ?? 1,
    name: line.name,
    scope: o.scope,
    category_id: o.categoryId,
    level1node_id: level1Id,
    level2node_id: level2Id,
    ...text,
    default_comparator: line.comparator,
    default_unit: line.unit,
    value_type: line.comparator === 'QUALITATIVE' ? 'QUALITATIVE' : 'QUANTITATIVE',
    visibility: o.visibility ?? 'PUBLIC',
    owner_department_id: o.ownerDepartmentId,
    valid_from: o.validFrom,
    valid_to: o.validTo ?? null,
    status,
    enabled,
    supersedes_id: o.supersedesId ?? null,
    published_at: iso(o.publishedAt),
    created_at: iso(o.publishedAt - 14 * 86_400_000),
    updated_at: iso(o.publishedAt),
  });
  const info: IndicatorInfo = {
    id,
    code: o.code,
    name: line.name,
    scope: o.scope,
    dim: line.dim,
    categoryId: o.categoryId,
    level1Id,
    level2Id,
    comparator: line.comparator,
    unit: line.unit,
    reference: text.reference_value,
    status,
    enabled,
    ownerDepartmentId: o.ownerDepartmentId,
    publishedLate: o.publishedAt >= MODIFIED_AT,
  };
  ctx.indicators.push(info);
  const list = ctx.indicatorsByCategory.get(o.categoryId) ?? [];
  list.push(info);
  ctx.indicatorsByCategory.set(o.categoryId, list);
  return info;
}

function addCategory(
  ctx: DemoContext,
  key: string,
  scope: string,
  code: string,
  name: string,
  parentId: number | null,
  ownerId: number | null,
  sort: number,
): number {
  const id = ctx.nextId('indicator_category');
  ctx.categoryIds.set(key, id);
  if (parentId !== null) ctx.categoryChildren.set(parentId, [...(ctx.categoryChildren.get(parentId) ?? []), id]);
  ctx.add('indicator_category', {
    id,
    fiscal_division_code: CITY,
    scope,
    code,
    name,
    parent_id: parentId,
    owner_department_id: ownerId,
    sort_order: sort,
  });
  return id;
}

const seq = (n: number) => String(n).padStart(4, '0');

/** The common library: 15 categories, 9 sub-categories, 245 indicators. */
export function buildCommonLibrary(ctx: DemoContext): void {
  const published = at(2021, 3, 15, 10);
  COMMON_CATEGORIES.forEach((c, i) => {
    const parentId = c.parent ? ctx.category(commonKey(c.parent)) : null;
    const id = addCategory(ctx, commonKey(c.code), 'COMMON', c.code, c.name, parentId, null, i + 1);
    const path = c.code.length === 4 ? c.code : `${c.code}01`;
    parseLines(c.indicators).forEach((line, j) => {
      addIndicator(ctx, line, {
        code: `GX${path}${seq(j + 1)}`,
        scope: 'COMMON',
        categoryId: id,
        framework: 'Y2021',
        ownerDepartmentId: null,
        publishedAt: published,
        validFrom: '2021-01-01',
      });
    });
  });
}

/** The six pilot departments' industry libraries: 83 categories, 1,142 indicators (plus 3 superseded versions). */
export function buildIndustryLibraries(ctx: DemoContext): void {
  const published = at(2021, 6, 30, 10);
  for (const lib of INDUSTRY_LIBRARIES) {
    const owner = ctx.department(lib.departmentCode);
    const n = lib.categories.length;
    lib.categories.forEach((cat, i) => {
      const id = addCategory(ctx, industryKey(cat.code), 'INDUSTRY', cat.code, cat.name, null, owner.id, i + 1);
      const want = Math.floor(lib.total / n) + (i < lib.total % n ? 1 : 0);
      industryLines(cat, want).forEach((line, j) => {
        const code = `HY${cat.code}${seq(j + 1)}`;
        const base = { scope: 'INDUSTRY' as const, categoryId: id, framework: 'Y2021' as const };
        const common = { ...base, ownerDepartmentId: owner.id, librarySource: lib.dataSource };
        const old = MODIFIED_IN_2022[line.name];
        if (!old) {
          addIndicator(ctx, line, { ...common, code, publishedAt: published, validFrom: '2021-07-01' });
          return;
        }
        const v1 = addIndicator(
          ctx,
          { ...line, ...old },
          {
            ...common,
            code,
            status: 'SUPERSEDED',
            publishedAt: published,
            validFrom: '2021-07-01',
            validTo: '2022-03-14',
          },
        );
        addIndicator(ctx, line, {
          ...common,
          code,
          versionNo: 2,
          supersedesId: v1.id,
          publishedAt: MODIFIED_AT,
          validFrom: '2022-03-15',
        });
      });
    });
  }
}

/** Hand-written lines, then templated ones: every level-1 dimension first, then in template order. */
function industryLines(cat: IndustryCategorySpec, want: number): IndicatorLine[] {
  const lines = parseLines(cat.indicators);
  if (lines.length > want) throw new Error(`category ${cat.code} has ${lines.length} lines, wants ${want}`);
  const names = new Set(lines.map((l) => l.name));
  const candidates: IndicatorLine[] = [];
  const fill = (tpl: readonly [string, string, string, string], items: readonly string[]) => {
    for (const x of items) {
      const [pattern, comparator, dim, reference] = tpl;
      candidates.push({ name: pattern.replace('{x}', x), comparator, unit: '%', dim, reference });
    }
  };
  fill(TASK_TEMPLATES[0]!, cat.tasks);
  fill(PEOPLE_TEMPLATES[0]!, cat.people);
  for (const tpl of TASK_TEMPLATES.slice(1, 4)) fill(tpl, cat.tasks);
  fill(PEOPLE_TEMPLATES[1]!, cat.people);
  for (const tpl of TASK_TEMPLATES.slice(4)) fill(tpl, cat.tasks);
  const clash = (name: string) => [...names].some((n) => n.includes(name) || name.includes(n));
  const take = (c: IndicatorLine) => {
    if (clash(c.name)) return;
    names.add(c.name);
    lines.push(c);
  };
  for (const group of ['01', '02', '03', '04'] as const) {
    if (lines.some((l) => dimensionGroup(l.dim) === group)) continue;
    const c = candidates.find((x) => dimensionGroup(x.dim) === group && !clash(x.name));
    if (!c) throw new Error(`category ${cat.code} has no indicator for dimension ${group}`);
    take(c);
  }
  for (const c of candidates) {
    if (lines.length >= want) break;
    take(c);
  }
  if (lines.length < want) throw new Error(`category ${cat.code}: only ${lines.length} of ${want} indicators`);
  return lines;
}

/** Department-wide indicators for every first-level unit, and the few units' own project indicators. */
export function buildDepartmentLibraries(ctx: DemoContext): void {
  const published = at(2021, 7, 15, 10);
  const templates = DEPARTMENT_WIDE_TEMPLATES.trim().split('\n');
  ctx.departments.forEach((d, i) => {
    const catCode = `${d.spec.code}01`;
    const id = addCategory(ctx, departmentKey(catCode), 'DEPARTMENT', catCode, '部门整体绩效指标', null, d.id, i + 1);
    templates.forEach((tpl, j) => {
      const text = tpl
        .replace('{duty1}', d.spec.duties[0])
        .replace('{duty2}', d.spec.duties[1])
        .replace('{effect}', d.spec.effect);
      addIndicator(ctx, parseLine(text), {
        code: `BM${catCode}${seq(j + 1)}`,
        scope: 'DEPARTMENT',
        categoryId: id,
        framework: 'DEPT',
        ownerDepartmentId: d.id,
        publishedAt: published,
        validFrom: '2021-07-01',
      });
    });
  });
  Object.entries(DEPARTMENT_PROJECT_LIBRARIES).forEach(([deptCode, lib], i) => {
    const d = ctx.department(deptCode);
    const catCode = `${deptCode}02`;
    const id = addCategory(ctx, departmentKey(catCode), 'DEPARTMENT', catCode, lib.name, null, d.id, 100 + i);
    const lines = parseLines(lib.indicators);
    const options = (j: number) => ({
      code: `BM${catCode}${seq(j + 1)}`,
      scope: 'DEPARTMENT' as const,
      categoryId: id,
      framework: 'Y2021' as const,
      ownerDepartmentId: d.id,
      visibility: lib.private ? ('PRIVATE' as const) : ('PUBLIC' as const),
      publishedAt: published,
      validFrom: '2021-07-01',
    });
    lines.forEach((line, j) => {
      addIndicator(ctx, line, options(j));
    });
    if (lib.retired) {
      addIndicator(ctx, parseLine(lib.retired), { ...options(lines.length), status: 'RETIRED', validTo: '2021-12-31' });
    }
  });
}
