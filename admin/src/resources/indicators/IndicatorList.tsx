import AddCircleOutline from '@mui/icons-material/AddCircleOutlined';
import { Typography } from '@mui/material';
import {
  AutocompleteInput,
  Button,
  DataTable,
  DateField,
  FilterButton,
  Link,
  List,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TopToolbar,
  useCanAccess,
  useCreatePath,
  useListContext,
} from 'react-admin';
import { CategoryTree } from './CategoryTree';
import { EnumLabel, StatusChip, useEnumChoices, useLevel1Choices, useLevel2Choices } from './common';
import { ExportIndicatorsButton } from './ExportIndicatorsButton';
import { ImportIndicatorsButton } from './ImportIndicatorsButton';

export interface IndicatorRecord {
  id: string;
  code: string;
  name: string;
  scope: string;
  status: string;
  version: number;
  valueType: string;
  defaultComparator: string;
  defaultUnit: string | null;
  visibility: string;
  enabled: boolean;
  category: { id: string; code: string; name: string };
  level1: { id: string; name: string };
  level2: { id: string; name: string } | null;
  ownerDepartment: { id: string; name: string } | null;
  publishedAt: string | null;
  updatedAt: string;
}

function ScopeInput(props: { source: string; alwaysOn?: boolean }) {
  return <SelectInput {...props} choices={useEnumChoices('IndicatorScope')} />;
}

function StatusInput(props: { source: string; alwaysOn?: boolean }) {
  return <SelectInput {...props} choices={useEnumChoices('IndicatorStatus')} />;
}

function Level1Input(props: { source: string; alwaysOn?: boolean }) {
  return <SelectInput {...props} choices={useLevel1Choices()} />;
}

function Level2Input(props: { source: string; alwaysOn?: boolean }) {
  const { filterValues } = useListContext();
  return <SelectInput {...props} choices={useLevel2Choices(filterValues.level1NodeId as string | undefined)} />;
}

function ValueTypeInput(props: { source: string }) {
  return <SelectInput {...props} choices={useEnumChoices('ValueType')} />;
}

/**
 * The catalog fits a 1280 px window beside the category tree: short cells stay on one line, the name wraps (with its
 * scope and category beneath it), the framework dimensions and department wrap in narrow columns, and the publishing
 * date only shows on wide screens (it is on the detail page).
 */
const TABLE_SX = {
  '& th, & td': { whiteSpace: 'nowrap', px: 1 },
  '& td.column-name': { whiteSpace: 'normal', minWidth: 180 },
  '& td.col-wrap': { whiteSpace: 'normal', minWidth: 96, maxWidth: 160 },
  '& .col-wide': { display: { xs: 'none', xl: 'table-cell' } },
} as const;

const WRAP = { cellClassName: 'col-wrap', headerClassName: 'col-wrap' } as const;

function CodeCell({ record }: { record: IndicatorRecord }) {
  return (
    <>
      <Typography variant="body2" component="div">
        {record.code}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div">{`v${record.version}`}</Typography>
    </>
  );
}

function NameCell({ record }: { record: IndicatorRecord }) {
  return (
    <>
      <Typography variant="body2" component="div">
        {record.name}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div">
        <EnumLabel name="IndicatorScope" value={record.scope} />
        {record.category?.name ? ` · ${record.category.name}` : ''}
      </Typography>
    </>
  );
}

function StandardCell({ record }: { record: IndicatorRecord }) {
  return (
    <>
      <EnumLabel name="Comparator" value={record.defaultComparator} />
      {record.defaultUnit ? ` · ${record.defaultUnit}` : ''}
    </>
  );
}

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <StatusInput key="status" source="status" alwaysOn />,
  <ScopeInput key="scope" source="scope" alwaysOn />,
  <Level1Input key="level1NodeId" source="level1NodeId" alwaysOn />,
  <Level2Input key="level2NodeId" source="level2NodeId" />,
  <ReferenceInput key="ownerDepartmentId" source="ownerDepartmentId" reference="departments">
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 240 }} />
  </ReferenceInput>,
  <ValueTypeInput key="valueType" source="valueType" />,
];

/** 申请新增指标: for users who may propose (ProposeIndicator). */
export function ProposeButton() {
  const { canAccess } = useCanAccess({ resource: 'indicators', action: 'propose' });
  const createPath = useCreatePath();
  if (!canAccess) return null;
  return (
    <Button
      component={Link}
      to={createPath({ resource: 'indicators', type: 'create' })}
      label="catalog.actions.propose_new"
      data-testid="propose-new-indicator"
    >
      <AddCircleOutline />
    </Button>
  );
}

/** The catalog's toolbar: filters and proposing (the Excel import and export buttons belong here too). */
export function IndicatorListActions() {
  return (
    <TopToolbar>
      <FilterButton />
      <ProposeButton />
      <ImportIndicatorsButton />
      <ExportIndicatorsButton />
    </TopToolbar>
  );
}

/**
 * 指标库: every indicator version the user may see, browsed by library scope and category tree, filtered by framework
 * dimension, status, owner department and value type, searched by code or name. Published versions by default.
 */
export function IndicatorList() {
  return (
    <List
      filters={filters}
      filterDefaultValues={{ status: 'PUBLISHED' }}
      sort={{ field: 'code', order: 'ASC' }}
      perPage={25}
      aside={<CategoryTree />}
      actions={<IndicatorListActions />}
      sx={{ '& .RaList-main': { minWidth: 0 } }}
    >
      <DataTable rowClick="show" bulkActionButtons={false} size="small" sx={TABLE_SX}>
        <DataTable.Col source="code" render={(r: IndicatorRecord) => <CodeCell record={r} />} />
        <DataTable.Col source="name" render={(r: IndicatorRecord) => <NameCell record={r} />} />
        <DataTable.Col
          source="level1.name"
          label="catalog.sections.framework"
          disableSort
          {...WRAP}
          render={(r: IndicatorRecord) => [r.level1?.name, r.level2?.name].filter(Boolean).join(' · ')}
        />
        <DataTable.Col
          source="defaultComparator"
          label="catalog.list.standard"
          disableSort
          render={(r: IndicatorRecord) => <StandardCell record={r} />}
        />
        <DataTable.Col source="ownerDepartment.name" disableSort {...WRAP} />
        <DataTable.Col
          source="status"
          disableSort
          render={(r: IndicatorRecord) => <StatusChip name="IndicatorStatus" value={r.status} />}
        />
        <DataTable.Col source="publishedAt" cellClassName="col-wide" headerClassName="col-wide">
          <DateField source="publishedAt" locales="zh-CN" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
