import TrackChangesIcon from '@mui/icons-material/TrackChanges';
import type { ResourceProps } from 'react-admin';
import { TargetList } from './TargetList';
import { TargetShow } from './TargetShow';

/**
 * 绩效目标: each target's indicator rows and review timeline, and on its page the review steps the signed-in user may
 * take (TargetActions); the targets themselves are not edited here.
 */
export const performanceTargets: ResourceProps = {
  name: 'performanceTargets',
  list: TargetList,
  show: TargetShow,
  icon: TrackChangesIcon,
};
