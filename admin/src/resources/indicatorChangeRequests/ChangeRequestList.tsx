import Sensors from '@mui/icons-material/Sensors';
import { Chip, Typography } from '@mui/material';
import { useCallback, useRef } from 'react';
import {
  AutocompleteInput,
  DataTable,
  DataTableBody,
  type DataTableBodyProps,
  DataTableRow,
  type DataTableRowProps,
  DateField,
  FilterButton,
  List,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TopToolbar,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useReviewEvents } from '../../live';
import { EnumLabel, StatusChip, useEnumChoices } from '../indicators/common';
import { ProposeButton } from '../indicators/IndicatorList';

export interface QueueRecord {
  id: string;
  type: string;
  status: string;
  step: string | null;
  name: string;
  version: number;
  applicantName: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  createdAt: string;
  department: { id: string; name: string };
  indicator: { id: string; code: string; name: string; version: number } | null;
}

function StatusInput(props: { source: string; alwaysOn?: boolean }) {
  return <SelectInput {...props} choices={useEnumChoices('ChangeRequestStatus')} />;
}
function TypeInput(props: { source: string; alwaysOn?: boolean }) {
  return <SelectInput {...props} choices={useEnumChoices('ChangeRequestType')} />;
}

const filters = [
  <StatusInput key="status" source="status" alwaysOn />,
  <TypeInput key="type" source="type" alwaysOn />,
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="departmentId" source="departmentId" reference="departments">
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 240 }} />
  </ReferenceInput>,
];

const DAY_MS = 86_400_000;

/** The proposed name, and for MODIFY / RETIRE the indicator version it is about. */
function NameCell({ record }: { record: QueueRecord }) {
  return (
    <>
      <Typography variant="body2">{record.name}</Typography>
      {record.indicator && (
        <Typography variant="caption" color="text.secondary">
          {`${record.indicator.code} v${record.indicator.version}`}
        </Typography>
      )}
    </>
  );
}

/** How long a request in review has waited since it was submitted. */
function Waiting() {
  const translate = useTranslate();
  const r = useRecordContext<QueueRecord>();
  if (!r) return null;
  if (r.status !== 'IN_REVIEW' || !r.submittedAt) return <>{translate(`queue.waiting.${r.status}`, { _: '' })}</>;
  const days = Math.floor((Date.now() - new Date(r.submittedAt).getTime()) / DAY_MS);
  return (
    <>
      {r.step && <EnumLabel name="ChangeRequestStep" value={r.step} />}
      {` · ${translate('queue.age_days', { smart_count: days })}`}
    </>
  );
}

/** A queue row, addressable by browser tests: data-testid="queue-row", data-id, data-status, data-step. */
function QueueRow(props: DataTableRowProps) {
  const r = useRecordContext<QueueRecord>();
  return (
    <DataTableRow
      {...props}
      data-testid="queue-row"
      data-id={r?.id}
      data-status={r?.status}
      data-step={r?.step ?? ''}
    />
  );
}

function QueueBody(props: DataTableBodyProps) {
  return <DataTableBody {...props} row={QueueRow} />;
}

function LiveChip() {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color="success"
      variant="outlined"
      icon={<Sensors />}
      label={translate('queue.live')}
      sx={{ alignSelf: 'center', mr: 1 }}
    />
  );
}

function QueueActions() {
  return (
    <TopToolbar>
      <LiveChip />
      <FilterButton />
      <ProposeButton />
    </TopToolbar>
  );
}

/** Refreshes the list when an admission event arrives, at most once per 300 ms (events come in bursts). */
function useLiveRefresh() {
  const refresh = useRefresh();
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onEvent = useCallback(() => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      refresh();
    }, 300);
  }, [refresh]);
  useReviewEvents({ subjectTypes: ['IndicatorChangeRequest'] }, onEvent);
}

/**
 * 入库审核: change requests by status and type, oldest submission first; in review by default. It updates itself when
 * a review event about a change request arrives (graphql-ws subscription), without a reload.
 */
export function ChangeRequestList() {
  useLiveRefresh();
  return (
    <List
      filters={filters}
      filterDefaultValues={{ status: 'IN_REVIEW' }}
      sort={{ field: 'submittedAt', order: 'ASC' }}
      perPage={25}
      actions={<QueueActions />}
    >
      <DataTable
        rowClick="show"
        bulkActionButtons={false}
        body={QueueBody}
        sx={{
          '& th, & td': { whiteSpace: 'nowrap' },
          '& td.column-name, & td.column-step': { whiteSpace: 'normal', minWidth: 180 },
        }}
      >
        <DataTable.Col source="id" disableSort />
        <DataTable.Col
          source="type"
          disableSort
          render={(r: QueueRecord) => <EnumLabel name="ChangeRequestType" value={r.type} />}
        />
        <DataTable.Col source="name" disableSort render={(r: QueueRecord) => <NameCell record={r} />} />
        <DataTable.Col source="department.name" disableSort />
        <DataTable.Col
          source="status"
          render={(r: QueueRecord) => <StatusChip name="ChangeRequestStatus" value={r.status} />}
        />
        <DataTable.Col source="step" disableSort>
          <Waiting />
        </DataTable.Col>
        <DataTable.Col source="submittedAt">
          <DateField source="submittedAt" locales="zh-CN" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
