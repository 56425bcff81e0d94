import {
  at,
  DAY,
  type DecisionCode,
  DemoContext,
  type DepartmentInfo,
  type ExAntePlan,
  type GradeCode,
  type IndicatorInfo,
  iso,
  money,
  type ReviewEvent,
  roundYuan,
  splitScore,
  type Table,
  type TargetStatusCode,
  workingTime,
} from '../seeders/context';
import type { SizeClass } from '../seeders/data/projects';
import { CITY } from '../seeders/data/reference';
import {
  CRITERION_COMMENTS,
  EXANTE_SUMMARY,
  INTERNAL_NOTES,
  MEASURES,
  PASS_FEEDBACK,
  REDUCE_REASONS,
  RETURN_FEEDBACK,
  ROW_FEEDBACK,
  VALUE_BASIS,
} from '../seeders/data/texts';
import {
  buildCommonLibrary,
  buildDepartmentLibraries,
  buildIndustryLibraries,
  commonKey,
  departmentKey,
  dimensionGroup,
  libraryKey,
} from '../seeders/library';
import { type Candidate, templateCandidates } from '../seeders/projects';
import { buildReference } from '../seeders/reference';
import { personName } from '../seeders/reviews';
import { Rng } from '../seeders/rng';
import { reviewRounds } from '../seeders/targetPlan';
import { splitWeights, valueFor } from '../seeders/targetRows';
import { type CityRows, type CityTable, type GenRow, Json, Ref } from './rows';

export const FISCAL_YEARS = [2021, 2022, 2023] as const;
const BUDGET_TYPES: ReadonlyArray<readonly [string, number]> = [
  ['GENERAL_PUBLIC', 70],
  ['GOVERNMENT_FUND', 14],
  ['STATE_CAPITAL', 7],
  ['SOCIAL_INSURANCE', 9],
];
const SOCIAL_INSURANCE_FC = ['20902', '20904', '20910', '20911', '20912'];
const GRADE_MIX: ReadonlyArray<readonly [GradeCode, number]> = [
  ['EXCELLENT', 35],
  ['GOOD', 40],
  ['FAIR', 18],
  ['POOR', 7],
];
/** Median requested amount (yuan) of each size class; amounts are log-normal around it. */
const SIZE_MEDIAN: Record<SizeClass, number> = { S: 600_000, M: 5_000_000, L: 60_000_000, X: 200_000_000 };
const NAME_VARIANTS = [
  '二期',
  '提质扩面',
  '市级配套',
  '运行保障',
  '能力提升',
  '示范创建',
  '三期',
  '专项行动',
  '区县补助',
  '试点',
  '标准化建设',
  '数字化改造',
];
const JOINT_ORGANISATION = '预算绩效管理处（会同市人大常委会预算工委、市审计局集中会审）';
const SCORED = ['RELEVANCE', 'COMPLETENESS', 'FEASIBILITY', 'SOUNDNESS', 'APPROPRIATENESS'] as const;
const TOTAL_RANGE: Record<GradeCode, readonly [number, number]> = {
  EXCELLENT: [90, 98],
  GOOD: [80, 89.5],
  FAIR: [60, 79.5],
  POOR: [40, 59.5],
};
const GRADE_LABEL: Record<GradeCode, string> = { EXCELLENT: '优', GOOD: '良', FAIR: '中', POOR: '差' };
const GRADE_FEEDBACK: Record<GradeCode, string> = {
  EXCELLENT: '审核等次为优：绩效目标明确，指标完整、细化量化程度高，与预算资金匹配。',
  GOOD: '审核等次为良：由财政部门进一步完善后纳入预算安排。',
  FAIR: '审核等次为中：请部门按审核意见修改完善后重新报送。',
  POOR: '审核等次为差：绩效目标与项目实施内容严重脱节，指标无法考核，不予安排预算。',
};

/** The size of one generated city. */
export interface CitySize {
  /** First-level budget units (at most 90: the demo's departments; the six industry pilots always included). */
  departments: number;
  projects: number;
  /** Share of the latest year's targets still in the review workflow. */
  inFlight: number;
}

export interface CitySpec {
  /** 1-based number of the city in this run (the seed and the name depend on it, not on the code). */
  number: number;
  code: string;
  name: string;
  parentCode: string;
  seed: number;
  size: CitySize;
}

/**
 * The indicator library template: reference data and the demo's library (common, industry, department), built once
 * per run; every city gets a copy under its own fiscal division.
 */
export function buildLibraryTemplate(): DemoContext {
  const ctx = new DemoContext();
  buildReference(ctx);
  buildCommonLibrary(ctx);
  buildIndustryLibraries(ctx);
  buildDepartmentLibraries(ctx);
  return ctx;
}

/** A deterministic 32-bit seed for city `n` of a run with `seed`. */
export function citySeed(seed: number, n: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(n + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

interface Dept {
  info: DepartmentInfo;
  ref: Ref;
  divisionRef: Ref;
  name: string;
}

interface Proj {
  ref: Ref;
  code: string;
  name: string;
  dept: Dept;
  year: number;
  budgetType: string;
  fc: string;
  category: string;
  attribute: 'NEW' | 'CONTINUING';
  startYear: number;
  termYears: number;
  majorPolicy: boolean;
  specialFund: boolean;
  requested: number;
  categoryIds: number[];
}

interface Tgt {
  ref: Ref;
  kind: 'PROJECT' | 'DEPARTMENT';
  dept: Dept;
  project?: Proj;
  year: number;
  funds: number;
  status: TargetStatusCode;
  grade: GradeCode | null;
  /** In-flight targets: where they stand ('RETURNED' is a DRAFT after a return). */
  flow: TargetStatusCode | 'RETURNED' | null;
  returns: Array<'DEPARTMENT' | 'INITIAL' | 'RECHECK' | 'JOINT'>;
  exAnte: ExAntePlan | null;
  decision: DecisionCode | null;
  decisionReason: string | null;
  mergedInto: Proj | null;
  submitToCongress: boolean;
  createdAt: number;
  submittedAt: number | null;
  approvedAt: number | null;
  updatedAt: number;
  rowRefs: Ref[];
  events: ReviewEvent[];
}

const needsExAnte = (p: Proj) => p.attribute === 'NEW' && (p.majorPolicy || p.specialFund);
const isQuantitative = (i: IndicatorInfo) => i.comparator !== 'QUALITATIVE';

/** Builds every row of one city in memory (with local ids): departments and library first, then the budget cycle. */
export function buildCity(lib: DemoContext, spec: CitySpec, out: CityRows): void {
  const rng = new Rng(spec.seed);
  const code = spec.code;
  const base = spec.name.replace(/市$/, '');
  const rename = (v: string) => v.replaceAll('郑州', base);

  // --- Departments and library: the template's rows under this city, restricted to the chosen departments.
  const pilots = lib.departments.filter((d) => d.pilot !== undefined);
  const others = lib.departments.filter((d) => d.pilot === undefined);
  const wanted = Math.min(lib.departments.length, Math.max(pilots.length, spec.size.departments));
  const chosen = new Set([...pilots, ...others.slice(0, wanted - pilots.length)].map((d) => d.id));
  const keptDepartments = new Set<number>();
  for (const r of lib.rows.department) {
    const parent = r.parent_id as number | null;
    if (chosen.has(r.id as number) || (parent !== null && chosen.has(parent))) keptDepartments.add(r.id as number);
  }
  const keptCategories = new Set<number>();
  for (const r of lib.rows.indicator_category) {
    const owner = r.owner_department_id as number | null;
    if (owner === null || keptDepartments.has(owner)) keptCategories.add(r.id as number);
  }
  const FK: Partial<Record<CityTable, Record<string, Table>>> = {
    finance_division: { id: 'finance_division' },
    department: { id: 'department', parent_id: 'department', managing_division_id: 'finance_division' },
    indicator_category: {
      id: 'indicator_category',
      parent_id: 'indicator_category',
      owner_department_id: 'department',
    },
    indicator: {
      id: 'indicator',
      category_id: 'indicator_category',
      level1node_id: 'indicator_framework_node',
      level2node_id: 'indicator_framework_node',
      owner_department_id: 'department',
      supersedes_id: 'indicator',
    },
  };
  const copy = (table: CityTable, keep: (r: GenRow) => boolean) => {
    const fks = FK[table] ?? {};
    for (const r of lib.rows[table as Table]) {
      if (!keep(r)) continue;
      const row: GenRow = {};
      for (const [k, v] of Object.entries(r)) {
        const fk = fks[k];
        if (fk && typeof v === 'number') row[k] = new Ref(fk, v);
        else if (k === 'fiscal_division_code') row[k] = code;
        else row[k] = typeof v === 'string' ? rename(v) : v;
      }
      out.add(table, row);
    }
    out.reserveUpTo(table, lib.rows[table as Table].length);
  };
  copy('finance_division', () => true);
  copy('department', (r) => keptDepartments.has(r.id as number));
  copy('indicator_category', (r) => keptCategories.has(r.id as number));
  copy('indicator', (r) => keptCategories.has(r.category_id as number));

  const depts: Dept[] = lib.departments
    .filter((d) => chosen.has(d.id))
    .map((info) => ({
      info,
      ref: new Ref('department', info.id),
      divisionRef: new Ref('finance_division', info.divisionId),
      name: rename(info.spec.name),
    }));
  const divisionRef = (key: string) => new Ref('finance_division', lib.division(key as never));
  const divisionName = (ref: Ref) => lib.divisionNames.get(ref.local) ?? '';
  const categoryIndicators = (categoryId: number): IndicatorInfo[] =>
    [categoryId, ...(lib.categoryChildren.get(categoryId) ?? [])].flatMap(
      (id) => lib.indicatorsByCategory.get(id) ?? [],
    );
  const visibleTo = (d: Dept, year: number) => (i: IndicatorInfo) =>
    i.status === 'PUBLISHED' &&
    i.enabled &&
    (year >= 2023 || !i.publishedLate) &&
    (i.scope === 'COMMON' || i.ownerDepartmentId === d.info.id);

  // --- Projects: uneven department sizes (log-normal weights), log-normal money, all four budget types.
  const weights = depts.map((d) => d.info.spec.weight * Math.exp(normal(rng) * 0.7));
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const counts = apportion(
    weights.map((w) => w / totalWeight),
    spec.size.projects,
    1,
  );
  const projects: Proj[] = [];
  depts.forEach((d, di) => {
    const candidates = templates(d.info);
    const names = new Set<string>();
    for (let k = 0; k < counts[di]!; k++) {
      const c = candidates[k % candidates.length]!;
      const round = Math.floor(k / candidates.length);
      let name = round === 0 ? c.name : `${c.name}（${NAME_VARIANTS[(round - 1 + di) % NAME_VARIANTS.length]}）`;
      if (names.has(name)) name = `${c.name}（${k + 1}）`;
      names.add(name);
      const year = rng.pick(FISCAL_YEARS);
      const isNew = rng.chance(0.4);
      const startYear = isNew ? year : year - rng.int(1, 4);
      const budgetType = weighted(rng, BUDGET_TYPES);
      const big = c.size === 'L' || c.size === 'X';
      const requested = roundYuan(
        Math.min(2_000_000_000, Math.max(50_000, SIZE_MEDIAN[c.size] * Math.exp(normal(rng) * 0.8))),
      );
      const libKey = c.library ? libraryKey(c.library) : null;
      const libCategory = libKey ? lib.categoryIds.get(libKey) : undefined;
      const categoryIds = [
        ...(libCategory !== undefined ? [libCategory] : []),
        ...(lib.categoryIds.has(commonKey(c.common)) ? [lib.category(commonKey(c.common))] : []),
      ];
      projects.push({
        ref: out.nextId('project'),
        code: `${code.slice(0, 6)}${startYear % 100}${d.info.spec.code}${String(k + 1).padStart(3, '0')}`,
        name,
        dept: d,
        year,
        budgetType,
        fc: budgetType === 'SOCIAL_INSURANCE' ? rng.pick(SOCIAL_INSURANCE_FC) : c.fc,
        category: c.category,
        attribute: isNew ? 'NEW' : 'CONTINUING',
        startYear,
        termYears: isNew ? rng.pick([1, 1, 2, 3, 5]) : year - startYear + rng.int(1, 3),
        majorPolicy: isNew && big && rng.chance(0.35),
        specialFund: isNew && (big ? rng.chance(0.75) : c.size === 'M' && rng.chance(0.25)),
        requested,
        categoryIds,
      });
    }
  });

  // --- Targets: one per project (its budget year), one department-wide target per department and year.
  const targets: Tgt[] = [];
  const newTarget = (kind: Tgt['kind'], dept: Dept, year: number, funds: number, project?: Proj): Tgt => {
    const t: Tgt = {
      ref: out.nextId('performance_target'),
      kind,
      dept,
      project,
      year,
      funds,
      status: 'DRAFT',
      grade: null,
      flow: null,
      returns: [],
      exAnte: null,
      decision: null,
      decisionReason: null,
      mergedInto: null,
      submitToCongress: false,
      createdAt: 0,
      submittedAt: null,
      approvedAt: null,
      updatedAt: 0,
      rowRefs: [],
      events: [],
    };
    targets.push(t);
    return t;
  };
  for (const p of projects) newTarget('PROJECT', p.dept, p.year, p.requested, p);
  for (const year of FISCAL_YEARS) {
    for (const d of depts) {
      const own = projects.filter((p) => p.dept === d && p.year === year).reduce((s, p) => s + p.requested, 0);
      newTarget('DEPARTMENT', d, year, roundYuan(own * (1.2 + rng.next() * 0.4) + 3_000_000));
    }
  }

  // Which targets are still in the workflow: a share of the latest year's; all others are graded.
  const latest = FISCAL_YEARS[FISCAL_YEARS.length - 1];
  const graded: Tgt[] = [];
  const IN_FLIGHT: ReadonlyArray<readonly [Tgt['flow'] & string, number]> = [
    ['DRAFT', 3],
    ['RETURNED', 3],
    ['DEPARTMENT_REVIEW', 3],
    ['INITIAL_REVIEW', 5],
    ['RECHECK', 3],
    ['JOINT_REVIEW', 3],
  ];
  for (const t of targets) {
    if (t.year === latest && rng.chance(spec.size.inFlight)) {
      t.flow = weighted(rng, IN_FLIGHT);
      t.status = t.flow === 'RETURNED' ? 'DRAFT' : t.flow;
    } else graded.push(t);
  }
  // Grades in the wanted mix (exact shares, largest remainder); 差 only for project targets, mostly smaller ones.
  const gradeCounts = apportion(
    GRADE_MIX.map(([, w]) => w / 100),
    graded.length,
    0,
  );
  const shuffled = rng.shuffle(graded);
  const poorCandidates = shuffled
    .filter((t) => t.kind === 'PROJECT')
    .sort((a, b) => Number(a.funds > 100_000_000) - Number(b.funds > 100_000_000));
  for (const t of poorCandidates.slice(0, gradeCounts[3]!)) t.grade = 'POOR';
  const tokens = rng.shuffle(GRADE_MIX.slice(0, 3).flatMap(([g], i) => Array<GradeCode>(gradeCounts[i]!).fill(g)));
  shuffled
    .filter((t) => t.grade === null)
    .forEach((t, i) => {
      t.grade = tokens[i] ?? 'GOOD';
    });

  for (const t of targets) {
    if (t.grade === 'EXCELLENT' || t.grade === 'GOOD') {
      t.status = t.year === latest && rng.chance(0.08) ? 'READY_FOR_BUDGET' : 'APPROVED';
    } else if (t.grade === 'FAIR') t.status = 'DRAFT';
    else if (t.grade === 'POOR') t.status = 'BLOCKED';
    if (t.project && needsExAnte(t.project)) t.exAnte = exAntePlan(rng, t);
  }
  // The ex-ante rule: a new major policy or special fund without an assessment, or "not supported", gets no budget.
  for (const t of targets) {
    if (t.kind !== 'PROJECT' || t.grade !== 'GOOD' || !t.exAnte || !rng.chance(0.06)) continue;
    t.status = 'BLOCKED';
    if (rng.chance(0.5)) {
      t.exAnte = 'MISSING';
      t.decision = 'CANCELLED';
      t.decisionReason = '新增专项资金未按规定开展事前绩效评估，取消安排预算，不再进入预算安排程序。';
    } else {
      t.exAnte = 'NOT_SUPPORT';
      t.decision = 'DEFERRED';
      t.decisionReason = '事前绩效评估结论为“建议不予支持”，暂缓安排预算。';
    }
  }
  for (const t of targets) {
    t.submitToCongress =
      t.grade === 'EXCELLENT' &&
      (t.status === 'APPROVED' || t.status === 'READY_FOR_BUDGET') &&
      (t.exAnte ?? 'SUPPORT') === 'SUPPORT';
  }
  decide(rng, targets, latest);
  for (const t of targets) timeline(rng, t);

  // --- Project rows, budgets and ex-ante assessments.
  const byProject = new Map<Proj, Tgt>();
  for (const t of targets) if (t.project) byProject.set(t.project, t);
  for (const p of projects) {
    const t = byProject.get(p)!;
    const created = t.createdAt - rng.int(5, 20) * DAY;
    out.add('project', {
      id: p.ref,
      fiscal_division_code: code,
      code: p.code,
      name: p.name,
      department_id: p.dept.ref,
      managing_division_id: p.dept.divisionRef,
      category: p.category,
      attribute: p.attribute,
      start_year: p.startYear,
      term_years: p.termYears,
      function_class_code: p.fc,
      budget_type: p.budgetType,
      major_policy: p.majorPolicy,
      special_fund: p.specialFund,
      transfer_payment: false,
      phase: phaseOf(t, rng.chance(0.5)),
      parent_id: null,
      description: `${p.dept.name}申报的${p.name}项目，${p.attribute === 'NEW' ? `${p.startYear}年新增` : `${p.startYear}年起延续实施`}，实施期${p.termYears}年。`,
      created_at: iso(created),
      updated_at: iso(t.updatedAt),
      version: 1,
    });
    addBudgets(rng, out, code, p, t);
    if (t.exAnte && t.exAnte !== 'MISSING') addExAnte(rng, out, code, p, t, base, divisionName(divisionRef('PJZX')));
  }

  // --- Target rows (the indicator tables) and the targets themselves.
  const y2021 = lib.frameworks.get('Y2021')!.id;
  const deptFramework = lib.frameworks.get('DEPT')!.id;
  const fallbackCategory = lib.category(commonKey('15'));
  for (const t of targets) {
    const visible = visibleTo(t.dept, t.year);
    const picks =
      t.kind === 'DEPARTMENT'
        ? categoryIndicators(lib.category(departmentKey(`${t.dept.info.spec.code}01`)))
            .filter(visible)
            .map((i) => ({ indicator: i, value: valueFor(rng, i, t.funds), period: 'ANNUAL' as const }))
        : projectRows(
            rng,
            t,
            t.project!.categoryIds.map((id) => categoryIndicators(id).filter(visible)),
            categoryIndicators(fallbackCategory).filter(visible),
          );
    const weightsOf = rng.chance(0.4) ? rowWeights(picks, t.kind === 'DEPARTMENT') : null;
    const annual = picks.filter((x) => x.period === 'ANNUAL');
    const summary = [...annual.filter((x) => isQuantitative(x.indicator)).slice(0, 4), ...annual.slice(0, 1)]
      .slice(0, 4)
      .map(phrase)
      .join('，');
    const d = t.dept.info.spec;
    const p = t.project;
    const overall =
      t.kind === 'DEPARTMENT'
        ? `围绕市委、市政府决策部署，以${d.duties[0]}和${d.duties[1]}为重点，持续提升${d.effect}，到${t.year + 3}年基本建成与城市发展相适应的${d.short}工作体系。`
        : `${p!.startYear}—${p!.startYear + p!.termYears - 1}年，通过实施${p!.name}，围绕“${d.duties[0]}”等职责，推动${d.effect}稳步提升，确保项目资金使用规范、安全、高效。`;
    out.add('performance_target', {
      id: t.ref,
      fiscal_division_code: code,
      kind: t.kind,
      fiscal_year: t.year,
      project_id: p?.ref ?? null,
      department_id: t.dept.ref,
      parent_id: null,
      region_code: null,
      framework_id: new Ref('indicator_framework', t.kind === 'DEPARTMENT' ? deptFramework : y2021),
      overall_goal: overall,
      annual_goal: `${t.year}年，${summary}。`,
      funds: money(t.funds),
      measures: rng.sample(MEASURES, 2).join(''),
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
    picks.forEach((x, i) => {
      const ref = out.nextId('target_indicator');
      t.rowRefs.push(ref);
      const qualitative = !isQuantitative(x.indicator);
      const created = t.createdAt + DAY;
      out.add('target_indicator', {
        id: ref,
        fiscal_division_code: code,
        target_id: t.ref,
        indicator_id: new Ref('indicator', x.indicator.id),
        period: x.period,
        comparator: x.indicator.comparator,
        target_value: x.value,
        numeric_value: qualitative ? null : x.value,
        unit: qualitative ? null : x.indicator.unit,
        weight: weightsOf ? weightsOf[i]! : null,
        value_basis: rng.chance(0.5) ? rng.pick(VALUE_BASIS) : null,
        note: x.period === 'TOTAL' ? '项目实施期内累计目标' : null,
        sort_order: i + 1,
        created_at: iso(created),
        updated_at: iso(Math.max(created, t.submittedAt ?? created)),
      });
    });
  }

  // --- Reviews: one row per review event.
  const reviewers = new Map<number, string[]>();
  const reviewersOf = (ref: Ref) => {
    let list = reviewers.get(ref.local);
    if (!list) {
      list = [0, 1, 2].map((k) => personName(spec.number * 37 + 100 + ref.local * 3 + k * 11));
      reviewers.set(ref.local, list);
    }
    return list;
  };
  const jx = divisionRef('JX');
  const pjzx = divisionRef('PJZX');
  for (const t of targets) {
    for (const e of t.events) {
      const org =
        e.stage === 'DEPARTMENT'
          ? null
          : e.stage === 'INITIAL_EXPENDITURE'
            ? t.dept.divisionRef
            : e.stage === 'INITIAL_EVALUATION'
              ? pjzx
              : jx;
      const joint = e.stage === 'JOINT' && e.grade ? jointScores(rng, e.grade) : null;
      out.add('target_review', {
        id: out.nextId('target_review'),
        fiscal_division_code: code,
        target_id: t.ref,
        stage: e.stage,
        round: e.round,
        reviewer_name: org === null ? personName(spec.number + t.dept.info.id + 7) : rng.pick(reviewersOf(org)),
        organisation_id: org,
        organisation_name: org === null ? t.dept.name : e.stage === 'JOINT' ? JOINT_ORGANISATION : divisionName(org),
        scores: joint ? new Json(joint.scores) : null,
        total_score: joint ? joint.total.toFixed(2) : null,
        decision: e.decision,
        feedback: feedback(rng, e),
        row_feedback:
          e.decision === 'RETURN' && t.rowRefs.length > 0 && rng.chance(0.6)
            ? new Json(
                rng
                  .sample(t.rowRefs, rng.int(1, 2))
                  .map((id) => ({ targetIndicatorId: id, comment: rng.pick(ROW_FEEDBACK) })),
              )
            : null,
        grade_proposal: gradeProposal(rng, t, e),
        internal_note: e.stage !== 'DEPARTMENT' && rng.chance(0.12) ? rng.pick(INTERNAL_NOTES) : null,
        reviewed_at: iso(e.at),
      });
    }
  }

  buildAdmissionQueue(rng, lib, out, spec, depts, jx);
}

/** Standard normal (Box–Muller). */
function normal(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function weighted<T>(rng: Rng, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** Splits `total` by `shares` (summing to 1) into integers of at least `min` each (largest remainder). */
function apportion(shares: readonly number[], total: number, min: number): number[] {
  const spare = Math.max(0, total - min * shares.length);
  const raw = shares.map((s) => s * spare);
  const out = raw.map((r) => min + Math.floor(r));
  let left = total - out.reduce((s, n) => s + n, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length, left--) out[order[k]![1]]! += 1;
  return out;
}

/** The department's project templates (the demo's), each name once. */
function templates(d: DepartmentInfo): Candidate[] {
  const seen = new Set<string>();
  return templateCandidates(d).filter((c) => !seen.has(c.name) && seen.add(c.name));
}

function exAntePlan(rng: Rng, t: Tgt): ExAntePlan {
  switch (t.grade) {
    case 'EXCELLENT':
      return 'SUPPORT';
    case 'GOOD':
    case 'FAIR':
      return rng.chance(0.5) ? 'SUPPORT' : 'SUPPORT_AFTER_REVISION';
    case 'POOR':
      return rng.chance(0.35) ? 'SUPPORT_AFTER_REVISION' : 'NOT_SUPPORT';
    default:
      if (t.flow === 'DRAFT') return rng.chance(0.5) ? 'MISSING' : 'SELF_ONLY';
      if (t.flow === 'RETURNED' || t.flow === 'DEPARTMENT_REVIEW') return 'SELF_ONLY';
      return rng.chance(0.33) ? 'SUPPORT_AFTER_REVISION' : 'SUPPORT';
  }
}

/**
 * Budget decisions that follow the grade: 优 mostly in full, 良 mostly reduced (some merged into another project),
 * 中 deferred (or left pending in the latest year), 差 cancelled or deferred.
 */
function decide(rng: Rng, targets: Tgt[], latest: number): void {
  const approvedBy = new Map<string, Tgt>();
  for (const t of targets) {
    if (t.kind !== 'PROJECT' || t.decision) continue;
    const p = t.project!;
    if (t.status === 'APPROVED' || t.status === 'READY_FOR_BUDGET') {
      if (t.status === 'READY_FOR_BUDGET') continue;
      const key = `${t.dept.info.id}:${t.year}:${p.budgetType}`;
      const into = approvedBy.get(key);
      if (t.grade === 'GOOD' && into && p.requested <= 30_000_000 && rng.chance(0.12)) {
        t.status = 'BLOCKED';
        t.decision = 'MERGED';
        t.mergedInto = into.project!;
        t.decisionReason = `与“${into.project!.name}”项目内容交叉重复，整合至该项目统筹安排。`;
        continue;
      }
      approvedBy.set(key, t);
      const full = rng.chance(t.grade === 'EXCELLENT' ? 0.6 : 0.25);
      t.decision = full ? 'FULL' : 'REDUCED';
      t.decisionReason = full
        ? `绩效目标审核等次为${GRADE_LABEL[t.grade!]}，按申报数全额安排。`
        : rng.pick(REDUCE_REASONS);
    } else if (t.grade === 'POOR') {
      const cancel = rng.chance(0.6);
      t.decision = cancel ? 'CANCELLED' : 'DEFERRED';
      t.decisionReason = cancel
        ? '绩效目标审核等次为差，项目取消，不再进入预算安排程序。'
        : '绩效目标审核不合格且实施条件不充分，暂缓安排预算，待完善后重新申报。';
    } else if (t.grade === 'FAIR' && t.year < latest) {
      t.decision = 'DEFERRED';
      t.decisionReason = '绩效目标审核等次为中，部门修改完善后未在预算编制时限内重新报送，暂缓安排预算。';
    }
  }
}

/** Submission, review events and dates of one target: the review runs in the autumn before its budget year. */
function timeline(rng: Rng, t: Tgt): void {
  const y = t.year - 1;
  const jointWindow = at(y, 11, 15, 9);
  const budgetApproved = at(t.year, 1, 14, 10);
  t.createdAt = workingTime(at(y, 8, 2) + rng.int(0, 28) * DAY, rng);
  const finalFlow = t.grade !== null ? 'GRADED' : (t.flow ?? 'DRAFT');
  const returns: Tgt['returns'] = [];
  if (finalFlow !== 'DRAFT') {
    const earlier = rng.next() < 0.6 ? 0 : rng.next() < 0.75 ? 1 : rng.next() < 0.8 ? 2 : 3;
    for (let i = 0; i < earlier; i++)
      returns.push(rng.pick(['INITIAL', 'INITIAL', 'INITIAL', 'DEPARTMENT', 'RECHECK'] as const));
  }
  if (finalFlow === 'RETURNED' && returns.length === 0) returns.push('INITIAL');
  if (t.grade === 'FAIR') returns.push('JOINT');

  const { events, submittedAt } = reviewRounds(rng, t.grade, returns, finalFlow, {
    start: t.createdAt + rng.int(10, 25) * DAY,
    jointWindow,
  });
  t.returns = returns;
  t.events = events;
  t.submittedAt = submittedAt;
  const last = events.at(-1)?.at ?? submittedAt ?? t.createdAt;
  if (t.status === 'APPROVED') t.approvedAt = budgetApproved;
  t.updatedAt =
    t.status === 'APPROVED'
      ? budgetApproved
      : t.status === 'BLOCKED' || t.status === 'READY_FOR_BUDGET' || t.decision
        ? last + 2 * DAY
        : last;
}

function phaseOf(t: Tgt, coin: boolean): string {
  if (t.status === 'APPROVED') return 'BUDGETED';
  if (t.decision === 'CANCELLED' || t.decision === 'MERGED') return 'ENDED';
  if (t.decision === 'DEFERRED') return 'CANDIDATE';
  if (t.status === 'DRAFT' && t.returns.length === 0) return coin ? 'CANDIDATE' : 'ADMITTED';
  return 'ADMITTED';
}

/** The project's budget in its target's year (following the decision) and earlier years of a continuing project. */
function addBudgets(rng: Rng, out: CityRows, code: string, p: Proj, t: Tgt): void {
  const requested = p.requested;
  let audited: number | null = null;
  let approved: number | null = null;
  const cutRange: Record<GradeCode, readonly [number, number]> = {
    EXCELLENT: [0.05, 0.2],
    GOOD: [0.1, 0.45],
    FAIR: [0.3, 0.6],
    POOR: [0.4, 0.7],
  };
  switch (t.decision) {
    case 'FULL':
      audited = requested;
      approved = requested;
      break;
    case 'REDUCED': {
      const [min, max] = cutRange[t.grade ?? 'GOOD'];
      audited = roundYuan(requested * (1 - (min + rng.next() * (max - min))));
      approved = rng.chance(0.3) ? roundYuan(audited * (0.9 + rng.next() * 0.1)) : audited;
      approved = Math.max(100, Math.min(approved, requested - 100));
      break;
    }
    case 'MERGED':
    case 'DEFERRED':
    case 'CANCELLED':
      audited = roundYuan(requested * (0.6 + rng.next() * 0.4));
      approved = 0;
      break;
    default:
      if (['READY_FOR_BUDGET', 'RECHECK', 'JOINT_REVIEW'].includes(t.status) || t.grade === 'FAIR')
        audited = rng.chance(0.4) ? requested : roundYuan(requested * (0.7 + rng.next() * 0.3));
  }
  out.add('project_budget', {
    id: out.nextId('project_budget'),
    fiscal_division_code: code,
    project_id: p.ref,
    fiscal_year: t.year,
    requested: money(requested),
    audited: audited === null ? null : money(audited),
    approved: approved === null ? null : money(approved),
    decision: t.decision,
    decision_reason: t.decisionReason,
    merged_into_id: t.mergedInto?.ref ?? null,
    created_at: iso(t.createdAt),
    updated_at: iso(t.updatedAt),
    version: 1,
  });
  for (let year = Math.max(FISCAL_YEARS[0], p.startYear); year < t.year; year++) {
    const req = roundYuan(requested * (0.85 + rng.next() * 0.25));
    const full = rng.chance(0.5);
    const app = full ? req : roundYuan(req * (0.7 + rng.next() * 0.25));
    const created = t.createdAt - (t.year - year) * 365 * DAY;
    out.add('project_budget', {
      id: out.nextId('project_budget'),
      fiscal_division_code: code,
      project_id: p.ref,
      fiscal_year: year,
      requested: money(req),
      audited: money(app),
      approved: money(app),
      decision: full ? 'FULL' : 'REDUCED',
      decision_reason: full ? '绩效目标审核通过，按申报数全额安排。' : rng.pick(REDUCE_REASONS),
      merged_into_id: null,
      created_at: iso(created),
      updated_at: iso(created + 160 * DAY),
      version: 1,
    });
  }
}

/** Ex-ante assessments of a new major policy or special fund: self-assessment, finance audit, third party. */
function addExAnte(rng: Rng, out: CityRows, code: string, p: Proj, t: Tgt, base: string, pjzx: string): void {
  const plan = t.exAnte!;
  const half = (min: number, max: number) => rng.int(min * 2, max * 2) / 2;
  const score = (stage: string) => {
    if (stage === 'SELF') return plan === 'NOT_SUPPORT' ? half(76, 88) : half(88, 97);
    if (plan === 'SUPPORT') return half(90, 97);
    if (plan === 'SUPPORT_AFTER_REVISION') return half(72, 89);
    return half(52, 68);
  };
  const add = (stage: string, assessor: string, total: number, when: number) => {
    const [necessity, economy, target, feasibility, funding] = splitScore(rng, total);
    const conclusion = total >= 90 ? 'SUPPORT' : total >= 70 ? 'SUPPORT_AFTER_REVISION' : 'NOT_SUPPORT';
    out.add('ex_ante_assessment', {
      id: out.nextId('ex_ante_assessment'),
      fiscal_division_code: code,
      project_id: p.ref,
      fiscal_year: t.year,
      stage,
      assessor,
      necessity_score: necessity!,
      economy_score: economy!,
      target_reasonableness_score: target!,
      feasibility_score: feasibility!,
      funding_compliance_score: funding!,
      total_score: total.toFixed(2),
      conclusion,
      summary: EXANTE_SUMMARY[conclusion]!,
      assessed_at: iso(when),
      created_at: iso(when),
      updated_at: iso(when),
    });
  };
  add('SELF', p.dept.name, score('SELF'), workingTime(t.createdAt - rng.int(10, 25) * DAY, rng));
  if (plan === 'SELF_ONLY') return;
  const auditAt = workingTime((t.submittedAt ?? t.createdAt) + rng.int(3, 12) * DAY, rng);
  add('FINANCE_AUDIT', `${base}市财政局${pjzx}`, score('AUDIT'), auditAt);
  if (p.majorPolicy && plan === 'SUPPORT' && p.requested >= 200_000_000)
    add('THIRD_PARTY', '受托第三方评估机构', half(90, 97), auditAt + rng.int(4, 8) * DAY);
}

interface RowPick {
  indicator: IndicatorInfo;
  value: string;
  period: 'ANNUAL' | 'TOTAL';
}

/** 8–11 rows covering 产出, 效益, 满意度 and 成本, mostly quantified, from the project's library categories. */
function projectRows(rng: Rng, t: Tgt, pools: IndicatorInfo[][], fallback: IndicatorInfo[]): RowPick[] {
  const p = t.project!;
  const picks: RowPick[] = [];
  const used = new Set<number>();
  const choose = (options: IndicatorInfo[]) => {
    const quantitative = options.filter(isQuantitative);
    const qualitative = options.filter((i) => !isQuantitative(i));
    const from = quantitative.length > 0 && (qualitative.length === 0 || rng.chance(0.8)) ? quantitative : qualitative;
    return rng.pick(from);
  };
  const take = (i: IndicatorInfo) => {
    used.add(i.id);
    picks.push({ indicator: i, value: valueFor(rng, i, p.requested), period: 'ANNUAL' });
  };
  const wanted: ReadonlyArray<readonly [(i: IndicatorInfo) => boolean, number]> = [
    [(i) => i.dim === 'SL', 2],
    [(i) => i.dim === 'ZL', 2],
    [(i) => i.dim === 'SX', 1],
    [(i) => dimensionGroup(i.dim) === '02', 1],
    [(i) => dimensionGroup(i.dim) === '03', 1],
    [(i) => dimensionGroup(i.dim) === '04', 1],
  ];
  for (const [matches, n] of wanted) {
    let need = n;
    for (const pool of [...pools, fallback]) {
      while (need > 0) {
        const options = pool.filter((i) => matches(i) && !used.has(i.id));
        if (options.length === 0) break;
        take(choose(options));
        need -= 1;
      }
    }
  }
  const size = Math.max(picks.length, rng.int(8, 10));
  for (const pool of [pools.flat(), fallback]) {
    while (picks.length < size) {
      const options = pool.filter((i) => !used.has(i.id));
      if (options.length === 0) break;
      take(choose(options));
    }
  }
  // Some effects are only described (定性): a few qualitative rows keep the quantified share near 80 %.
  const qualitative = [...pools.flat(), ...fallback].filter((i) => !isQuantitative(i));
  for (let extra = rng.int(0, 2); extra > 0; extra--) {
    const options = qualitative.filter((i) => !used.has(i.id));
    if (options.length === 0) break;
    take(rng.pick(options));
  }
  const order = (x: RowPick) => `${dimensionGroup(x.indicator.dim)}${x.indicator.dim}`;
  picks.sort((a, b) => order(a).localeCompare(order(b)));
  const first = picks.find((x) => x.indicator.dim === 'SL' && x.indicator.unit !== '%' && isQuantitative(x.indicator));
  if (first && p.termYears > 1 && rng.chance(0.35)) {
    const total = Number(first.value) * p.termYears;
    picks.splice(picks.indexOf(first) + 1, 0, { indicator: first.indicator, value: String(total), period: 'TOTAL' });
  }
  return picks;
}

/** Weights summing to 100: project rows 产出 50 / 效益 30 / 满意度 10 / 成本 10; department rows equal shares. */
function rowWeights(picks: RowPick[], isDept: boolean): string[] {
  return splitWeights(
    picks.map((x) => (isDept ? 'all' : dimensionGroup(x.indicator.dim))),
    { '01': 50, '02': 30, '03': 10, '04': 10 },
  );
}

function phrase(x: RowPick): string {
  const i = x.indicator;
  const unit = i.unit ?? '';
  const pct = unit === '%';
  switch (i.comparator) {
    case 'GE':
      return `${i.name}${pct ? '不低于' : '不少于'}${x.value}${unit}`;
    case 'GT':
      return `${i.name}高于${x.value}${unit}`;
    case 'EQ':
      return `${i.name}达到${x.value}${unit}`;
    case 'LE':
      return `${i.name}${pct ? '不高于' : '不超过'}${x.value}${unit}`;
    case 'LT':
      return `${i.name}低于${x.value}${unit}`;
    default:
      return `${i.name}为“${x.value}”`;
  }
}

function feedback(rng: Rng, e: ReviewEvent): string {
  if (e.stage === 'JOINT' && e.grade) return GRADE_FEEDBACK[e.grade];
  if (e.decision === 'RETURN') {
    const [a, b] = rng.sample(RETURN_FEEDBACK, 2);
    return rng.chance(0.5) ? `${a}${b}` : a!;
  }
  return rng.pick(PASS_FEEDBACK);
}

function gradeProposal(rng: Rng, t: Tgt, e: ReviewEvent): GradeCode | null {
  if (e.stage === 'JOINT') return e.grade ?? null;
  if (e.stage !== 'RECHECK' || e.decision !== 'PASS') return null;
  if (t.grade === 'EXCELLENT' || t.grade === 'GOOD') return rng.chance(0.8) ? t.grade : 'GOOD';
  return t.grade ?? rng.pick(['EXCELLENT', 'GOOD', 'GOOD'] as const);
}

function jointScores(rng: Rng, grade: GradeCode) {
  const [min, max] = TOTAL_RANGE[grade];
  const total = rng.int(min * 2, max * 2) / 2;
  const parts = splitScore(rng, total);
  const compliant = grade !== 'POOR' || rng.chance(0.6);
  const [good, weak] = CRITERION_COMMENTS.COMPLIANCE!;
  const scores = [
    { criterion: 'COMPLIANCE', score: null, passed: compliant, comment: compliant ? good : weak },
    ...SCORED.map((criterion, i) => {
      const score = parts[i]!;
      const [ok, poor] = CRITERION_COMMENTS[criterion]!;
      return { criterion, score, passed: null, comment: Number(score) >= 16 ? ok : poor };
    }),
  ];
  return { scores, total };
}

type RequestStatus = 'DRAFT' | 'IN_REVIEW' | 'RETURNED' | 'APPROVED' | 'REJECTED';
const REQUEST_STATUSES: ReadonlyArray<readonly [RequestStatus, number]> = [
  ['DRAFT', 10],
  ['IN_REVIEW', 25],
  ['RETURNED', 15],
  ['APPROVED', 35],
  ['REJECTED', 15],
];
const ADMIT_TASKS = ['智慧化管理覆盖率', '服务事项网上办理率', '设施设备完好率', '群众投诉办结率', '培训覆盖率'];

/**
 * The admission queue (入库/修改/出库申请): requests in every status, with approval records and decision times.
 * Approved admissions point at department indicators published for them; rejected ones at the duplicate.
 */
function buildAdmissionQueue(rng: Rng, lib: DemoContext, out: CityRows, spec: CitySpec, depts: Dept[], jx: Ref): void {
  const n = Math.max(10, Math.round(spec.size.projects / 60));
  const published = (d: Dept) =>
    lib.indicators.filter((i) => i.ownerDepartmentId === d.info.id && i.status === 'PUBLISHED' && i.enabled);
  const code = spec.code;
  for (let k = 0; k < n; k++) {
    const status: RequestStatus =
      k < REQUEST_STATUSES.length ? REQUEST_STATUSES[k]![0] : weighted(rng, REQUEST_STATUSES);
    const d = rng.pick(depts);
    const own = published(d);
    const existing = rng.pick(own);
    // Approved requests are admissions (their indicator is the published one); modifications and retirements wait.
    const type = status === 'APPROVED' ? 'ADMIT' : k % 4 === 2 ? 'MODIFY' : k % 6 === 1 ? 'RETIRE' : 'ADMIT';
    const line =
      type === 'ADMIT' && status !== 'APPROVED'
        ? {
            name: status === 'REJECTED' ? `${existing.name}（新增）` : `${d.info.spec.short}${rng.pick(ADMIT_TASKS)}`,
            comparator: 'GE',
            unit: '%',
            reference: '≥90%',
          }
        : {
            name: existing.name,
            comparator: existing.comparator,
            unit: existing.unit,
            reference: type === 'MODIFY' ? '≥95%' : existing.reference,
          };
    const created = workingTime(at(2021, 3, 1) + rng.int(0, 700) * DAY, rng);
    const submitted = status === 'DRAFT' ? null : created + rng.int(1, 48) * 3_600_000;
    const step =
      status === 'IN_REVIEW'
        ? rng.chance(0.4)
          ? 'DEPARTMENT_PRECHECK'
          : 'PERFORMANCE_REVIEW'
        : (null as string | null);
    const approvals: Array<readonly [string, string, string | null, number]> = [];
    if (submitted !== null) {
      const precheck = submitted + Math.round(Math.exp(normal(rng) * 0.6) * 1.5 * DAY);
      const final = precheck + Math.round(Math.exp(normal(rng) * 0.7) * 8 * DAY);
      if (step !== 'DEPARTMENT_PRECHECK') approvals.push(['DEPARTMENT_PRECHECK', 'PASS', null, precheck]);
      if (status === 'APPROVED')
        approvals.push(['PERFORMANCE_REVIEW', 'APPROVE', type === 'RETIRE' ? '同意出库。' : '同意。', final]);
      if (status === 'REJECTED')
        approvals.push([
          'PERFORMANCE_REVIEW',
          'REJECT',
          `重复指标，已有“${existing.name}”（${existing.code}）。`,
          final,
        ]);
      if (status === 'RETURNED')
        approvals.push(['PERFORMANCE_REVIEW', 'RETURN', '计算方法和数据来源不明确，请补充后重新提交。', final]);
    }
    const last = approvals.at(-1)?.[3] ?? submitted ?? created;
    const decided = status === 'APPROVED' || status === 'REJECTED' || status === 'RETURNED' ? last : null;
    const id = out.nextId('indicator_change_request');
    out.add('indicator_change_request', {
      id,
      fiscal_division_code: code,
      type,
      status,
      step,
      indicator_id: type === 'ADMIT' ? null : new Ref('indicator', existing.id),
      name: line.name,
      proposal: new Json({
        name: line.name,
        scope: existing.scope === 'COMMON' ? 'DEPARTMENT' : existing.scope,
        categoryId: new Ref('indicator_category', existing.categoryId),
        level1NodeId: new Ref('indicator_framework_node', existing.level1Id),
        level2NodeId: new Ref('indicator_framework_node', existing.level2Id),
        defaultComparator: line.comparator,
        defaultUnit: line.unit,
        valueType: line.comparator === 'QUALITATIVE' ? 'QUALITATIVE' : 'QUANTITATIVE',
        referenceValue: line.reference,
        visibility: 'PUBLIC',
      }),
      reason:
        type === 'RETIRE'
          ? '该指标已不适用于本部门项目，申请出库。'
          : type === 'MODIFY'
            ? '根据最新工作要求，建议调整该指标参考值。'
            : '现有指标库中暂无对应指标，申请新增入库。',
      example_project: null,
      department_id: d.ref,
      applicant_name: personName(spec.number + d.info.id + 50),
      result_indicator_id: status === 'APPROVED' && type !== 'RETIRE' ? new Ref('indicator', existing.id) : null,
      duplicate_of_id: status === 'REJECTED' ? new Ref('indicator', existing.id) : null,
      decision_comment: decided === null ? null : (approvals.at(-1)?.[2] ?? null),
      submitted_at: submitted === null ? null : iso(submitted),
      decided_at: decided === null ? null : iso(decided),
      created_at: iso(created),
      updated_at: iso(last),
      version: 1 + approvals.length,
    });
    for (const [stepName, decision, comment, when] of approvals) {
      out.add('indicator_change_approval', {
        id: out.nextId('indicator_change_approval'),
        fiscal_division_code: code,
        request_id: id,
        step: stepName,
        actor_name:
          stepName === 'DEPARTMENT_PRECHECK' ? personName(spec.number + d.info.id + 7) : personName(203 + jx.local),
        decision,
        comment,
        decided_at: iso(when),
      });
    }
  }
}

/** The demo city's code: generated cities never reuse it. */
export const DEMO_CITY = CITY;
