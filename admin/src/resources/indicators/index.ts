import LibraryBooks from '@mui/icons-material/LibraryBooks';
import type { ResourceProps } from 'react-admin';
import { IndicatorList } from './IndicatorList';
import { IndicatorPropose } from './IndicatorPropose';
import { IndicatorProposeChange } from './IndicatorProposeChange';
import { IndicatorShow } from './IndicatorShow';

/**
 * 指标库: browse and read; "create" is an ADMIT proposal and "edit" a MODIFY proposal (change requests through the
 * admission queue), never a direct write.
 */
export const indicators: ResourceProps = {
  name: 'indicators',
  list: IndicatorList,
  show: IndicatorShow,
  create: IndicatorPropose,
  edit: IndicatorProposeChange,
  icon: LibraryBooks,
  recordRepresentation: (r: { code: string; name: string }) => `${r.code} ${r.name}`,
};
