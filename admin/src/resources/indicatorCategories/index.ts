import AccountTree from '@mui/icons-material/AccountTree';
import type { ResourceProps } from 'react-admin';
import { IndicatorCategoryList } from './IndicatorCategoryList';

/** 指标分类: read only. */
export const indicatorCategories: ResourceProps = {
  name: 'indicatorCategories',
  list: IndicatorCategoryList,
  icon: AccountTree,
  recordRepresentation: (r: { code: string; name: string }) => `${r.code} ${r.name}`,
};
