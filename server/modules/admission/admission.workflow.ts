import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../shared/context';
import { DomainError, notFound } from '../../shared/errors';
import { fresh } from '../../shared/loaders';
import { assertDepartmentInScope } from '../../shared/scope';
import { one } from '../../shared/sql';
import { assertVersion, reference, toId } from '../../shared/writes';
import { auditService } from '../audit';
import type { ReviewEventTypeName } from '../events/events.enums';
import { DepartmentEntity, FiscalDivisionEntity } from '../fiscal';
import { IndicatorEntity, IndicatorStatus } from '../indicator';
import { buildDefinition, definitionOf, mergeDefinition, type Proposal } from './admission.definition';
import { IndicatorChangeApprovalEntity, IndicatorChangeRequestEntity } from './admission.entity';
import { ApprovalDecision, ChangeRequestStatus, ChangeRequestType } from './admission.enums';
import { publish } from './admission.publish';
import { indicatorChangeRequestTable } from './admission.reads';
import { similarIndicators } from './admission.similar';
import { AdmissionAction, nextState } from './admission.transitions';
import type { IndicatorChangeRequest, ProposeIndicatorChangePayload } from './admission.types';
import {
  PrecheckDecision,
  type ProposeIndicatorChangeInput,
  type UpdateIndicatorChangeRequestInput,
} from './admission.workflow.inputs';

const TYPE = 'IndicatorChangeRequest';

/** The fields of a request the audit trail compares before and after. */
const snapshot = (r: IndicatorChangeRequestEntity): Record<string, unknown> => ({
  status: r.status,
  step: r.step ?? null,
  name: r.name,
  proposal: r.proposal,
  reason: r.reason,
  exampleProject: r.exampleProject ?? null,
  decisionComment: r.decisionComment ?? null,
  duplicateOf: r.duplicateOf?.id ?? null,
  resultIndicator: r.resultIndicator?.id ?? null,
  submittedAt: r.submittedAt ?? null,
  decidedAt: r.decidedAt ?? null,
});

const stateName = (r: { status: string; step?: string | null }) => (r.step ? `${r.status}/${r.step}` : r.status);

function viewerOf(ctx: Context) {
  if (!ctx.viewer) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  return ctx.viewer;
}

/** Who acts, as the approval records show it (审核人): the user's display name. */
async function actorName(ctx: Context, em: EntityManager): Promise<string> {
  const v = viewerOf(ctx);
  const row = await one<{ name: string }>({ em }, 'select display_name as name from app_user where id = ?', [v.id]);
  return (row?.name ?? v.loginName).slice(0, 50);
}

function requireText(value: string | undefined | null, field: string, why: string): string {
  const text = value?.trim();
  if (!text) throw new DomainError('BAD_USER_INPUT', `${field} is required: ${why}.`, { field });
  return text;
}

interface StepResult {
  decision?: ApprovalDecision;
  comment?: string | null;
  event: ReviewEventTypeName;
}

/**
 * One workflow step on a request, in one transaction: lock the row, check it is visible, current and in a state that
 * allows the action, apply the change, and record the approval, the audit entry and the review event with it.
 */
async function step(
  ctx: Context,
  id: string,
  version: number | null | undefined,
  action: AdmissionAction,
  apply: (em: EntityManager, r: IndicatorChangeRequestEntity) => Promise<StepResult>,
): Promise<IndicatorChangeRequest> {
  const key = toId(id);
  await ctx.em.transactional(async (em) => {
    const r = await em.findOne(IndicatorChangeRequestEntity, key, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!r || r.fiscalDivision.code !== viewerOf(ctx).fiscalDivisionCode) throw notFound(TYPE, id);
    await assertDepartmentInScope(ctx, em, r.department.id, { type: TYPE, id });
    assertVersion(r.version, version, `${TYPE} ${id}`);
    const from = { status: r.status, step: r.step ?? null };
    const to = nextState(from, action, `${TYPE} ${id}`);
    const before = snapshot(r);
    const result = await apply(em, r);
    r.status = to.status;
    r.step = to.step ?? undefined;
    if (result.decision && from.step) {
      em.create(IndicatorChangeApprovalEntity, {
        fiscalDivision: r.fiscalDivision,
        request: r,
        step: from.step,
        actorName: await actorName(ctx, em),
        decision: result.decision,
        comment: result.comment ?? undefined,
      });
    }
    const common = { fiscalDivisionCode: r.fiscalDivision.code, subjectType: TYPE, subjectId: r.id };
    auditService.record(ctx, em, {
      ...common,
      departmentId: r.department.id,
      action,
      before,
      after: snapshot(r),
    });
    auditService.event(ctx, em, {
      ...common,
      type: result.event,
      departmentId: r.department.id,
      fromState: stateName(from),
      toState: stateName(to),
      payload: { requestType: r.type, name: r.name, comment: result.comment ?? null },
    });
  });
  return fresh(ctx, indicatorChangeRequestTable, 'id', key);
}

/** A published indicator version of the caller's division that a MODIFY or RETIRE names. */
async function publishedIndicator(ctx: Context, em: EntityManager, indicatorId: string | undefined) {
  if (!indicatorId) {
    throw new DomainError('BAD_USER_INPUT', 'indicatorId is required for MODIFY and RETIRE.', { field: 'indicatorId' });
  }
  const indicator = await em.findOne(IndicatorEntity, toId(indicatorId, 'indicatorId'), {
    populate: ['category', 'level1Node', 'level2Node'],
  });
  if (!indicator || indicator.fiscalDivision.code !== viewerOf(ctx).fiscalDivisionCode) {
    throw notFound('Indicator', indicatorId);
  }
  if (indicator.status !== IndicatorStatus.PUBLISHED) {
    throw new DomainError(
      'INDICATOR_NOT_PUBLISHED',
      `Indicator ${indicator.code} version ${indicator.versionNo} is ${indicator.status}; only the published version can be modified or retired.`,
      { id: String(indicator.id), status: indicator.status },
    );
  }
  return indicator;
}

/**
 * The admission queue's workflow (指标入库审核): a department proposes, edits and submits; its officer pre-checks;
 * the performance division approves (publishing the library change), returns or rejects.
 */
export const admissionWorkflow = {
  async propose(ctx: Context, input: ProposeIndicatorChangeInput): Promise<ProposeIndicatorChangePayload> {
    const v = viewerOf(ctx);
    if (!v.departmentId) {
      throw new DomainError('BAD_USER_INPUT', 'Only a department role can propose an indicator change.');
    }
    const departmentId = v.departmentId;
    const reason = requireText(input.reason, 'reason', 'say why the change is needed (申请理由)');
    const requestId = await ctx.em.transactional(async (em) => {
      const fiscalDivision = await reference(
        em,
        FiscalDivisionEntity,
        'fiscalDivisionCode',
        v.fiscalDivisionCode,
        'code',
      );
      const department = await reference(em, DepartmentEntity, 'departmentId', departmentId);
      let indicator: IndicatorEntity | undefined;
      let proposal: Proposal;
      if (input.type === ChangeRequestType.ADMIT) {
        if (input.indicatorId) {
          throw new DomainError('BAD_USER_INPUT', 'An ADMIT proposes a new indicator: omit indicatorId.', {
            field: 'indicatorId',
          });
        }
        proposal = mergeDefinition({}, input.definition);
      } else {
        indicator = await publishedIndicator(ctx, em, input.indicatorId);
        if (input.type === ChangeRequestType.RETIRE && input.definition) {
          throw new DomainError('BAD_USER_INPUT', 'A RETIRE changes no definition: omit definition.', {
            field: 'definition',
          });
        }
        proposal = mergeDefinition(definitionOf(indicator), input.definition);
      }
      if (input.type !== ChangeRequestType.RETIRE) await buildDefinition(em, fiscalDivision, department, proposal);
      const request = em.create(IndicatorChangeRequestEntity, {
        fiscalDivision,
        type: input.type,
        status: ChangeRequestStatus.DRAFT,
        indicator,
        name: String(proposal.name),
        proposal,
        reason,
        exampleProject: input.exampleProject?.trim() || undefined,
        department,
        applicantName: await actorName(ctx, em),
      });
      await em.flush();
      const common = { fiscalDivisionCode: fiscalDivision.code, subjectType: TYPE, subjectId: request.id };
      auditService.record(ctx, em, { ...common, departmentId, action: 'PROPOSE', after: snapshot(request) });
      auditService.event(ctx, em, {
        ...common,
        type: 'ADMISSION_PROPOSED',
        departmentId,
        toState: ChangeRequestStatus.DRAFT,
        payload: { requestType: request.type, name: request.name },
      });
      return request.id;
    });
    const request = await fresh(ctx, indicatorChangeRequestTable, 'id', requestId);
    const similar = await similarIndicators(ctx, request.name, request.fiscalDivisionCode, {
      exclude: [request.indicatorId],
    });
    return { request, similar };
  },

  update(ctx: Context, id: string, input: UpdateIndicatorChangeRequestInput): Promise<IndicatorChangeRequest> {
    return step(ctx, id, input.version, AdmissionAction.EDIT, async (em, r) => {
      if (input.definition) {
        if (r.type === ChangeRequestType.RETIRE) {
          throw new DomainError('BAD_USER_INPUT', 'A RETIRE changes no definition: omit definition.', {
            field: 'definition',
          });
        }
        const proposal = mergeDefinition(r.proposal, input.definition);
        await buildDefinition(em, r.fiscalDivision, r.department, proposal);
        r.proposal = proposal;
        r.name = String(proposal.name);
      }
      if (input.reason !== undefined) r.reason = requireText(input.reason, 'reason', 'say why the change is needed');
      if (input.exampleProject !== undefined) r.exampleProject = input.exampleProject?.trim() || undefined;
      return { event: 'ADMISSION_EDITED' };
    });
  },

  submit(ctx: Context, id: string, version: number): Promise<IndicatorChangeRequest> {
    return step(ctx, id, version, AdmissionAction.SUBMIT, async (_em, r) => {
      r.submittedAt = new Date();
      r.decidedAt = undefined;
      return { event: 'ADMISSION_SUBMITTED' };
    });
  },

  precheck(
    ctx: Context,
    id: string,
    version: number,
    decision: PrecheckDecision,
    comment: string | null | undefined,
  ): Promise<IndicatorChangeRequest> {
    if (decision === PrecheckDecision.RETURN) {
      const text = requireText(comment, 'comment', 'say what the applicant must change');
      return step(ctx, id, version, AdmissionAction.PRECHECK_RETURN, async (_em, r) => {
        r.decisionComment = text;
        r.decidedAt = new Date();
        return { decision: ApprovalDecision.RETURN, comment: text, event: 'ADMISSION_RETURNED' };
      });
    }
    return step(ctx, id, version, AdmissionAction.PRECHECK_PASS, async () => ({
      decision: ApprovalDecision.PASS,
      comment: comment?.trim() || null,
      event: 'ADMISSION_PRECHECKED',
    }));
  },

  approve(ctx: Context, id: string, version: number, comment: string | null | undefined) {
    return step(ctx, id, version, AdmissionAction.APPROVE, async (em, r) => {
      await publish(ctx, em, r);
      r.decisionComment = comment?.trim() || undefined;
      r.decidedAt = new Date();
      return { decision: ApprovalDecision.APPROVE, comment: comment?.trim() || null, event: 'ADMISSION_APPROVED' };
    });
  },

  return(ctx: Context, id: string, version: number, comment: string): Promise<IndicatorChangeRequest> {
    const text = requireText(comment, 'comment', 'say what the applicant must change (退回意见)');
    return step(ctx, id, version, AdmissionAction.RETURN, async (_em, r) => {
      r.decisionComment = text;
      r.decidedAt = new Date();
      return { decision: ApprovalDecision.RETURN, comment: text, event: 'ADMISSION_RETURNED' };
    });
  },

  reject(ctx: Context, id: string, version: number, reason: string, duplicateOfId?: string | null) {
    const text = requireText(reason, 'reason', 'say why the request is rejected (驳回理由)');
    return step(ctx, id, version, AdmissionAction.REJECT, async (em, r) => {
      if (duplicateOfId) {
        const existing = await em.findOne(IndicatorEntity, toId(duplicateOfId, 'duplicateOfId'));
        if (!existing || existing.fiscalDivision.code !== r.fiscalDivision.code) {
          throw new DomainError(
            'INVALID_REFERENCE',
            `duplicateOfId "${duplicateOfId}" does not refer to an existing record.`,
            {
              field: 'duplicateOfId',
            },
          );
        }
        r.duplicateOf = existing;
      }
      r.decisionComment = text;
      r.decidedAt = new Date();
      return { decision: ApprovalDecision.REJECT, comment: text, event: 'ADMISSION_REJECTED' };
    });
  },
};
