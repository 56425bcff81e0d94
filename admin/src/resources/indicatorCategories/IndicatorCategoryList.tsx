import { DataTable, FilterButton, List, SearchInput, SelectInput, TopToolbar } from 'react-admin';
import { EnumLabel, useEnumChoices } from '../indicators/common';

function ScopeInput(props: { source: string; alwaysOn?: boolean }) {
  return <SelectInput {...props} choices={useEnumChoices('IndicatorScope')} />;
}

const filters = [<SearchInput key="q" source="q" alwaysOn />, <ScopeInput key="scope" source="scope" alwaysOn />];

/** 指标分类: read only, by library and position; the catalog's side tree is the usual way to browse them. */
export function IndicatorCategoryList() {
  return (
    <List
      filters={filters}
      sort={{ field: 'code', order: 'ASC' }}
      perPage={50}
      actions={
        <TopToolbar>
          <FilterButton />
        </TopToolbar>
      }
    >
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="code" />
        <DataTable.Col source="name" />
        <DataTable.Col
          source="scope"
          disableSort
          render={(r: { scope: string }) => <EnumLabel name="IndicatorScope" value={r.scope} />}
        />
        <DataTable.Col source="parent.name" disableSort />
        <DataTable.Col source="ownerDepartment.name" disableSort />
        <DataTable.NumberCol source="indicatorCount" disableSort />
        <DataTable.NumberCol source="sortOrder" />
      </DataTable>
    </List>
  );
}
