import FolderSpecialIcon from '@mui/icons-material/FolderSpecial';
import type { ResourceProps } from 'react-admin';
import { ProjectList } from './ProjectList';
import { ProjectShow } from './ProjectShow';

/** 项目库: read only. */
export const projects: ResourceProps = {
  name: 'projects',
  list: ProjectList,
  show: ProjectShow,
  icon: FolderSpecialIcon,
  recordRepresentation: 'name',
};
