/**
 * The target review lifecycle (绩效目标审核流程) as a table in plain code: (state, action, permission) → next state,
 * exactly the diagram of domain.md §4. Pure: no database, no context; the workflow service feeds it facts (which
 * initial stages already passed this round, the grade, the ex-ante outcome) and applies what it answers.
 */
import { DomainError } from '../../shared/errors';
import { Role } from '../identity/identity.enums';
import { Permission, permissionsOf } from '../identity/identity.permissions';
import { Grade, TargetStatus } from './target.enums';

/** What an actor can do to a target. */
export enum TargetAction {
  SUBMIT = 'SUBMIT',
  PASS = 'PASS',
  RETURN = 'RETURN',
  GRADE = 'GRADE',
  REFINE = 'REFINE',
  APPROVE = 'APPROVE',
}

/** The two halves of the dual initial review (双初审). */
export type InitialStage = 'INITIAL_EXPENDITURE' | 'INITIAL_EVALUATION';

/** What the ex-ante assessment (事前绩效评估) says for the target's project and year. */
export type ExAnteOutcome = 'NOT_NEEDED' | 'SUPPORT' | 'SUPPORT_AFTER_REVISION' | 'NOT_SUPPORT' | 'MISSING';

export interface MachineFacts {
  /** For PASS in INITIAL_REVIEW: the stage the actor reviews for. */
  initialStage?: InitialStage;
  /** For PASS in INITIAL_REVIEW: the initial stages that already passed in the current round. */
  passedInitialStages?: readonly InitialStage[];
  /** For GRADE: the grade the joint review gave. */
  grade?: Grade;
  /** For GRADE: the ex-ante outcome of the target's project. */
  exAnte?: ExAnteOutcome;
}

export interface Transition {
  readonly to: TargetStatus;
  /**
   * The review round goes up by one. Every return to the department counts a round (the diagram names it for the
   * dual initial review; counting the others too keeps "both initial passes in the current round" exact after a
   * return from re-check or a 中 grade).
   */
  readonly nextRound?: boolean;
  /** 优 with ex-ante support: flagged to go to the People's Congress with the draft budget. */
  readonly submitToCongress?: boolean;
}

type Resolve = (facts: MachineFacts) => Transition;

interface Step {
  readonly from: TargetStatus;
  readonly action: TargetAction;
  readonly permission: Permission;
  readonly resolve: Resolve;
}

const to =
  (status: TargetStatus, extra: Omit<Transition, 'to'> = {}): Resolve =>
  () => ({ to: status, ...extra });

const BOTH_INITIAL: readonly InitialStage[] = ['INITIAL_EXPENDITURE', 'INITIAL_EVALUATION'];

/** Both halves of the dual initial review must pass in the same round; the second pass moves it on. */
const initialPass: Resolve = (facts) => {
  if (!facts.initialStage) throw new Error('machine: PASS in INITIAL_REVIEW needs the initial stage');
  const passed = new Set([...(facts.passedInitialStages ?? []), facts.initialStage]);
  return BOTH_INITIAL.every((s) => passed.has(s)) ? { to: TargetStatus.RECHECK } : { to: TargetStatus.INITIAL_REVIEW };
};

/**
 * The consequence of the joint review's grade: 优 with support (or no ex-ante needed) → ready for budget, flagged for
 * the People's Congress; 良 → graded, the bureau refines; 中 → back to the department; 差, or an ex-ante assessment
 * that is needed but missing or not supporting → blocked.
 */
export const gradeOutcome: Resolve = (facts) => {
  if (!facts.grade) throw new Error('machine: GRADE needs the grade');
  const exAnte = facts.exAnte ?? 'NOT_NEEDED';
  if (facts.grade === Grade.POOR || exAnte === 'MISSING' || exAnte === 'NOT_SUPPORT') {
    return { to: TargetStatus.BLOCKED };
  }
  if (facts.grade === Grade.FAIR) return { to: TargetStatus.DRAFT, nextRound: true };
  if (facts.grade === Grade.GOOD) return { to: TargetStatus.GRADED };
  if (exAnte === 'SUPPORT' || exAnte === 'NOT_NEEDED') {
    return { to: TargetStatus.READY_FOR_BUDGET, submitToCongress: true };
  }
  // 优 with "support after revision": arranged in the budget, but not flagged for the People's Congress.
  return { to: TargetStatus.READY_FOR_BUDGET, submitToCongress: false };
};

/** The lifecycle, one row per legal step. */
export const TARGET_MACHINE: readonly Step[] = [
  {
    from: TargetStatus.DRAFT,
    action: TargetAction.SUBMIT,
    permission: Permission.WriteProject,
    resolve: to(TargetStatus.DEPARTMENT_REVIEW),
  },
  {
    from: TargetStatus.DEPARTMENT_REVIEW,
    action: TargetAction.PASS,
    permission: Permission.ReviewDepartment,
    resolve: to(TargetStatus.INITIAL_REVIEW),
  },
  {
    from: TargetStatus.DEPARTMENT_REVIEW,
    action: TargetAction.RETURN,
    permission: Permission.ReviewDepartment,
    resolve: to(TargetStatus.DRAFT, { nextRound: true }),
  },
  {
    from: TargetStatus.INITIAL_REVIEW,
    action: TargetAction.PASS,
    permission: Permission.ReviewInitial,
    resolve: initialPass,
  },
  {
    from: TargetStatus.INITIAL_REVIEW,
    action: TargetAction.RETURN,
    permission: Permission.ReviewInitial,
    resolve: to(TargetStatus.DRAFT, { nextRound: true }),
  },
  {
    from: TargetStatus.RECHECK,
    action: TargetAction.PASS,
    permission: Permission.Recheck,
    resolve: to(TargetStatus.JOINT_REVIEW),
  },
  {
    from: TargetStatus.RECHECK,
    action: TargetAction.RETURN,
    permission: Permission.Recheck,
    resolve: to(TargetStatus.DRAFT, { nextRound: true }),
  },
  {
    from: TargetStatus.JOINT_REVIEW,
    action: TargetAction.GRADE,
    permission: Permission.GradeTarget,
    resolve: gradeOutcome,
  },
  {
    from: TargetStatus.GRADED,
    action: TargetAction.REFINE,
    permission: Permission.GradeTarget,
    resolve: to(TargetStatus.READY_FOR_BUDGET),
  },
  {
    from: TargetStatus.READY_FOR_BUDGET,
    action: TargetAction.APPROVE,
    permission: Permission.DecideBudget,
    resolve: to(TargetStatus.APPROVED),
  },
];

/** The actions anyone may take in a state (whatever their role). */
export function actionsIn(state: TargetStatus): TargetAction[] {
  return [...new Set(TARGET_MACHINE.filter((s) => s.from === state).map((s) => s.action))];
}

/** The actions callers with these roles may take in a state. */
export function allowedActions(state: TargetStatus, roles: readonly Role[]): TargetAction[] {
  const permissions = permissionsOf(roles);
  return [
    ...new Set(TARGET_MACHINE.filter((s) => s.from === state && permissions.has(s.permission)).map((s) => s.action)),
  ];
}

export function invalidTransition(state: TargetStatus, action: TargetAction, roles: readonly Role[]): DomainError {
  const allowed = allowedActions(state, roles);
  const possible = actionsIn(state);
  return new DomainError(
    'INVALID_TRANSITION',
    `A target in ${state} cannot be ${action}ed; allowed here: ${possible.length ? possible.join(', ') : 'nothing (final state)'}${
      allowed.length < possible.length ? ` (for you: ${allowed.join(', ') || 'none'})` : ''
    }.`,
    { currentState: state, action, allowedActions: possible, yourActions: allowed },
  );
}

/**
 * The next state of a target when callers with `roles` take `action` in `state`: INVALID_TRANSITION when the state
 * has no such step, FORBIDDEN when it has one but not for these roles.
 */
export function nextState(
  state: TargetStatus,
  action: TargetAction,
  ctx: { roles: readonly Role[] } & MachineFacts,
): Transition {
  const steps = TARGET_MACHINE.filter((s) => s.from === state && s.action === action);
  if (steps.length === 0) throw invalidTransition(state, action, ctx.roles);
  const permissions = permissionsOf(ctx.roles);
  const step = steps.find((s) => permissions.has(s.permission));
  if (!step) {
    throw new DomainError(
      'FORBIDDEN',
      `${action} on a target in ${state} needs the permission ${steps.map((s) => s.permission).join(' or ')}, which your roles (${ctx.roles.join(', ') || 'none'}) do not grant.`,
      { currentState: state, action },
    );
  }
  return step.resolve(ctx);
}

/** The initial stage a reviewer acts for, from their role: expenditure division or evaluation center. */
export function initialStageOf(roles: readonly Role[], passed: readonly InitialStage[] = []): InitialStage | null {
  const candidates: InitialStage[] = [];
  if (roles.includes(Role.EXPENDITURE_REVIEWER)) candidates.push('INITIAL_EXPENDITURE');
  if (roles.includes(Role.EVALUATION_REVIEWER)) candidates.push('INITIAL_EVALUATION');
  return candidates.find((c) => !passed.includes(c)) ?? candidates[0] ?? null;
}
