import { Alert } from '@mui/material';
import { EditBase, useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import type { Definition } from '../indicatorChangeRequests/api';
import { ProposeFlow } from './ProposeFlow';

interface IndicatorDefinitionRecord {
  id: string;
  name: string;
  scope: string;
  status: string;
  valueType: string;
  defaultComparator: string;
  defaultUnit: string | null;
  visibility: string;
  explanation: string | null;
  calculationMethod: string | null;
  dataSource: string | null;
  scoringRule: string | null;
  referenceValue: string | null;
  category: { id: string } | null;
  level1: { id: string } | null;
  level2: { id: string } | null;
}

/** The published definition as the proposal form's values (ids of the category and framework dimensions). */
export function definitionOfRecord(r: IndicatorDefinitionRecord): Definition {
  return {
    name: r.name,
    scope: r.scope,
    categoryId: r.category?.id ?? null,
    level1NodeId: r.level1?.id ?? null,
    level2NodeId: r.level2?.id ?? null,
    valueType: r.valueType,
    defaultComparator: r.defaultComparator,
    defaultUnit: r.defaultUnit,
    visibility: r.visibility,
    explanation: r.explanation,
    calculationMethod: r.calculationMethod,
    dataSource: r.dataSource,
    scoringRule: r.scoringRule,
    referenceValue: r.referenceValue,
  };
}

function ChangeForm() {
  const translate = useTranslate();
  const record = useRecordContext<IndicatorDefinitionRecord>();
  const { canAccess, isPending } = useCanAccess({ resource: 'indicators', action: 'propose' });
  if (!record || isPending) return null;
  if (!canAccess) return <Alert severity="warning">{translate('catalog.propose.not_allowed')}</Alert>;
  return (
    <ProposeFlow
      type="MODIFY"
      indicatorId={record.id}
      initial={definitionOfRecord(record)}
      title={translate('catalog.propose.title_change', { name: record.name })}
      intro={translate('catalog.propose.intro_change')}
    />
  );
}

/**
 * "Edit" of a published indicator: a MODIFY proposal with only the changed fields, never a silent updateIndicator
 * (the API refuses one with INDICATOR_IMMUTABLE).
 */
export function IndicatorProposeChange() {
  return (
    <EditBase mutationMode="pessimistic">
      <ChangeForm />
    </EditBase>
  );
}
