import {
  ArrayField,
  BooleanField,
  DataTable,
  DateField,
  FunctionField,
  Show,
  SimpleShowLayout,
  TextField,
} from 'react-admin';
import { EnumText } from './DepartmentList';

/** One 预算部门 with its child units: read only. */
export function DepartmentShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="code" />
        <TextField source="name" />
        <FunctionField
          source="kind"
          render={(r: { kind?: string }) => <EnumText name="DepartmentKind" value={r.kind} />}
        />
        <TextField source="parent.name" />
        <TextField source="managingDivision.name" />
        <TextField source="fiscalDivisionCode" />
        <BooleanField source="industryPilot" />
        <ArrayField source="children">
          <DataTable bulkActionButtons={false}>
            <DataTable.Col source="code" />
            <DataTable.Col source="name" />
          </DataTable>
        </ArrayField>
        <DateField source="createdAt" showTime locales="zh-CN" />
        <DateField source="updatedAt" showTime locales="zh-CN" />
      </SimpleShowLayout>
    </Show>
  );
}
