import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import type { ResourceProps } from 'react-admin';
import { UserCreate, UserEdit } from './UserForm';
import { UserList } from './UserList';
import { UserShow } from './UserShow';

/** 用户: ADMIN only (ManageUsers); canAccess hides the menu for everyone else. */
export const users: ResourceProps = {
  name: 'users',
  list: UserList,
  show: UserShow,
  create: UserCreate,
  edit: UserEdit,
  icon: ManageAccountsIcon,
  recordRepresentation: 'displayName',
};
