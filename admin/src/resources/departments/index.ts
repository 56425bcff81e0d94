import ApartmentIcon from '@mui/icons-material/Apartment';
import type { ResourceProps } from 'react-admin';
import { DepartmentList } from './DepartmentList';
import { DepartmentShow } from './DepartmentShow';

/** 预算部门: read only. */
export const departments: ResourceProps = {
  name: 'departments',
  list: DepartmentList,
  show: DepartmentShow,
  icon: ApartmentIcon,
  recordRepresentation: 'name',
};
