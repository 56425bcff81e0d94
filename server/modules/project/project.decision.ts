import type { EntityManager } from '@mikro-orm/postgresql';
import { Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { Context } from '../../shared/context';
import { DomainError, notFound } from '../../shared/errors';
import { fresh } from '../../shared/loaders';
import { fromFen, toFen } from '../../shared/money';
import { Money } from '../../shared/scalars';
import { assertDepartmentInScope } from '../../shared/scope';
import { rows } from '../../shared/sql';
import { assertVersion, toId } from '../../shared/writes';
import { auditService } from '../audit/audit.service';
import { ExAnteConclusion } from '../exante/exante.enums';
import { exAnteStatus } from '../exante/exante.status';
import { Permission } from '../identity';
import { PerformanceTargetEntity } from '../target/target.entity';
import { Grade, TargetStatus } from '../target/target.enums';
import { assertMay, visibleProjectReference } from './project.access';
import { ProjectBudgetEntity, ProjectEntity } from './project.entity';
import { BudgetDecision, ProjectPhase } from './project.enums';
import { projectBudgetTable } from './project.reads';
import { checkBudget } from './project.rules';
import { ProjectBudget } from './project.types';

/**
 * The budget decision (预算安排): the budget officer applies the outcome of the target review and the ex-ante
 * evaluation to a project's money for the target's fiscal year. The rules of the source article:
 * - only a target READY_FOR_BUDGET or BLOCKED is decided (anything else is INVALID_TRANSITION);
 * - a BLOCKED target (graded 差, or its ex-ante assessment missing / NOT_SUPPORT) may only be DEFERRED or CANCELLED,
 *   and so may a READY_FOR_BUDGET one whose required ex-ante assessment is missing or NOT_SUPPORT (BUDGET_BLOCKED);
 * - FULL / REDUCED / MERGED arrange the money: the target is APPROVED with the budget (四个同步) and the project
 *   becomes BUDGETED; DEFERRED / CANCELLED approve nothing and leave the target BLOCKED.
 * One transaction writes the budget, the target, the project, their audit entries and a BUDGET_DECIDED review event.
 */

const NON_NEGATIVE_MONEY = /^\d{1,16}(\.\d{1,2})?$/;
const ARRANGED: readonly BudgetDecision[] = [BudgetDecision.FULL, BudgetDecision.REDUCED, BudgetDecision.MERGED];
const DECIDABLE: readonly TargetStatus[] = [TargetStatus.READY_FOR_BUDGET, TargetStatus.BLOCKED];

/** What may happen to a target in each state (for the INVALID_TRANSITION message); see the lifecycle in domain.md. */
const NEXT_ACTIONS: Readonly<Record<TargetStatus, readonly string[]>> = {
  [TargetStatus.DRAFT]: ['edit', 'submit'],
  [TargetStatus.DEPARTMENT_REVIEW]: ['pass', 'return'],
  [TargetStatus.INITIAL_REVIEW]: ['pass', 'return'],
  [TargetStatus.RECHECK]: ['pass', 'return'],
  [TargetStatus.JOINT_REVIEW]: ['grade'],
  [TargetStatus.GRADED]: ['grade'],
  [TargetStatus.READY_FOR_BUDGET]: ['decideProjectBudget'],
  [TargetStatus.BLOCKED]: ['decideProjectBudget (DEFERRED or CANCELLED)'],
  [TargetStatus.APPROVED]: [],
};

@InputType({ description: 'The budget decision (预算安排结果) for the project of a target that has been reviewed.' })
export class DecideProjectBudgetInput {
  @Field(() => ID, { description: 'The performance target (of a project) whose review outcome is applied.' })
  targetId!: string;

  @Field(() => Int, {
    description: 'The version of the target you loaded; if it changed since, the decision is refused (CONFLICT).',
  })
  version!: number;

  @Field(() => BudgetDecision, {
    description: 'FULL 全额安排, REDUCED 核减, MERGED 整合, DEFERRED 暂缓 or CANCELLED 取消.',
  })
  decision!: BudgetDecision;

  @Field(() => Money, {
    nullable: true,
    description:
      'The approved amount (批复数), yuan: for FULL the requested amount (the default), for REDUCED required and below it; 0 or omitted otherwise.',
  })
  @Matches(NON_NEGATIVE_MONEY, { message: 'approved must be a non-negative amount in yuan with at most 2 decimals' })
  approved?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'For MERGED (required, only then): the project of the same fiscal division that takes the money over.',
  })
  mergedIntoProjectId?: string;

  @Field({ description: 'Why (安排理由 / 核减理由 / 暂缓或取消理由); required.' })
  @MaxLength(2000)
  reason!: string;
}

@ObjectType({ description: 'What a budget decision did: the project budget and the target it was decided for.' })
export class ProjectBudgetDecision {
  @Field(() => ProjectBudget, { description: 'The project budget with its approved amount and decision.' })
  budget!: ProjectBudget;

  @Field(() => ID, { description: 'The target the decision was made for.' })
  targetId!: string;

  @Field(() => TargetStatus, {
    description: 'The target’s state now: APPROVED, or BLOCKED when deferred or cancelled.',
  })
  targetStatus!: TargetStatus;

  @Field(() => Int, { description: 'The target’s version now.' })
  targetVersion!: number;

  @Field({
    description: 'Whether the target goes to the People’s Congress with the draft budget (as the grading set it).',
  })
  submitToCongress!: boolean;
}

function bad(message: string, field: string): DomainError {
  return new DomainError('BAD_USER_INPUT', message, { field });
}

/** Why arranging money for this target is refused (empty when it is not): grade 差, ex-ante missing or NOT_SUPPORT. */
async function blockers(em: EntityManager, target: PerformanceTargetEntity, project: ProjectEntity): Promise<string[]> {
  const why: string[] = [];
  if (target.grade === Grade.POOR) why.push('the target was graded 差 (POOR)');
  const exAnte = await exAnteStatus(em, project.id, target.fiscalYear);
  if (exAnte.needed && exAnte.conclusion === null) {
    why.push(
      `project ${project.code} is a new major policy or special fund without an ex-ante assessment for ${target.fiscalYear}`,
    );
  } else if (exAnte.needed && exAnte.conclusion === ExAnteConclusion.NOT_SUPPORT) {
    why.push(`the ex-ante assessment of project ${project.code} concluded NOT_SUPPORT (建议不予支持)`);
  }
  if (why.length === 0 && target.status === TargetStatus.BLOCKED) why.push('the review blocked the target');
  return why;
}

/** The approved amount a decision gives, checked against the requested amount (exact, in fen). */
function approvedFor(input: DecideProjectBudgetInput, requested: string): string {
  const requestedFen = toFen(requested);
  const given = input.approved === undefined || input.approved === null ? null : toFen(input.approved);
  switch (input.decision) {
    case BudgetDecision.FULL:
      if (given !== null && given !== requestedFen) {
        throw bad(
          `A FULL (全额安排) decision approves the requested amount ${fromFen(requestedFen)}; got ${fromFen(given)}. Choose REDUCED to approve less.`,
          'approved',
        );
      }
      return fromFen(requestedFen);
    case BudgetDecision.REDUCED:
      if (given === null || given <= 0n || given >= requestedFen) {
        throw bad(
          `A REDUCED (核减) decision needs an approved amount above 0 and below the requested amount ${fromFen(requestedFen)}; choose FULL to approve it all, CANCELLED to approve nothing.`,
          'approved',
        );
      }
      return fromFen(given);
    default:
      if (given !== null && given !== 0n) {
        throw bad(
          `A ${input.decision} decision approves nothing here (a MERGED project's money is approved on the project it is merged into); leave approved out or 0.`,
          'approved',
        );
      }
      return '0.00';
  }
}

/** Ids and states of what a decision wrote, read after commit. */
interface Written {
  budgetId: number;
  targetId: number;
}

export const projectDecisionService = {
  async decideProjectBudget(ctx: Context, input: DecideProjectBudgetInput): Promise<ProjectBudgetDecision> {
    assertMay(ctx, Permission.DecideBudget, 'decide project budgets');
    const targetId = toId(input.targetId, 'targetId');
    const reason = input.reason.trim();
    if (!reason) throw bad('Give the reason for the budget decision.', 'reason');
    if (input.mergedIntoProjectId && input.decision !== BudgetDecision.MERGED) {
      throw bad('mergedIntoProjectId is only for a MERGED (整合) decision; leave it out.', 'mergedIntoProjectId');
    }
    if (!input.mergedIntoProjectId && input.decision === BudgetDecision.MERGED) {
      throw bad(
        'A MERGED (整合) decision needs mergedIntoProjectId: the project that takes the money over.',
        'mergedIntoProjectId',
      );
    }

    const written = await ctx.em.transactional(async (em): Promise<Written> => {
      const target = await em.findOne(PerformanceTargetEntity, targetId);
      if (!target) throw notFound('PerformanceTarget', input.targetId);
      await assertDepartmentInScope(ctx, em, target.department.id, { type: 'PerformanceTarget', id: input.targetId });
      assertVersion(target.version, input.version, `Target ${target.id}`);
      if (!DECIDABLE.includes(target.status)) {
        const allowed = NEXT_ACTIONS[target.status];
        throw new DomainError(
          'INVALID_TRANSITION',
          `Target ${target.id} is ${target.status}; a budget decision is made only for a target that is READY_FOR_BUDGET or BLOCKED. Allowed now: ${allowed.length ? allowed.join(', ') : 'nothing (it is final)'}.`,
          { currentState: target.status, allowedActions: allowed },
        );
      }
      if (!target.project) {
        throw bad(
          `Target ${target.id} is not a project target; budget decisions are made on project targets.`,
          'targetId',
        );
      }
      const project = await em.findOneOrFail(ProjectEntity, target.project.id);
      const budget = await em.findOne(ProjectBudgetEntity, { project, fiscalYear: target.fiscalYear });
      if (!budget) {
        throw bad(
          `Project ${project.code} has no budget (申报数) for ${target.fiscalYear}; the department adds it before the decision.`,
          'targetId',
        );
      }

      const arranged = ARRANGED.includes(input.decision);
      if (arranged) {
        const why = await blockers(em, target, project);
        if (why.length > 0) {
          throw new DomainError(
            'BUDGET_BLOCKED',
            `Project ${project.code} may not be arranged money for ${target.fiscalYear}: ${why.join('; ')}. Only DEFERRED (暂缓) or CANCELLED (取消) is possible.`,
            {
              currentState: target.status,
              reasons: why,
              allowedDecisions: [BudgetDecision.DEFERRED, BudgetDecision.CANCELLED],
            },
          );
        }
      }
      const approved = approvedFor(input, budget.requested);
      const mergedInto =
        input.decision === BudgetDecision.MERGED && input.mergedIntoProjectId
          ? await visibleProjectReference(ctx, em, 'mergedIntoProjectId', input.mergedIntoProjectId)
          : null;
      if (mergedInto && mergedInto.fiscalDivision.code !== project.fiscalDivision.code) {
        throw bad(
          `${mergedInto.name} belongs to another fiscal division; merge into a project of ${project.fiscalDivision.code}.`,
          'mergedIntoProjectId',
        );
      }
      checkBudget({
        projectId: project.id,
        requested: budget.requested,
        audited: budget.audited ?? null,
        approved,
        decision: input.decision,
        mergedIntoId: mergedInto?.id ?? null,
      });

      const division = target.fiscalDivision.code;
      const departmentId = target.department.id;
      const budgetBefore = {
        approved: budget.approved ?? null,
        decision: budget.decision ?? null,
        decisionReason: budget.decisionReason ?? null,
        mergedInto: budget.mergedInto?.id ?? null,
      };
      const targetBefore = { status: target.status, approvedAt: target.approvedAt ?? null };
      const phaseBefore = project.phase;
      const fromState = target.status;

      Object.assign(budget, { approved, decision: input.decision, decisionReason: reason, mergedInto });
      if (arranged) {
        target.status = TargetStatus.APPROVED;
        target.approvedAt = new Date();
        if (project.phase !== ProjectPhase.ENDED) project.phase = ProjectPhase.BUDGETED;
      } else {
        target.status = TargetStatus.BLOCKED;
      }
      // The target changes (and its version moves) even when it stays BLOCKED: the decision was made on what it saw.
      target.updatedAt = new Date();

      auditService.record(ctx, em, {
        fiscalDivisionCode: division,
        subjectType: 'ProjectBudget',
        subjectId: budget.id,
        departmentId,
        action: 'DECIDE_BUDGET',
        before: budgetBefore,
        after: { approved, decision: input.decision, decisionReason: reason, mergedInto: mergedInto?.id ?? null },
      });
      auditService.record(ctx, em, {
        fiscalDivisionCode: division,
        subjectType: 'PerformanceTarget',
        subjectId: target.id,
        departmentId,
        action: 'DECIDE_BUDGET',
        before: { ...targetBefore, budgetDecision: budgetBefore.decision },
        after: { status: target.status, approvedAt: target.approvedAt ?? null, budgetDecision: input.decision },
      });
      if (project.phase !== phaseBefore) {
        auditService.record(ctx, em, {
          fiscalDivisionCode: division,
          subjectType: 'Project',
          subjectId: project.id,
          departmentId: project.department.id,
          action: 'DECIDE_BUDGET',
          before: { phase: phaseBefore },
          after: { phase: project.phase },
        });
      }
      auditService.event(ctx, em, {
        fiscalDivisionCode: division,
        type: 'BUDGET_DECIDED',
        subjectType: 'PerformanceTarget',
        subjectId: target.id,
        departmentId,
        projectId: project.id,
        targetId: target.id,
        fromState,
        toState: target.status,
        payload: {
          decision: input.decision,
          budgetId: budget.id,
          fiscalYear: target.fiscalYear,
          requested: budget.requested,
          approved,
          cut: fromFen(toFen(budget.requested) - toFen(approved)),
          mergedIntoProjectId: mergedInto?.id ?? null,
          reason,
          submitToCongress: target.submitToCongress,
        },
      });
      await em.flush();
      return { budgetId: budget.id, targetId: target.id };
    });

    const [t] = await rows<{ status: TargetStatus; version: number; submitToCongress: boolean }>(
      ctx,
      'select status, version, submit_to_congress as "submitToCongress" from performance_target where id = ?',
      [written.targetId],
    );
    return {
      budget: await fresh(ctx, projectBudgetTable, 'id', written.budgetId),
      targetId: String(written.targetId),
      targetStatus: t!.status,
      targetVersion: Number(t!.version),
      submitToCongress: !!t!.submitToCongress,
    };
  },
};
