import {
  DAY,
  type DecisionCode,
  type DemoContext,
  type DepartmentInfo,
  type ExAntePlan,
  iso,
  money,
  type ProjectInfo,
  roundYuan,
  splitScore,
  workingTime,
} from './context';
import {
  DEPARTMENT_PROJECT_TEMPLATES,
  GENERIC_PROJECT_TEMPLATES,
  NAMED_PROJECTS,
  type NamedProjectSpec,
  type SizeClass,
} from './data/projects';
import { CITY } from './data/reference';
import { EXANTE_SUMMARY, REDUCE_REASONS } from './data/texts';
import { commonKey, libraryKey } from './library';

const SIZE_RANGE: Record<SizeClass, readonly [number, number]> = {
  S: [100_000, 2_000_000],
  M: [1_000_000, 30_000_000],
  L: [20_000_000, 200_000_000],
  X: [100_000_000, 500_000_000],
};

interface NewProject {
  dept: DepartmentInfo;
  name: string;
  budgetType: string;
  fc: string;
  category: string;
  attribute: 'NEW' | 'CONTINUING';
  startYear: number;
  termYears: number;
  majorPolicy: boolean;
  specialFund: boolean;
  transfer: boolean;
  parentId: number | null;
  requested: number;
  categoryIds: number[];
  named?: NamedProjectSpec;
}

/** About 300 projects over the 90 first-level units, in all four budgets. */
export function buildProjects(ctx: DemoContext): void {
  const counters = new Map<string, number>();
  const add = (p: NewProject): ProjectInfo => {
    const n = (counters.get(p.dept.spec.code) ?? 0) + 1;
    counters.set(p.dept.spec.code, n);
    const info: ProjectInfo = {
      id: ctx.nextId('project'),
      code: `410100${p.startYear % 100}${p.dept.spec.code}${String(n).padStart(3, '0')}`,
      name: p.name,
      dept: p.dept,
      budgetType: p.budgetType,
      fc: p.fc,
      category: p.category,
      attribute: p.attribute,
      startYear: p.startYear,
      termYears: p.termYears,
      majorPolicy: p.majorPolicy,
      specialFund: p.specialFund,
      transfer: p.transfer,
      parentId: p.parentId,
      requested: p.requested,
      categoryIds: p.categoryIds,
      namedRows: p.named?.rows,
      fixed: p.named?.fixed,
      regions: p.named?.regions,
      phase: 'ADMITTED',
      createdAt: 0,
      updatedAt: 0,
    };
    ctx.projects.push(info);
    return info;
  };

  const named = new Set(NAMED_PROJECTS.map((p) => p.name));
  for (const spec of NAMED_PROJECTS) {
    const dept = ctx.department(spec.dept);
    const categoryIds = [
      ...(spec.library ? [ctx.category(libraryKey(spec.library))] : []),
      ctx.category(commonKey(spec.common)),
    ];
    const base = {
      dept,
      budgetType: spec.budgetType,
      fc: spec.fc,
      category: '特定目标类',
      attribute: spec.attribute,
      startYear: spec.startYear,
      termYears: spec.termYears,
      majorPolicy: spec.majorPolicy ?? false,
      specialFund: spec.specialFund ?? false,
      categoryIds,
    };
    const parent = add({
      ...base,
      name: spec.name,
      transfer: spec.transfer ?? false,
      parentId: null,
      requested: spec.requested * 10_000,
      named: spec,
    });
    for (const [name, requested] of spec.children ?? []) {
      add({ ...base, name, transfer: false, parentId: parent.id, requested: requested * 10_000 });
    }
  }

  for (const dept of ctx.departments) {
    const already = NAMED_PROJECTS.filter((p) => p.dept === dept.spec.code).length;
    const want = Math.max(1, dept.spec.weight + (dept.spec.weight >= 3 ? 1 : 0) - already);
    const candidates = templateCandidates(dept).filter((c) => !named.has(c.name));
    for (const c of candidates.slice(0, want)) {
      const rng = ctx.rng;
      const isNew = rng.chance(0.4);
      const startYear = isNew ? 2022 : rng.int(2018, 2021);
      const big = c.size === 'L' || c.size === 'X';
      const [min, max] = SIZE_RANGE[c.size];
      add({
        dept,
        name: c.name,
        budgetType: 'GENERAL_PUBLIC',
        fc: c.fc,
        category: c.common === '09' ? '其他运转类' : c.category,
        attribute: isNew ? 'NEW' : 'CONTINUING',
        startYear,
        termYears: isNew ? rng.pick([1, 1, 2, 3]) : 2022 - startYear + rng.int(1, 3),
        majorPolicy: isNew && big && rng.chance(0.35),
        specialFund: isNew && (big ? rng.chance(0.75) : c.size === 'M' && rng.chance(0.25)),
        transfer: false,
        parentId: null,
        requested: roundYuan(rng.logUniform(min, max)),
        categoryIds: [...(c.library ? [ctx.category(libraryKey(c.library))] : []), ctx.category(commonKey(c.common))],
      });
    }
  }
}

/** Writes the project rows once the target plan has set their phase and dates. */
export function writeProjects(ctx: DemoContext): void {
  for (const p of ctx.projects) {
    ctx.add('project', {
      id: p.id,
      fiscal_division_code: CITY,
      code: p.code,
      name: p.name,
      department_id: p.dept.id,
      managing_division_id: p.dept.divisionId,
      category: p.category,
      attribute: p.attribute,
      start_year: p.startYear,
      term_years: p.termYears,
      function_class_code: p.fc,
      budget_type: p.budgetType,
      major_policy: p.majorPolicy,
      special_fund: p.specialFund,
      transfer_payment: p.transfer,
      phase: p.phase,
      parent_id: p.parentId,
      description: `${p.dept.spec.name}申报的${p.name}项目，${p.attribute === 'NEW' ? `${p.startYear}年新增` : `${p.startYear}年起延续实施`}，实施期${p.termYears}年。`,
      created_at: iso(p.createdAt),
      updated_at: iso(p.updatedAt),
      version: 1,
    });
  }
}

export interface Candidate {
  name: string;
  library: string | null;
  common: string;
  fc: string;
  size: SizeClass;
  category: string;
}

/** A department's project templates: its own, then the generic ones its own do not already cover. */
export function templateCandidates(dept: DepartmentInfo): Candidate[] {
  const own = (DEPARTMENT_PROJECT_TEMPLATES[dept.spec.code] ?? '')
    .trim()
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l): Candidate => {
      const [name, library, common, fc, size] = l.split('|');
      return {
        name: name!,
        library: library === '-' ? null : library!,
        common: common!,
        fc: fc!,
        size: size as SizeClass,
        category: '特定目标类',
      };
    });
  const mentioned = (duty: string) => own.some((c) => c.name.includes(duty) || duty.includes(c.name));
  const generic = GENERIC_PROJECT_TEMPLATES.filter(
    ([pattern]) =>
      !(pattern.includes('{duty1}') && mentioned(dept.spec.duties[0])) &&
      !(pattern.includes('{duty2}') && mentioned(dept.spec.duties[1])),
  ).map(
    ([pattern, common, size, category]): Candidate => ({
      name: pattern
        .replace('{short}', dept.spec.short)
        .replace('{duty1}', dept.spec.duties[0])
        .replace('{duty2}', dept.spec.duties[1]),
      library: null,
      common,
      fc: dept.spec.fc,
      size,
      category,
    }),
  );
  return [...own, ...generic];
}

/** Whether a project needs an ex-ante assessment: every new major policy and special fund. */
export function needsExAnte(p: ProjectInfo): boolean {
  return p.attribute === 'NEW' && (p.majorPolicy || p.specialFund);
}

/** Project budgets for 2022 (and 2021 for continuing projects), from the targets' outcome. */
export function buildBudgets(ctx: DemoContext): void {
  const rng = ctx.rng;
  for (const t of ctx.targets) {
    const p = t.project;
    if (t.kind !== 'PROJECT' || !p) continue;
    const requested = p.requested;
    let audited: number | null = null;
    let approved: number | null = null;
    const decided: DecisionCode | null = t.decision;
    if (decided === 'FULL') {
      audited = requested;
      approved = requested;
    } else if (decided === 'REDUCED') {
      audited = roundYuan(requested * (0.45 + rng.next() * 0.35));
      approved = rng.chance(0.3) ? roundYuan(audited * (0.9 + rng.next() * 0.1)) : audited;
    } else if (decided) {
      audited = roundYuan(requested * (0.6 + rng.next() * 0.4));
      approved = 0;
    } else if (['READY_FOR_BUDGET', 'RECHECK', 'JOINT_REVIEW'].includes(t.status) || t.grade === 'FAIR') {
      audited = rng.chance(0.4) ? requested : roundYuan(requested * (0.7 + rng.next() * 0.3));
    }
    ctx.add('project_budget', {
      id: ctx.nextId('project_budget'),
      fiscal_division_code: CITY,
      project_id: p.id,
      fiscal_year: 2022,
      requested: money(requested),
      audited: audited === null ? null : money(audited),
      approved: approved === null ? null : money(approved),
      decision: decided,
      decision_reason: t.decisionReason,
      merged_into_id: t.mergedIntoId,
      created_at: iso(t.createdAt),
      updated_at: iso(t.updatedAt),
      version: 1,
    });
    if (p.attribute === 'CONTINUING' && p.startYear <= 2021) {
      const req21 = roundYuan(requested * (0.85 + rng.next() * 0.25));
      const full = rng.chance(0.5);
      const app21 = full ? req21 : roundYuan(req21 * (0.7 + rng.next() * 0.25));
      ctx.add('project_budget', {
        id: ctx.nextId('project_budget'),
        fiscal_division_code: CITY,
        project_id: p.id,
        fiscal_year: 2021,
        requested: money(req21),
        audited: money(app21),
        approved: money(app21),
        decision: full ? 'FULL' : 'REDUCED',
        decision_reason: full ? '绩效目标审核通过，按申报数全额安排。' : rng.pick(REDUCE_REASONS),
        merged_into_id: null,
        created_at: iso(t.createdAt - 365 * DAY),
        updated_at: iso(t.createdAt - 200 * DAY),
        version: 1,
      });
    }
  }
}

/** Ex-ante assessments (事前绩效评估) of the new major policies and special funds, following each target's plan. */
export function buildExAnte(ctx: DemoContext): void {
  const rng = ctx.rng;
  for (const t of ctx.targets) {
    const p = t.project;
    if (!p || t.kind !== 'PROJECT' || !t.exAnte || t.exAnte === 'MISSING') continue;
    const self = stageScore(t.exAnte, 'SELF');
    const selfAt = workingTime(t.createdAt - rng.int(10, 25) * DAY, rng);
    addAssessment(ctx, p, 'SELF', p.dept.spec.name, self, selfAt);
    if (t.exAnte === 'SELF_ONLY') continue;
    const audit = stageScore(t.exAnte, 'FINANCE_AUDIT');
    const auditAt = workingTime((t.submittedAt ?? t.createdAt) + rng.int(3, 12) * DAY, rng);
    addAssessment(ctx, p, 'FINANCE_AUDIT', '郑州市财政局预算绩效评价中心', audit, auditAt);
    if (p.majorPolicy && t.exAnte === 'SUPPORT' && p.requested >= 200_000_000) {
      addAssessment(
        ctx,
        p,
        'THIRD_PARTY',
        '受托第三方评估机构',
        stageScore('SUPPORT', 'THIRD_PARTY'),
        auditAt + rng.int(4, 8) * DAY,
      );
    }
  }

  function stageScore(plan: ExAntePlan, stage: string): number {
    const half = (min: number, max: number) => rng.int(min * 2, max * 2) / 2;
    if (stage === 'SELF') return plan === 'NOT_SUPPORT' ? half(76, 88) : half(88, 97);
    if (plan === 'SUPPORT') return half(90, 97);
    if (plan === 'SUPPORT_AFTER_REVISION') return half(72, 89);
    return half(52, 68);
  }
}

function addAssessment(
  ctx: DemoContext,
  p: ProjectInfo,
  stage: string,
  assessor: string,
  total: number,
  atMs: number,
): void {
  const [necessity, economy, target, feasibility, funding] = splitScore(ctx.rng, total);
  const conclusion = total >= 90 ? 'SUPPORT' : total >= 70 ? 'SUPPORT_AFTER_REVISION' : 'NOT_SUPPORT';
  ctx.add('ex_ante_assessment', {
    id: ctx.nextId('ex_ante_assessment'),
    fiscal_division_code: CITY,
    project_id: p.id,
    fiscal_year: 2022,
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
    assessed_at: iso(atMs),
    created_at: iso(atMs),
    updated_at: iso(atMs),
  });
}
