import {
  BooleanField,
  DataTable,
  DateField,
  List,
  SearchInput,
  SelectInput,
  TextField,
  useTranslate,
} from 'react-admin';
import type { CsvColumn } from '../../csv';
import { CsvListActions } from '../../ExportCsvButton';

const KINDS = ['ADMINISTRATIVE', 'INSTITUTION'];

function KindInput() {
  const translate = useTranslate();
  return (
    <SelectInput source="kind" choices={KINDS.map((id) => ({ id, name: translate(`enums.DepartmentKind.${id}`) }))} />
  );
}

const filters = [<SearchInput key="q" source="q" alwaysOn />, <KindInput key="kind" />];

/** The columns of 导出 (CSV), as the list shows them. */
const CSV_COLUMNS: readonly CsvColumn[] = [
  { source: 'code' },
  { source: 'name' },
  { source: 'kind', enumName: 'DepartmentKind' },
  { source: 'parent.name' },
  { source: 'managingDivision.name' },
  { source: 'industryPilot' },
  { source: 'createdAt', value: (r) => (r.createdAt ? String(r.createdAt).slice(0, 10) : '') },
];

/** 预算部门 list: read only, searchable by code or name. */
export function DepartmentList() {
  return (
    <List
      filters={filters}
      sort={{ field: 'code', order: 'ASC' }}
      perPage={25}
      exporter={false}
      actions={<CsvListActions columns={CSV_COLUMNS} />}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="code" />
        <DataTable.Col source="name" />
        <DataTable.Col source="kind" render={(r) => <EnumText name="DepartmentKind" value={r.kind} />} />
        <DataTable.Col source="parent.name" />
        <DataTable.Col source="managingDivision.name" />
        <DataTable.Col source="industryPilot">
          <BooleanField source="industryPilot" />
        </DataTable.Col>
        <DataTable.Col source="createdAt">
          <DateField source="createdAt" locales="zh-CN" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

export function EnumText({ name, value }: { name: string; value: string | null | undefined }) {
  const translate = useTranslate();
  return <>{value ? translate(`enums.${name}.${value}`, { _: value }) : ''}</>;
}

export { TextField };
