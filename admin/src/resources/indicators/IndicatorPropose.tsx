import { Alert } from '@mui/material';
import { useCanAccess, useTranslate } from 'react-admin';
import { ProposeFlow } from './ProposeFlow';

/** 申请新增指标 (ADMIT): the full definition, checked against the similar existing indicators before submitting. */
export function IndicatorPropose() {
  const translate = useTranslate();
  const { canAccess, isPending } = useCanAccess({ resource: 'indicators', action: 'propose' });
  if (isPending) return null;
  if (!canAccess) return <Alert severity="warning">{translate('catalog.propose.not_allowed')}</Alert>;
  return (
    <ProposeFlow
      type="ADMIT"
      initial={{ scope: 'DEPARTMENT', valueType: 'QUANTITATIVE', defaultComparator: 'GE', visibility: 'PUBLIC' }}
      title={translate('catalog.propose.title_new')}
      intro={translate('catalog.propose.intro_new')}
    />
  );
}
