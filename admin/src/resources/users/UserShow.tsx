import { BooleanField, FunctionField, Show, SimpleShowLayout, TextField, useTranslate } from 'react-admin';
import { dateTime, hasPermission } from '../projects/shared';
import { RoleChips } from './UserList';

/** One user: account, roles and scope, contact data for ADMIN. No password field exists to show. */
export function UserShow() {
  const translate = useTranslate();
  const contact = hasPermission('ReadContactData');
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="loginName" />
        <TextField source="displayName" />
        <FunctionField source="roles" render={(r) => <RoleChips roles={r.roles} />} />
        <FunctionField source="scope" render={(r) => translate(`enums.ScopeKind.${r.scope}`, { _: r.scope })} />
        <FunctionField
          source="fiscalDivision"
          render={(r) =>
            r.fiscalDivision ? `${r.fiscalDivision.name}（${r.fiscalDivision.code}）` : r.fiscalDivisionCode
          }
        />
        <TextField source="department.name" emptyText="—" />
        <TextField source="financeDivision.name" emptyText="—" />
        {contact ? <TextField source="email" emptyText="—" /> : null}
        {contact ? <TextField source="phone" emptyText="—" /> : null}
        <BooleanField source="active" />
        <FunctionField source="createdAt" render={(r) => dateTime(r.createdAt)} />
        <FunctionField source="updatedAt" render={(r) => dateTime(r.updatedAt)} />
      </SimpleShowLayout>
    </Show>
  );
}
