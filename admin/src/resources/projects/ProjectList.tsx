import { DataTable, List, SearchInput, SelectInput, TextField } from 'react-admin';
import type { CsvColumn } from '../../csv';
import { CsvListActions } from '../../ExportCsvButton';
import { DepartmentInput, EnumChip, EnumInput, fiscalYearChoices } from './shared';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <DepartmentInput key="departmentId" />,
  <EnumInput key="budgetType" source="budgetType" enumName="BudgetType" />,
  <SelectInput key="fiscalYear" source="fiscalYear" choices={fiscalYearChoices()} />,
  <EnumInput key="phase" source="phase" enumName="ProjectPhase" />,
];

/** The columns of 导出 (CSV), as the list shows them. */
const CSV_COLUMNS: readonly CsvColumn[] = [
  { source: 'code' },
  { source: 'name' },
  { source: 'department.name' },
  { source: 'budgetType', enumName: 'BudgetType' },
  { source: 'phase', enumName: 'ProjectPhase' },
  { source: 'attribute', enumName: 'ProjectAttribute' },
  { source: 'category' },
  { source: 'startYear' },
  { source: 'termYears' },
  { source: 'managingDivision.name' },
];

/** 项目库: read only, filtered by department, budget type, fiscal year (a budget of that year) and phase. */
export function ProjectList() {
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
        <DataTable.Col source="name">
          <TextField source="name" sx={{ fontWeight: 500 }} />
        </DataTable.Col>
        <DataTable.Col source="department.name" disableSort />
        <DataTable.Col
          source="budgetType"
          disableSort
          render={(r) => <EnumChip name="BudgetType" value={r.budgetType} />}
        />
        <DataTable.Col source="phase" disableSort render={(r) => <EnumChip name="ProjectPhase" value={r.phase} />} />
        <DataTable.Col
          source="attribute"
          disableSort
          render={(r) => <EnumChip name="ProjectAttribute" value={r.attribute} />}
        />
        <DataTable.Col source="category" disableSort />
        <DataTable.Col source="startYear" align="right" />
        <DataTable.Col source="termYears" align="right" disableSort />
        <DataTable.Col source="managingDivision.name" disableSort />
      </DataTable>
    </List>
  );
}
