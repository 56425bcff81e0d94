import type { ReactNode } from 'react';
import { DataTable, List, SearchInput, SelectInput } from 'react-admin';
import type { CsvColumn } from '../../csv';
import { CsvListActions } from '../../ExportCsvButton';
import {
  DepartmentInput,
  dateTime,
  EnumChip,
  EnumInput,
  fiscalYearChoices,
  hasPermission,
  Money,
  Percent,
} from '../projects/shared';

interface TargetRecord {
  id: string;
  kind: string;
  fiscalYear: number;
  funds: string;
  grade?: string | null;
  status?: string | null;
  reviewRound?: number | null;
  submittedAt?: string | null;
  quantificationRatio?: number | null;
  project?: { id: string; code: string; name: string } | null;
  region?: { code: string; name: string } | null;
  department: { id: string; name: string };
  updatedAt: string;
}

/** The columns of a target list, also used under a project (hideProject). Review fields only for ReadReviews. */
export function TargetDataTable({ hideProject = false, empty }: { hideProject?: boolean; empty?: ReactNode }) {
  const reviews = hasPermission('ReadReviews');
  return (
    <DataTable<TargetRecord> rowClick="show" bulkActionButtons={false} empty={empty}>
      <DataTable.Col source="fiscalYear" />
      <DataTable.Col source="kind" disableSort render={(r) => <EnumChip name="TargetKind" value={r.kind} />} />
      {hideProject ? null : (
        <DataTable.Col
          source="project.name"
          disableSort
          render={(r) => (r.region ? `${r.project?.name ?? ''}（${r.region.name}）` : (r.project?.name ?? '—'))}
        />
      )}
      <DataTable.Col source="department.name" disableSort />
      <DataTable.Col
        source="funds"
        align="right"
        sx={{ whiteSpace: 'nowrap' }}
        render={(r) => <Money yuan={r.funds} />}
      />
      {reviews ? (
        <DataTable.Col source="status" render={(r) => <EnumChip name="TargetStatus" value={r.status} />} />
      ) : null}
      <DataTable.Col source="grade" disableSort render={(r) => <EnumChip name="Grade" value={r.grade} />} />
      {reviews ? <DataTable.Col source="reviewRound" align="right" disableSort /> : null}
      <DataTable.Col
        source="quantificationRatio"
        align="right"
        disableSort
        render={(r) => <Percent value={r.quantificationRatio} />}
      />
      {reviews ? (
        <DataTable.Col
          source="submittedAt"
          disableSort
          sx={{ whiteSpace: 'nowrap' }}
          render={(r) => dateTime(r.submittedAt)}
        />
      ) : (
        <DataTable.Col source="updatedAt" render={(r) => dateTime(r.updatedAt)} />
      )}
    </DataTable>
  );
}

function filters() {
  return [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput key="fiscalYear" source="fiscalYear" choices={fiscalYearChoices()} alwaysOn />,
    ...(hasPermission('ReadReviews') ? [<EnumInput key="status" source="status" enumName="TargetStatus" />] : []),
    <EnumInput key="grade" source="grade" enumName="Grade" />,
    <DepartmentInput key="departmentId" />,
    <EnumInput key="kind" source="kind" enumName="TargetKind" />,
  ];
}

/** 绩效目标: read only; filtered by year, review status, grade, department and kind. */
export function TargetList() {
  const reviews = hasPermission('ReadReviews');
  const columns: CsvColumn[] = [
    { source: 'fiscalYear' },
    { source: 'kind', enumName: 'TargetKind' },
    {
      source: 'project.name',
      value: (r) => (r.region ? `${r.project?.name ?? ''}（${r.region.name}）` : (r.project?.name ?? '')),
    },
    { source: 'department.name' },
    { source: 'funds', money: true },
    ...(reviews ? [{ source: 'status', enumName: 'TargetStatus' }] : []),
    { source: 'grade', enumName: 'Grade' },
    ...(reviews ? [{ source: 'reviewRound' }] : []),
    {
      source: 'quantificationRatio',
      value: (r) => (typeof r.quantificationRatio === 'number' ? `${(r.quantificationRatio * 100).toFixed(1)}%` : ''),
    },
    reviews
      ? { source: 'submittedAt', value: (r) => (r.submittedAt ? dateTime(r.submittedAt) : '') }
      : { source: 'updatedAt', value: (r) => dateTime(r.updatedAt) },
  ];
  return (
    <List
      filters={filters()}
      sort={{ field: 'fiscalYear', order: 'DESC' }}
      perPage={25}
      exporter={false}
      actions={<CsvListActions columns={columns} />}
    >
      <TargetDataTable />
    </List>
  );
}
