import { DAY, type DemoContext, type IndicatorInfo, iso, money, type TargetInfo } from './context';
import { CITY, FISCAL_DIVISIONS } from './data/reference';
import { MEASURES, VALUE_BASIS } from './data/texts';
import { commonKey, dimensionGroup } from './library';
import type { Rng } from './rng';

/** Value ranges of quantitative rows by unit: [min, max]. */
const UNIT_RANGE: Record<string, readonly [number, number]> = {
  人: [300, 60000],
  人次: [500, 80000],
  万人: [5, 300],
  万人次: [2, 200],
  万次: [5, 500],
  万条: [10, 2000],
  万张: [5, 200],
  万头: [10, 150],
  万吨: [5, 300],
  万亩: [5, 300],
  万个: [1, 50],
  万平方米: [5, 800],
  万元: [50, 20000],
  亿元: [1, 30],
  平方米: [2000, 120000],
  公里: [5, 300],
  亩: [500, 30000],
  元: [300, 8000],
  '元/人·月': [600, 1100],
  '元/平方米': [20, 3000],
  '元/吨': [60, 300],
  '元/亩': [100, 3000],
  '元/户': [5000, 60000],
  '元/座': [20000, 80000],
  '元/盏': [200, 800],
  '公斤/亩': [30, 120],
  '吨/日': [300, 9000],
  吨: [1000, 9000],
  年: [3, 10],
  天: [5, 60],
  小时: [2, 48],
  分钟: [10, 30],
  户: [500, 50000],
  路: [1000, 30000],
  批次: [500, 5000],
  '‰': [4, 12],
  '1/10万': [10, 200],
  个百分点: [1, 3],
};

const GROUP_WEIGHTS_PROJECT: Record<string, number> = { '01': 50, '02': 30, '03': 10, '04': 10 };
const GROUP_WEIGHTS_DEPT: Record<string, number> = { '01': 10, '02': 10, '03': 50, '04': 20, '05': 10 };

interface Pick {
  indicator: IndicatorInfo;
  value?: string;
  period: 'ANNUAL' | 'TOTAL';
}

/** The rows (绩效指标表) of every target and the performance_target rows themselves. */
export function buildTargetRows(ctx: DemoContext): void {
  const y2021 = ctx.frameworks.get('Y2021')!;
  const dept = ctx.frameworks.get('DEPT')!;
  const picked = new Map<TargetInfo, Pick[]>();
  for (const t of ctx.targets) {
    if (t.kind === 'PROJECT') picked.set(t, projectRows(ctx, t));
    else if (t.kind === 'DEPARTMENT') picked.set(t, departmentRows(ctx, t));
  }
  for (const t of ctx.targets) {
    if (t.kind === 'TRANSFER_REGIONAL') picked.set(t, regionalRows(t, picked.get(t.parent!)!));
  }
  const weightsOf = new Map<TargetInfo, string[] | null>();
  for (const t of ctx.targets) {
    const picks = picked.get(t)!;
    const isDept = t.kind === 'DEPARTMENT';
    const fw = isDept ? dept : y2021;
    writeTarget(ctx, t, fw.id, picks);
    const weights =
      t.kind === 'TRANSFER_REGIONAL'
        ? (weightsOf.get(t.parent!) ?? null)
        : ctx.rng.chance(0.4)
          ? weightsFor(picks, isDept)
          : null;
    weightsOf.set(t, weights);
    picks.forEach((p, i) => {
      const id = ctx.nextId('target_indicator');
      t.rowIds.push(id);
      const qualitative = p.indicator.comparator === 'QUALITATIVE';
      const value = p.value ?? '达到预期';
      const created = t.createdAt + DAY;
      ctx.add('target_indicator', {
        id,
        fiscal_division_code: CITY,
        target_id: t.id,
        indicator_id: p.indicator.id,
        period: p.period,
        comparator: p.indicator.comparator,
        target_value: value,
        numeric_value: qualitative ? null : value,
        unit: qualitative ? null : p.indicator.unit,
        weight: weights ? weights[i]! : null,
        value_basis: ctx.rng.chance(0.5) ? ctx.rng.pick(VALUE_BASIS) : null,
        note: p.period === 'TOTAL' ? '项目实施期内累计目标' : null,
        sort_order: i + 1,
        created_at: iso(created),
        updated_at: iso(Math.max(created, t.submittedAt ?? created)),
      });
    });
  }
}

function visibleTo(t: TargetInfo) {
  return (i: IndicatorInfo) =>
    i.enabled &&
    !i.publishedLate &&
    (i.status === 'PUBLISHED' || i.status === 'SUPERSEDED') &&
    (i.scope === 'COMMON' || i.ownerDepartmentId === t.dept.id);
}

function categoryIndicators(ctx: DemoContext, categoryId: number): IndicatorInfo[] {
  const ids = [categoryId, ...(ctx.categoryChildren.get(categoryId) ?? [])];
  return ids.flatMap((id) => ctx.indicatorsByCategory.get(id) ?? []);
}

/** 8–12 rows covering 产出, 效益, 满意度 and 成本, from the project's library categories. */
function projectRows(ctx: DemoContext, t: TargetInfo): Pick[] {
  const rng = ctx.rng;
  const p = t.project!;
  const visible = visibleTo(t);
  const pools = p.categoryIds.map((id) => categoryIndicators(ctx, id).filter(visible));
  const fallback = categoryIndicators(ctx, ctx.category(commonKey('15'))).filter(visible);
  const all = [...pools.flat(), ...fallback];
  const picks: Pick[] = [];
  const used = new Set<number>();
  const take = (i: IndicatorInfo, value?: string) => {
    used.add(i.id);
    picks.push({ indicator: i, value: value ?? valueFor(rng, i, p.requested), period: 'ANNUAL' });
  };
  for (const [name, value] of p.namedRows ?? []) {
    const i = all.find((x) => x.name === name);
    if (!i) throw new Error(`${p.name}: no visible indicator ${name}`);
    take(i, value);
  }
  const wanted: ReadonlyArray<readonly [(i: IndicatorInfo) => boolean, number]> = [
    [(i) => i.dim === 'SL', 2],
    [(i) => i.dim === 'ZL', 2],
    [(i) => i.dim === 'SX', 1],
    [(i) => dimensionGroup(i.dim) === '02', 1],
    [(i) => dimensionGroup(i.dim) === '03', 1],
    [(i) => dimensionGroup(i.dim) === '04', 1],
  ];
  for (const [matches, n] of wanted) {
    let need = n - picks.filter((x) => matches(x.indicator)).length;
    for (const pool of [...pools, fallback]) {
      while (need > 0) {
        const options = pool.filter((i) => matches(i) && !used.has(i.id));
        if (options.length === 0) break;
        take(rng.pick(options));
        need -= 1;
      }
    }
  }
  const size = Math.max(picks.length, rng.int(8, 11));
  for (const pool of [pools.flat(), fallback]) {
    while (picks.length < size) {
      const options = pool.filter((i) => !used.has(i.id));
      if (options.length === 0) break;
      take(rng.pick(options));
    }
  }
  for (const g of ['01', '02', '03', '04']) {
    if (!picks.some((x) => dimensionGroup(x.indicator.dim) === g)) {
      throw new Error(`${p.name}: no row for dimension ${g}`);
    }
  }
  const order = (x: Pick) => `${dimensionGroup(x.indicator.dim)}${x.indicator.dim}`;
  picks.sort((a, b) => order(a).localeCompare(order(b)));
  const first = picks.find((x) => x.indicator.dim === 'SL' && x.indicator.unit !== '%');
  if (first && p.termYears > 1 && rng.chance(0.35)) {
    const total = Number(first.value) * p.termYears;
    picks.splice(picks.indexOf(first) + 1, 0, { indicator: first.indicator, value: String(total), period: 'TOTAL' });
  }
  return picks;
}

function departmentRows(ctx: DemoContext, t: TargetInfo): Pick[] {
  const list = ctx.indicatorsByCategory.get(ctx.category(`BM:${t.dept.spec.code}01`)) ?? [];
  return list.map((i) => ({ indicator: i, value: valueFor(ctx.rng, i, t.funds), period: 'ANNUAL' as const }));
}

/** A district's share: the parent's rows, quantities scaled down by its share of the money. */
function regionalRows(t: TargetInfo, parent: Pick[]): Pick[] {
  const share = t.funds / t.parent!.funds;
  return parent.map((p) => {
    const unit = p.indicator.unit;
    const scalable = p.indicator.comparator === 'GE' && unit !== null && unit !== '%' && !unit.startsWith('元');
    return scalable ? { ...p, value: String(Math.max(1, Math.round(Number(p.value) * share))) } : p;
  });
}

/** A target value for an indicator: its reference value where it has a number, otherwise a plausible figure. */
export function valueFor(rng: Rng, i: IndicatorInfo, funds: number): string {
  if (i.comparator === 'QUALITATIVE') {
    return i.reference && !/^[≥≤=<>]/.test(i.reference) ? i.reference : '达到预期';
  }
  const refNumber = i.reference ? Number.parseFloat(i.reference.replace(/^[^\d]*/, '')) : Number.NaN;
  if (i.unit === '%') {
    if (!Number.isNaN(refNumber)) {
      if (i.comparator === 'GE' && refNumber < 99 && rng.chance(0.4))
        return String(Math.min(100, refNumber + rng.pick([1, 2, 3])));
      return String(refNumber);
    }
    return String(i.comparator === 'GE' ? rng.pick([85, 90, 92, 95, 98]) : 100);
  }
  if (!Number.isNaN(refNumber) && i.comparator !== 'GE') return String(refNumber);
  const [min, max] = UNIT_RANGE[i.unit ?? ''] ?? [5, 200];
  const scale = Math.min(1, Math.max(0.05, Math.log10(Math.max(funds, 100_000) / 100_000) / 3.7));
  const raw = min + (max - min) * scale * (0.6 + rng.next() * 0.4);
  if (!Number.isNaN(refNumber) && refNumber > raw) return String(refNumber);
  return String(nice(raw, max <= 20));
}

function nice(n: number, keepDecimal: boolean): number {
  if (keepDecimal && n < 20) return Math.round(n * 10) / 10;
  if (n >= 10000) return Math.round(n / 500) * 500;
  if (n >= 1000) return Math.round(n / 50) * 50;
  if (n >= 100) return Math.round(n / 5) * 5;
  return Math.max(1, Math.round(n));
}

/** Weights summing to exactly 100: 产出 50 / 效益 30 / 满意度 10 / 成本 10, shared equally within a dimension. */
function weightsFor(picks: Pick[], isDept: boolean): string[] {
  const groups = isDept ? GROUP_WEIGHTS_DEPT : GROUP_WEIGHTS_PROJECT;
  return splitWeights(
    picks.map((p) => (isDept ? deptGroup(p) : dimensionGroup(p.indicator.dim))),
    groups,
  );
}

/**
 * Row weights summing to exactly 100 (as "12.50"): each group of rows gets its share (the last group the remainder),
 * split equally among its rows, the last row of a group taking the cents left over. Shared with the generator.
 */
export function splitWeights(groupOfRow: readonly string[], shares: Readonly<Record<string, number>>): string[] {
  const members = new Map<string, number[]>();
  groupOfRow.forEach((g, i) => {
    members.set(g, [...(members.get(g) ?? []), i]);
  });
  const out = new Array<string>(groupOfRow.length).fill('0.00');
  let assigned = 0;
  const entries = [...members.entries()];
  entries.forEach(([g, idx], gi) => {
    let total = shares[g] ?? 0;
    if (gi === entries.length - 1) total = 100 - assigned;
    assigned += total;
    const each = Math.floor((total / idx.length) * 100) / 100;
    idx.forEach((rowIndex, k) => {
      out[rowIndex] = (k === idx.length - 1 ? total - each * (idx.length - 1) : each).toFixed(2);
    });
  });
  return out;
}

/** The department framework's level-1 group of a department-wide row (its templates are in DEPT order). */
function deptGroup(p: Pick): string {
  const dim = p.indicator.dim;
  if (dim === 'YSZX' || dim === 'GYJF') return '01';
  if (dim === 'YSGL' || dim === 'ZCGL' || dim === 'JXGL') return '02';
  if (dim === 'ZDRW' || dim === 'CGRW') return '03';
  if (dim === 'FWMY') return '05';
  return '04';
}

const REGION_NAMES = new Map(FISCAL_DIVISIONS.map(([code, name]) => [code, name]));

function phrase(p: Pick): string {
  const i = p.indicator;
  const v = p.value ?? '';
  const unit = i.unit ?? '';
  const pct = unit === '%';
  switch (i.comparator) {
    case 'GE':
      return `${i.name}${pct ? '不低于' : '不少于'}${v}${unit}`;
    case 'GT':
      return `${i.name}高于${v}${unit}`;
    case 'EQ':
      return `${i.name}达到${v}${unit}`;
    case 'LE':
      return `${i.name}${pct ? '不高于' : '不超过'}${v}${unit}`;
    case 'LT':
      return `${i.name}低于${v}${unit}`;
    default:
      return `${i.name}为“${v}”`;
  }
}

function writeTarget(ctx: DemoContext, t: TargetInfo, frameworkId: number, picks: Pick[]): void {
  const d = t.dept.spec;
  const p = t.project;
  const annual = picks.filter((x) => x.period === 'ANNUAL');
  const quantitative = annual.filter((x) => x.indicator.comparator !== 'QUALITATIVE');
  const summary = [...quantitative.slice(0, 4), ...annual.filter((x) => x.indicator.comparator === 'QUALITATIVE')]
    .slice(0, Math.max(4, Math.min(quantitative.length, 4) + 1))
    .map(phrase)
    .join('，');
  let overall: string;
  if (t.kind === 'DEPARTMENT') {
    overall = `围绕市委、市政府决策部署，以${d.duties[0]}和${d.duties[1]}为重点，持续提升${d.effect}，到2025年基本建成与国家中心城市建设相适应的${d.short}工作体系。`;
  } else if (t.kind === 'TRANSFER_REGIONAL') {
    overall = `${REGION_NAMES.get(t.regionCode!) ?? ''}按照市级下达的${p!.name}资金和绩效目标，组织实施辖区内项目，确保目标任务按期完成、资金使用规范高效。`;
  } else {
    const end = p!.startYear + p!.termYears - 1;
    const span = end > p!.startYear ? `${p!.startYear}—${end}年` : `${p!.startYear}年`;
    overall = `${span}，通过实施${p!.name}，围绕“${d.duties[0]}”等职责，推动${d.effect}稳步提升，确保项目资金使用规范、安全、高效。`;
  }
  ctx.add('performance_target', {
    id: t.id,
    fiscal_division_code: CITY,
    kind: t.kind,
    fiscal_year: 2022,
    project_id: t.project?.id ?? null,
    department_id: t.dept.id,
    parent_id: t.parent?.id ?? null,
    region_code: t.regionCode ?? null,
    framework_id: frameworkId,
    overall_goal: overall,
    annual_goal: `2022年，${summary}。`,
    funds: money(t.funds),
    measures: ctx.rng.sample(MEASURES, 2).join(''),
    status: t.status,
    grade: t.grade,
    review_round: t.returns.length,
    submit_to_congress: t.submitToCongress,
    submitted_at: t.submittedAt === null ? null : iso(t.submittedAt),
    approved_at: t.approvedAt === null ? null : iso(t.approvedAt),
    created_at: iso(t.createdAt),
    updated_at: iso(t.updatedAt),
    version: 1,
  });
}
