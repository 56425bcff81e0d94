import { Alert } from '@mui/material';
import { EditBase, useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import { ProposeFlow } from '../indicators/ProposeFlow';
import type { Definition } from './api';
import type { ChangeRequestRecord } from './ChangeRequestShow';

function proposalValues(r: ChangeRequestRecord): Definition & { reason: string; exampleProject?: string } {
  const p = r.proposal;
  return {
    name: p.name ?? null,
    scope: p.scope ?? null,
    categoryId: p.categoryId ?? p.category?.id ?? null,
    level1NodeId: p.level1NodeId ?? p.level1?.id ?? null,
    level2NodeId: p.level2NodeId ?? p.level2?.id ?? null,
    valueType: p.valueType ?? null,
    defaultComparator: p.defaultComparator ?? null,
    defaultUnit: p.defaultUnit ?? null,
    visibility: p.visibility ?? null,
    explanation: p.explanation ?? null,
    calculationMethod: p.calculationMethod ?? null,
    dataSource: p.dataSource ?? null,
    scoringRule: p.scoringRule ?? null,
    referenceValue: p.referenceValue ?? null,
    reason: r.reason,
    exampleProject: r.exampleProject ?? undefined,
  };
}

function ReviseForm() {
  const translate = useTranslate();
  const r = useRecordContext<ChangeRequestRecord>();
  const { canAccess, isPending } = useCanAccess({ resource: 'indicatorChangeRequests', action: 'edit' });
  if (!r?.proposal || isPending) return null;
  if (!canAccess || (r.status !== 'DRAFT' && r.status !== 'RETURNED') || r.type === 'RETIRE')
    return <Alert severity="warning">{translate('catalog.propose.not_allowed')}</Alert>;
  const values = proposalValues(r);
  return (
    <ProposeFlow
      type={r.type === 'MODIFY' ? 'MODIFY' : 'ADMIT'}
      indicatorId={r.indicator?.id}
      initial={values}
      baseline={r.type === 'MODIFY' ? values : undefined}
      existing={{ id: r.id, version: r.version }}
      title={
        r.type === 'MODIFY'
          ? translate('catalog.propose.title_change', { name: r.name })
          : translate('catalog.propose.title_new')
      }
      intro={
        r.decisionComment ??
        translate(r.type === 'MODIFY' ? 'catalog.propose.intro_change' : 'catalog.propose.intro_new')
      }
    />
  );
}

/** Revising a DRAFT or RETURNED request (updateIndicatorChangeRequest), then submitting it again. */
export function ChangeRequestEdit() {
  return (
    <EditBase mutationMode="pessimistic">
      <ReviseForm />
    </EditBase>
  );
}
