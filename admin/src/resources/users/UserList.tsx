import { Chip, Stack } from '@mui/material';
import { BooleanField, DataTable, List, NullableBooleanInput, SearchInput, useTranslate } from 'react-admin';
import type { CsvColumn } from '../../csv';
import { CsvListActions } from '../../ExportCsvButton';
import { DepartmentInput, dateTime, EnumInput, hasPermission } from '../projects/shared';

export interface UserRecord {
  id: string;
  loginName: string;
  displayName: string;
  roles: string[];
  scope: string;
  active: boolean;
  email?: string | null;
  phone?: string | null;
  department?: { id: string; name: string } | null;
  financeDivision?: { id: string; name: string } | null;
  fiscalDivisionCode: string;
  createdAt: string;
}

/** The user's roles as chips with their Chinese names. */
export function RoleChips({ roles }: { roles: readonly string[] | undefined }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {(roles ?? []).map((r) => (
        <Chip key={r} size="small" label={translate(`enums.Role.${r}`, { _: r })} />
      ))}
    </Stack>
  );
}

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <EnumInput key="role" source="role" enumName="Role" />,
  <NullableBooleanInput key="active" source="active" />,
  <DepartmentInput key="departmentId" />,
];

/** 用户: ADMIN only (ManageUsers). Never shows passwords (the API has no such field). */
export function UserList() {
  const translate = useTranslate();
  const contact = hasPermission('ReadContactData');
  const columns: CsvColumn[] = [
    { source: 'loginName' },
    { source: 'displayName' },
    { source: 'roles', enumName: 'Role' },
    { source: 'scope', enumName: 'ScopeKind' },
    { source: 'department.name', value: (r) => r.department?.name ?? r.financeDivision?.name ?? '' },
    ...(contact ? [{ source: 'email' }, { source: 'phone' }] : []),
    { source: 'active' },
    { source: 'createdAt', value: (r) => dateTime(r.createdAt) },
  ];
  return (
    <List
      filters={filters}
      sort={{ field: 'loginName', order: 'ASC' }}
      perPage={25}
      exporter={false}
      actions={<CsvListActions columns={columns} />}
    >
      <DataTable<UserRecord> rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="loginName" sx={{ whiteSpace: 'nowrap' }} />
        <DataTable.Col source="displayName" />
        <DataTable.Col source="roles" disableSort render={(r) => <RoleChips roles={r.roles} />} />
        <DataTable.Col
          source="scope"
          disableSort
          render={(r) => translate(`enums.ScopeKind.${r.scope}`, { _: r.scope })}
        />
        <DataTable.Col
          source="department.name"
          disableSort
          render={(r) => r.department?.name ?? r.financeDivision?.name ?? ''}
        />
        {contact ? <DataTable.Col source="email" disableSort /> : null}
        {contact ? <DataTable.Col source="phone" disableSort /> : null}
        <DataTable.Col source="active" disableSort>
          <BooleanField source="active" />
        </DataTable.Col>
        <DataTable.Col source="createdAt" sx={{ whiteSpace: 'nowrap' }} render={(r) => dateTime(r.createdAt)} />
      </DataTable>
    </List>
  );
}
