import type { Context } from '../../shared/context';
import { listPage, orderBy, type Page } from '../../shared/list';
import { orNotFound, scope } from '../../shared/scope';
import { likeEscape, rows, selectList, table, Where } from '../../shared/sql';
import { toId } from '../../shared/writes';
import { Comparator, IndicatorScope, ValueType, Visibility } from '../indicator';
import type { IndicatorChangeRequestListArgs } from './admission.inputs';
import type { IndicatorChangeApproval, IndicatorChangeRequest, IndicatorProposal } from './admission.types';

export const indicatorChangeRequestTable = table<IndicatorChangeRequest>('indicator_change_request', {
  id: 'id',
  fiscalDivisionCode: 'fiscal_division_code',
  type: 'type',
  status: 'status',
  step: 'step',
  name: 'name',
  proposalData: 'proposal',
  reason: 'reason',
  exampleProject: 'example_project',
  applicantName: 'applicant_name',
  decisionComment: 'decision_comment',
  submittedAt: 'submitted_at',
  decidedAt: 'decided_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  version: 'version',
  departmentId: 'department_id',
  indicatorId: 'indicator_id',
  resultIndicatorId: 'result_indicator_id',
  duplicateOfId: 'duplicate_of_id',
});

export const indicatorChangeApprovalTable = table<IndicatorChangeApproval>('indicator_change_approval', {
  id: 'id',
  requestId: 'request_id',
  step: 'step',
  actorName: 'actor_name',
  decision: 'decision',
  comment: 'comment',
  decidedAt: 'decided_at',
});

const text = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const id = (v: unknown): string | null =>
  typeof v === 'number' || (typeof v === 'string' && v !== '') ? String(v) : null;
/** A value of the enum, or null: a proposal is free-form JSON, and an unknown value must not fail the response. */
const member = <E extends Record<string, string>>(e: E, v: unknown): E[keyof E] | null =>
  typeof v === 'string' && Object.values(e).includes(v) ? (v as E[keyof E]) : null;

/** A request concerns an indicator version when it is about it (MODIFY, RETIRE) or its approval published it. */
const CONCERNS = '(t.indicator_id = ? or t.result_indicator_id = ?)';

export const admissionReads = {
  /** A change request the caller may see (`scope.changeRequest`), or undefined. */
  changeRequest(ctx: Context, requestId: string | number): Promise<IndicatorChangeRequest | undefined> {
    return ctx.loaders.one(indicatorChangeRequestTable, 'id', scope.changeRequest(ctx)).load(toId(requestId));
  },

  /** A single lookup: NOT_FOUND for an unknown id and for a request the caller may not see alike. */
  changeRequestOr404(ctx: Context, requestId: string): Promise<IndicatorChangeRequest> {
    return orNotFound(admissionReads.changeRequest(ctx, requestId), 'IndicatorChangeRequest', requestId);
  },

  /** The admission queue as the caller may see it: its own department's requests, or its division's for bureau roles. */
  changeRequests(ctx: Context, args: IndicatorChangeRequestListArgs): Promise<Page<IndicatorChangeRequest>> {
    const f = args.filter ?? {};
    const where = new Where()
      .add(scope.changeRequest(ctx))
      .eq('t.fiscal_division_code', f.fiscalDivisionCode)
      .eq('t.type', f.type)
      .eq('t.status', f.status)
      .in('t.status', f.statuses)
      .eq('t.department_id', f.departmentId === undefined ? undefined : toId(f.departmentId, 'departmentId'));
    if (f.indicatorId !== undefined) {
      const indicatorId = toId(f.indicatorId, 'indicatorId');
      where.add(CONCERNS, indicatorId, indicatorId);
    }
    const search = f.search?.trim();
    if (search) where.add('t.name ilike ?', `%${likeEscape(search)}%`);
    const order = orderBy(
      args.sort,
      { CREATED_AT: 't.created_at', SUBMITTED_AT: 't.submitted_at', DECIDED_AT: 't.decided_at', STATUS: 't.status' },
      't.created_at asc',
    );
    return listPage(ctx, indicatorChangeRequestTable, where, order, args);
  },

  /** The recorded decisions of a request, in order; batched across a page. Only reached through a visible request. */
  approvals(ctx: Context, requestId: number): Promise<IndicatorChangeApproval[]> {
    return ctx.loaders.many(indicatorChangeApprovalTable, 'request_id', 't.decided_at, t.id').load(requestId);
  },

  /** The requests the caller may see that concern an indicator version, oldest first; batched across a page. */
  ofIndicator(ctx: Context, indicatorId: number): Promise<IndicatorChangeRequest[]> {
    return ctx.loaders
      .custom<IndicatorChangeRequest[]>('admission.requestsOfIndicator', async (keys) => {
        const marks = keys.map(() => '?').join(', ');
        const found = await rows<IndicatorChangeRequest>(
          ctx,
          `select ${selectList(indicatorChangeRequestTable)} from indicator_change_request t
           where (t.indicator_id in (${marks}) or t.result_indicator_id in (${marks})) and ${scope.changeRequest(ctx)}
           order by t.created_at, t.id`,
          [...keys, ...keys],
        );
        return keys.map((k) =>
          found.filter((r) => String(r.indicatorId) === String(k) || String(r.resultIndicatorId) === String(k)),
        );
      })
      .load(indicatorId);
  },

  /** The typed view of a request's proposed definition (no query: it is the row's jsonb). */
  proposal(request: IndicatorChangeRequest): IndicatorProposal {
    const p = request.proposalData ?? {};
    return {
      code: text(p.code),
      name: text(p.name) ?? request.name,
      scope: member(IndicatorScope, p.scope),
      categoryId: id(p.categoryId),
      level1NodeId: id(p.level1NodeId),
      level2NodeId: id(p.level2NodeId),
      explanation: text(p.explanation),
      calculationMethod: text(p.calculationMethod),
      scoringRule: text(p.scoringRule),
      defaultComparator: member(Comparator, p.defaultComparator),
      defaultUnit: text(p.defaultUnit),
      valueType: member(ValueType, p.valueType),
      referenceValue: text(p.referenceValue),
      dataSource: text(p.dataSource),
      visibility: member(Visibility, p.visibility),
    };
  },
};
