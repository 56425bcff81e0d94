import {
  at,
  DAY,
  type DemoContext,
  type ExAntePlan,
  type GradeCode,
  type ReviewEvent,
  roundYuan,
  type TargetInfo,
  type TargetStatusCode,
  workingTime,
} from './context';
import { REDUCE_REASONS } from './data/texts';
import { needsExAnte } from './projects';
import type { Rng } from './rng';

/** ~250 graded targets: 优 35%, 良 40%, 中 18%, 差 7%. */
const GRADE_COUNTS: Record<GradeCode, number> = { EXCELLENT: 88, GOOD: 100, FAIR: 45, POOR: 17 };
/** How the targets still in the workflow spread over its states (weights). */
const IN_FLIGHT: ReadonlyArray<readonly [TargetStatusCode | 'RETURNED', number]> = [
  ['DRAFT', 3],
  ['RETURNED', 3],
  ['DEPARTMENT_REVIEW', 3],
  ['INITIAL_REVIEW', 5],
  ['RECHECK', 3],
  ['JOINT_REVIEW', 3],
];
const BUDGET_APPROVED = at(2022, 1, 14, 10);
const SPLIT_APPROVED = at(2022, 2, 15, 10);
const JOINT_WINDOW = at(2021, 11, 15, 9);

type Flow = TargetStatusCode | 'RETURNED';

/** Creates the 2022 targets and decides each one's status, grade, ex-ante outcome, budget decision and dates. */
export function planTargets(ctx: DemoContext): void {
  const rng = ctx.rng;
  const make = (
    kind: TargetInfo['kind'],
    fields: Partial<TargetInfo> & Pick<TargetInfo, 'dept' | 'funds'>,
  ): TargetInfo => {
    const t: TargetInfo = {
      id: ctx.nextId('performance_target'),
      kind,
      status: 'DRAFT',
      grade: null,
      returns: [],
      exAnte: null,
      decision: null,
      decisionReason: null,
      mergedIntoId: null,
      submitToCongress: false,
      createdAt: 0,
      submittedAt: null,
      approvedAt: null,
      updatedAt: 0,
      rowIds: [],
      events: [],
      ...fields,
    };
    ctx.targets.push(t);
    return t;
  };
  for (const p of ctx.projects) make('PROJECT', { dept: p.dept, project: p, funds: p.requested });
  for (const d of ctx.departments) {
    const own = ctx.projects.filter((p) => p.dept === d).reduce((s, p) => s + p.requested, 0);
    make('DEPARTMENT', { dept: d, funds: roundYuan(own * (1.2 + rng.next() * 0.4) + 3_000_000) });
  }

  // Grades: the named examples keep theirs; 差 only for project targets.
  const left = { ...GRADE_COUNTS };
  const flows = new Map<TargetInfo, Flow>();
  const pool: TargetInfo[] = [];
  for (const t of ctx.targets) {
    const fixed = t.project?.fixed;
    if (fixed) {
      t.grade = fixed.grade;
      left[fixed.grade] -= 1;
    } else pool.push(t);
  }
  const shuffled = rng.shuffle(pool);
  // 差 mostly hits the smaller projects: the large ones were coached on site (以审代培).
  const poor = shuffled.filter((t) => t.kind === 'PROJECT' && t.project!.requested <= 100_000_000).slice(0, left.POOR);
  for (const t of poor) t.grade = 'POOR';
  const rest = shuffled.filter((t) => t.grade === null);
  const tokens = rng.shuffle([
    ...Array<GradeCode>(left.EXCELLENT).fill('EXCELLENT'),
    ...Array<GradeCode>(left.GOOD).fill('GOOD'),
    ...Array<GradeCode>(left.FAIR).fill('FAIR'),
  ]);
  if (rest.length < tokens.length) throw new Error('not enough targets for the grade mix');
  tokens.forEach((g, i) => {
    rest[i]!.grade = g;
  });
  const weightTotal = IN_FLIGHT.reduce((s, [, w]) => s + w, 0);
  rest.slice(tokens.length).forEach((t, i, all) => {
    const slot = (i / all.length) * weightTotal;
    let acc = 0;
    let flow: Flow = 'DRAFT';
    for (const [state, w] of IN_FLIGHT) {
      acc += w;
      if (acc > slot) {
        flow = state;
        break;
      }
    }
    flows.set(t, flow);
  });

  for (const t of ctx.targets) {
    const flow: Flow =
      t.grade === null
        ? (flows.get(t) ?? 'DRAFT')
        : t.grade === 'FAIR'
          ? 'DRAFT'
          : t.grade === 'POOR'
            ? 'BLOCKED'
            : !t.project?.fixed && rng.chance(0.08)
              ? 'READY_FOR_BUDGET'
              : 'APPROVED';
    t.status = flow === 'RETURNED' ? 'DRAFT' : flow;
    if (t.project && needsExAnte(t.project)) t.exAnte = exAntePlan(t, flow);
  }
  applyExAnteRule(ctx);
  mergeSomeProjects(ctx);
  decide(ctx);
  for (const t of ctx.targets) timeline(ctx, t, flows.get(t));
  addRegionalShares(ctx);
  for (const p of ctx.projects) {
    const t = ctx.targets.find((x) => x.kind === 'PROJECT' && x.project === p)!;
    p.createdAt = t.createdAt - rng.int(5, 20) * DAY;
    p.updatedAt = t.updatedAt;
    p.phase = phaseOf(t, rng.chance(0.5));
  }
}

function exAntePlan(t: TargetInfo, flow: Flow): ExAntePlan {
  switch (t.grade) {
    case 'EXCELLENT':
      return 'SUPPORT';
    case 'GOOD':
    case 'FAIR':
      return t.id % 2 === 0 ? 'SUPPORT' : 'SUPPORT_AFTER_REVISION';
    case 'POOR':
      return t.id % 3 === 0 ? 'SUPPORT_AFTER_REVISION' : 'NOT_SUPPORT';
    default:
      if (flow === 'DRAFT') return t.id % 2 === 0 ? 'MISSING' : 'SELF_ONLY';
      if (flow === 'RETURNED' || flow === 'DEPARTMENT_REVIEW') return 'SELF_ONLY';
      return t.id % 3 === 0 ? 'SUPPORT_AFTER_REVISION' : 'SUPPORT';
  }
}

/** No ex-ante assessment, or "do not support": the budget is cancelled or deferred (one example each). */
function applyExAnteRule(ctx: DemoContext): void {
  const candidates = ctx.targets.filter(
    (t) => t.grade === 'GOOD' && t.exAnte && !t.project?.fixed && !t.project?.parentId,
  );
  const [missing, notSupport] = candidates;
  if (missing) {
    missing.exAnte = 'MISSING';
    missing.status = 'BLOCKED';
    missing.decision = 'CANCELLED';
    missing.decisionReason = '新增专项资金未按规定开展事前绩效评估，取消安排预算，不再进入预算安排程序。';
  }
  if (notSupport) {
    notSupport.exAnte = 'NOT_SUPPORT';
    notSupport.status = 'BLOCKED';
    notSupport.decision = 'DEFERRED';
    notSupport.decisionReason = '事前绩效评估结论为“建议不予支持”，暂缓安排预算。';
  }
  // 优 goes to the People's Congress with the draft budget when no ex-ante is needed or it recommends support.
  for (const t of ctx.targets) {
    t.submitToCongress =
      t.grade === 'EXCELLENT' &&
      (t.status === 'APPROVED' || t.status === 'READY_FOR_BUDGET') &&
      (t.exAnte ?? 'SUPPORT') === 'SUPPORT';
  }
}

/** A few 良 projects are merged (整合) into another approved project of the same department. */
function mergeSomeProjects(ctx: DemoContext): void {
  let merged = 0;
  for (const t of ctx.targets) {
    if (merged >= 8) break;
    if (t.kind !== 'PROJECT' || t.grade !== 'GOOD' || t.status !== 'APPROVED' || t.project?.fixed || t.exAnte) continue;
    if ((t.project?.requested ?? 0) > 30_000_000) continue;
    const into = ctx.targets.find(
      (o) =>
        o !== t &&
        o.kind === 'PROJECT' &&
        o.dept === t.dept &&
        o.status === 'APPROVED' &&
        o.project?.budgetType === t.project?.budgetType,
    );
    if (!into?.project || !t.project || ctx.rng.chance(0.5)) continue;
    t.status = 'BLOCKED';
    t.decision = 'MERGED';
    t.mergedIntoId = into.project.id;
    t.decisionReason = `与“${into.project.name}”项目内容交叉重复，整合至该项目统筹安排。`;
    merged += 1;
  }
}

function decide(ctx: DemoContext): void {
  const rng = ctx.rng;
  for (const t of ctx.targets) {
    if (t.kind !== 'PROJECT' || t.decision) continue;
    const fixed = t.project?.fixed;
    if (t.status === 'APPROVED') {
      const full = fixed ? fixed.decision === 'FULL' : rng.chance(t.grade === 'EXCELLENT' ? 0.55 : 0.2);
      t.decision = full ? 'FULL' : 'REDUCED';
      t.decisionReason = full
        ? `绩效目标审核等次为${t.grade === 'EXCELLENT' ? '优' : '良'}，按申报数全额安排。`
        : rng.pick(REDUCE_REASONS);
    } else if (t.status === 'BLOCKED') {
      const cancel = rng.chance(0.6);
      t.decision = cancel ? 'CANCELLED' : 'DEFERRED';
      t.decisionReason = cancel
        ? '绩效目标审核等次为差，项目取消，不再进入预算安排程序。'
        : '绩效目标审核不合格且实施条件不充分，暂缓安排预算，待完善后重新申报。';
    }
  }
}

/** How far the last round got, for each state: 0 submitted … 5 joint review done. */
const LEVEL: Partial<Record<string, number>> = {
  DEPARTMENT_REVIEW: 0,
  INITIAL_REVIEW: 2,
  RECHECK: 3,
  JOINT_REVIEW: 4,
  GRADED: 5,
};

export type ReturnStage = TargetInfo['returns'][number];

/**
 * The review events of one target: each earlier round ends in a return at its stage, then the last round goes as far
 * as the target's state says (`LEVEL`). Shared by the demo data and the generator (`npm run generate`).
 */
export function reviewRounds(
  rng: Rng,
  grade: GradeCode | null,
  returns: readonly ReturnStage[],
  finalFlow: string,
  dates: { start: number; jointWindow: number },
): { events: ReviewEvent[]; submittedAt: number | null } {
  const events: ReviewEvent[] = [];
  let now = dates.start;
  let submittedAt: number | null = null;
  const after = (from: number, min: number, max: number) => workingTime(from + rng.int(min, max) * DAY, rng);

  const runRound = (round: number, level: number, ret: ReturnStage | null) => {
    submittedAt = now;
    const push = (stage: ReviewEvent['stage'], decision: ReviewEvent['decision'], when: number) => {
      events.push({ stage, decision, at: when, round });
      now = Math.max(now, when);
    };
    if (level < 1 && !ret) return;
    push('DEPARTMENT', ret === 'DEPARTMENT' ? 'RETURN' : 'PASS', after(now, 1, 3));
    if (ret === 'DEPARTMENT') return;
    const base = now;
    const [first, second] = rng.chance(0.5)
      ? (['INITIAL_EXPENDITURE', 'INITIAL_EVALUATION'] as const)
      : (['INITIAL_EVALUATION', 'INITIAL_EXPENDITURE'] as const);
    const firstAt = after(base, 3, 7);
    if (ret === 'INITIAL') {
      push(first, 'RETURN', firstAt);
      if (rng.chance(0.5)) push(second, 'PASS', after(base, 2, 8));
      return;
    }
    if (level === 2) return push(first, 'PASS', firstAt);
    push(first, 'PASS', firstAt);
    push(second, 'PASS', after(base, 3, 9));
    if (level < 4 && !ret) return;
    push('RECHECK', ret === 'RECHECK' ? 'RETURN' : 'PASS', after(now, 3, 7));
    if (ret === 'RECHECK' || (level < 5 && !ret)) return;
    const joint = workingTime(Math.max(now + rng.int(3, 6) * DAY, dates.jointWindow + rng.int(0, 24) * DAY), rng);
    const decision = ret === 'JOINT' ? 'RETURN' : grade === 'POOR' ? 'REJECT' : 'PASS';
    events.push({ stage: 'JOINT', decision, at: joint, round, grade: grade ?? undefined });
    now = joint;
  };

  returns.forEach((stage, round) => {
    runRound(round, 0, stage);
    now += rng.int(5, 12) * DAY;
  });
  const level = LEVEL[finalFlow];
  if (level !== undefined && grade !== 'FAIR') runRound(returns.length, level, null);

  events.sort((a, b) => a.at - b.at);
  return { events, submittedAt };
}

/** Submission, review events and dates of one target (dates in late 2021 for the 2022 budget). */
function timeline(ctx: DemoContext, t: TargetInfo, flow: Flow | undefined): void {
  const rng = ctx.rng;
  t.createdAt = workingTime(at(2021, 8, 2) + rng.int(0, 28) * DAY, rng);
  const finalFlow = t.grade !== null ? 'GRADED' : (flow ?? 'DRAFT');
  const returns: ReturnStage[] = [];
  if (finalFlow !== 'DRAFT') {
    const earlier = rng.next() < 0.65 ? 0 : rng.next() < 0.8 ? 1 : 2;
    for (let i = 0; i < earlier; i++)
      returns.push(rng.pick(['INITIAL', 'INITIAL', 'INITIAL', 'DEPARTMENT', 'RECHECK'] as const));
  }
  if (finalFlow === 'RETURNED' && returns.length === 0) returns.push('INITIAL');
  if (t.grade === 'FAIR') returns.push('JOINT');

  const { events, submittedAt } = reviewRounds(rng, t.grade, returns, finalFlow, {
    start: t.createdAt + rng.int(10, 25) * DAY,
    jointWindow: JOINT_WINDOW,
  });
  t.returns = returns;
  t.events = events;
  t.submittedAt = submittedAt;
  const last = events.at(-1)?.at ?? submittedAt ?? t.createdAt;
  if (t.status === 'APPROVED') t.approvedAt = BUDGET_APPROVED;
  t.updatedAt =
    t.status === 'APPROVED'
      ? BUDGET_APPROVED
      : t.status === 'BLOCKED' || t.status === 'READY_FOR_BUDGET'
        ? last + 2 * DAY
        : last;
}

/** The district shares of the special transfer payments, split down with the money. */
function addRegionalShares(ctx: DemoContext): void {
  for (const parent of [...ctx.targets]) {
    const regions = parent.project?.regions;
    if (parent.kind !== 'PROJECT' || !regions) continue;
    for (const [code, share] of regions) {
      const created = workingTime(SPLIT_APPROVED - ctx.rng.int(10, 20) * DAY, ctx.rng);
      const t: TargetInfo = {
        id: ctx.nextId('performance_target'),
        kind: 'TRANSFER_REGIONAL',
        dept: parent.dept,
        project: parent.project,
        parent,
        regionCode: code,
        funds: roundYuan(parent.funds * share),
        status: 'APPROVED',
        grade: null,
        returns: [],
        exAnte: null,
        decision: null,
        decisionReason: null,
        mergedIntoId: null,
        submitToCongress: false,
        createdAt: created,
        submittedAt: created + 2 * DAY,
        approvedAt: SPLIT_APPROVED,
        updatedAt: SPLIT_APPROVED,
        rowIds: [],
        events: [],
      };
      ctx.targets.push(t);
    }
  }
}

function phaseOf(t: TargetInfo, coin: boolean): string {
  if (t.status === 'APPROVED') return 'BUDGETED';
  if (t.decision === 'CANCELLED' || t.decision === 'MERGED') return 'ENDED';
  if (t.decision === 'DEFERRED') return 'CANDIDATE';
  if (t.status === 'DRAFT' && t.returns.length === 0) return coin ? 'CANDIDATE' : 'ADMITTED';
  return 'ADMITTED';
}
