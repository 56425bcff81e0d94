import TrackChangesIcon from '@mui/icons-material/TrackChanges';
import type { ResourceProps } from 'react-admin';
import { TargetList } from './TargetList';
import { TargetShow } from './TargetShow';

/** 绩效目标: read only, with each target's indicator rows and review timeline. */
export const performanceTargets: ResourceProps = {
  name: 'performanceTargets',
  list: TargetList,
  show: TargetShow,
  icon: TrackChangesIcon,
};
