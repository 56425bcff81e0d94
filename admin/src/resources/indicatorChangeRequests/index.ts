import FactCheck from '@mui/icons-material/FactCheck';
import type { ResourceProps } from 'react-admin';
import { ChangeRequestEdit } from './ChangeRequestEdit';
import { ChangeRequestList } from './ChangeRequestList';
import { ChangeRequestShow } from './ChangeRequestShow';

/** 入库审核: the admission queue; proposing starts from the catalog (indicators create / edit). */
export const indicatorChangeRequests: ResourceProps = {
  name: 'indicatorChangeRequests',
  list: ChangeRequestList,
  show: ChangeRequestShow,
  edit: ChangeRequestEdit,
  icon: FactCheck,
  recordRepresentation: 'name',
};
