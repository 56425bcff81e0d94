import {
  ArrayField,
  BooleanField,
  DataTable,
  DateField,
  FunctionField,
  Pagination,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  useTranslate,
} from 'react-admin';
import { EnumChip } from '../projects/shared';
import { EnumText } from './DepartmentList';

function NoProjects() {
  const translate = useTranslate();
  return <span>{translate('resources.departments.empty_projects')}</span>;
}

/** One 预算部门 with its child units and its projects: read only. */
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
        <ReferenceManyField
          reference="projects"
          target="departmentId"
          source="id"
          label="resources.departments.fields.projects"
          sort={{ field: 'code', order: 'ASC' }}
          perPage={10}
          pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
        >
          <DataTable rowClick="show" bulkActionButtons={false} empty={<NoProjects />}>
            <DataTable.Col source="code" label="resources.projects.fields.code" />
            <DataTable.Col source="name" label="resources.projects.fields.name" />
            <DataTable.Col
              source="budgetType"
              label="resources.projects.fields.budgetType"
              disableSort
              render={(r) => <EnumChip name="BudgetType" value={r.budgetType} />}
            />
            <DataTable.Col
              source="phase"
              label="resources.projects.fields.phase"
              disableSort
              render={(r) => <EnumChip name="ProjectPhase" value={r.phase} />}
            />
            <DataTable.Col source="startYear" label="resources.projects.fields.startYear" />
          </DataTable>
        </ReferenceManyField>
        <DateField source="createdAt" showTime locales="zh-CN" />
        <DateField source="updatedAt" showTime locales="zh-CN" />
      </SimpleShowLayout>
    </Show>
  );
}
