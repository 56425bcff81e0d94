import Edit from '@mui/icons-material/Edit';
import {
  Alert,
  Box,
  Chip,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import {
  Button,
  Link,
  Show,
  TabbedShowLayout,
  TopToolbar,
  useCanAccess,
  useCreatePath,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { toWanYuan } from '../../format';
import { usage } from '../indicatorChangeRequests/api';
import { EnumLabel, StatusChip } from './common';
import { ProposeButton } from './IndicatorList';

interface VersionRow {
  id: string;
  version: number;
  status: string;
  name: string;
  publishedAt: string | null;
  updatedAt: string;
}

interface ChangeRequestRow {
  id: string;
  type: string;
  status: string;
  step: string | null;
  name: string;
  applicantName: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  department: { id: string; name: string };
}

interface ShowRecord {
  id: string;
  code: string;
  name: string;
  status: string;
  version: number;
  versions: VersionRow[];
  changeRequests: ChangeRequestRow[];
}

const dateTime = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { dateStyle: 'medium', timeStyle: 'short' }) : '';

/** 申请修改: a MODIFY proposal of a published version, for users who may propose. */
function ProposeChangeButton() {
  const record = useRecordContext<ShowRecord>();
  const createPath = useCreatePath();
  const { canAccess } = useCanAccess({ resource: 'indicators', action: 'propose' });
  if (!canAccess || record?.status !== 'PUBLISHED') return null;
  return (
    <Button
      component={Link}
      to={createPath({ resource: 'indicators', type: 'edit', id: record.id })}
      label="catalog.actions.propose_change"
      data-testid="propose-change"
    >
      <Edit />
    </Button>
  );
}

function ShowActions() {
  return (
    <TopToolbar>
      <ProposeChangeButton />
      <ProposeButton />
    </TopToolbar>
  );
}

function ShowTitle() {
  const record = useRecordContext<ShowRecord>();
  return <>{record ? `${record.code} ${record.name}` : ''}</>;
}

function Versions() {
  const translate = useTranslate();
  const record = useRecordContext<ShowRecord>();
  const createPath = useCreatePath();
  // A row of the list cache stands in while the full record loads.
  if (!record?.versions) return <LinearProgress />;
  return (
    <Table size="small" data-testid="indicator-versions">
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.indicators.fields.version')}</TableCell>
          <TableCell>{translate('resources.indicators.fields.name')}</TableCell>
          <TableCell>{translate('resources.indicators.fields.status')}</TableCell>
          <TableCell>{translate('resources.indicators.fields.publishedAt')}</TableCell>
          <TableCell>{translate('resources.indicators.fields.updatedAt')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {record.versions.map((v) => (
          <TableRow key={v.id} selected={v.id === record.id}>
            <TableCell>
              {v.id === record.id ? (
                <Chip size="small" color="primary" label={`v${v.version} · ${translate('catalog.versions.current')}`} />
              ) : (
                <Link to={createPath({ resource: 'indicators', type: 'show', id: v.id })}>{`v${v.version}`}</Link>
              )}
            </TableCell>
            <TableCell>{v.name}</TableCell>
            <TableCell>
              <StatusChip name="IndicatorStatus" value={v.status} />
            </TableCell>
            <TableCell>{dateTime(v.publishedAt)}</TableCell>
            <TableCell>{dateTime(v.updatedAt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** How many target rows use the indicator (every version, one query) and which targets. */
function Usage() {
  const translate = useTranslate();
  const record = useRecordContext<ShowRecord>();
  const createPath = useCreatePath();
  const ids = (record?.versions ?? []).map((v) => v.id);
  const { data, isPending, error } = useQuery({
    queryKey: ['yardstick', 'indicatorUsage', ids],
    queryFn: () => usage(ids, 50),
    enabled: ids.length > 0,
  });
  if (!record?.versions || isPending) return <LinearProgress />;
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!data || data.totalCount === 0) return <Alert severity="info">{translate('catalog.usage.none')}</Alert>;
  return (
    <Box>
      <Typography variant="subtitle1" data-testid="indicator-usage-count">
        {translate('catalog.usage.summary', { count: data.totalCount })}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, my: 1, flexWrap: 'wrap' }}>
        {Object.entries(data.byVersion).map(([version, count]) => (
          <Chip
            key={version}
            size="small"
            variant="outlined"
            label={translate('catalog.usage.by_version', { version, count })}
          />
        ))}
        {!data.complete && <Chip size="small" label={translate('catalog.usage.shown', { count: data.items.length })} />}
      </Box>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('catalog.usage.fiscal_year')}</TableCell>
            <TableCell>{translate('catalog.usage.project')}</TableCell>
            <TableCell>{translate('catalog.usage.department')}</TableCell>
            <TableCell>{translate('catalog.usage.kind')}</TableCell>
            <TableCell align="right">{translate('catalog.usage.funds')}</TableCell>
            <TableCell>{translate('catalog.usage.period')}</TableCell>
            <TableCell>{translate('catalog.usage.target_value')}</TableCell>
            <TableCell>{translate('catalog.usage.version')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.items.map((row) => (
            <TableRow key={row.id}>
              <TableCell>{row.target.fiscalYear}</TableCell>
              <TableCell>
                <Link to={createPath({ resource: 'performanceTargets', type: 'show', id: row.target.id })}>
                  {row.target.project ? `${row.target.project.name}` : translate('catalog.usage.department_target')}
                </Link>
              </TableCell>
              <TableCell>{row.target.department.name}</TableCell>
              <TableCell>
                <EnumLabel name="TargetKind" value={row.target.kind} />
              </TableCell>
              <TableCell align="right">{toWanYuan(row.target.funds)}</TableCell>
              <TableCell>
                <EnumLabel name="TargetPeriod" value={row.period} />
              </TableCell>
              <TableCell>{`${row.targetValue}${row.unit ?? ''}`}</TableCell>
              <TableCell>{`v${row.indicatorVersion}`}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function ChangeRequests() {
  const translate = useTranslate();
  const record = useRecordContext<ShowRecord>();
  const createPath = useCreatePath();
  if (!record?.changeRequests) return <LinearProgress />;
  if (record.changeRequests.length === 0) return <Alert severity="info">{translate('catalog.requests.none')}</Alert>;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.indicatorChangeRequests.fields.id')}</TableCell>
          <TableCell>{translate('resources.indicatorChangeRequests.fields.type')}</TableCell>
          <TableCell>{translate('resources.indicatorChangeRequests.fields.name')}</TableCell>
          <TableCell>{translate('resources.indicatorChangeRequests.fields.department')}</TableCell>
          <TableCell>{translate('resources.indicatorChangeRequests.fields.status')}</TableCell>
          <TableCell>{translate('resources.indicatorChangeRequests.fields.submittedAt')}</TableCell>
          <TableCell>{translate('resources.indicatorChangeRequests.fields.decidedAt')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {record.changeRequests.map((r) => (
          <TableRow key={r.id}>
            <TableCell>
              <Link to={createPath({ resource: 'indicatorChangeRequests', type: 'show', id: r.id })}>{r.id}</Link>
            </TableCell>
            <TableCell>
              <EnumLabel name="ChangeRequestType" value={r.type} />
            </TableCell>
            <TableCell>{r.name}</TableCell>
            <TableCell>{r.department.name}</TableCell>
            <TableCell>
              <StatusChip name="ChangeRequestStatus" value={r.status} />
            </TableCell>
            <TableCell>{dateTime(r.submittedAt)}</TableCell>
            <TableCell>{dateTime(r.decidedAt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

interface DefinitionRecord {
  code: string;
  name: string;
  status: string;
  version: number;
  scope: string;
  valueType: string;
  defaultComparator: string;
  defaultUnit: string | null;
  referenceValue: string | null;
  visibility: string;
  enabled: boolean;
  explanation: string | null;
  calculationMethod: string | null;
  dataSource: string | null;
  scoringRule: string | null;
  validFrom: string | null;
  validTo: string | null;
  publishedAt: string | null;
  updatedAt: string;
  fiscalDivisionCode?: string;
  category: { code: string; name: string };
  level1: { name: string };
  level2: { name: string } | null;
  ownerDepartment: { name: string } | null;
}

function Item({ field, wide, children }: { field: string; wide?: boolean; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box sx={{ gridColumn: wide ? '1 / -1' : undefined, minWidth: 0 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate(`resources.indicators.fields.${field}`)}
      </Typography>
      <Typography variant="body2" component="div" sx={{ whiteSpace: 'pre-wrap' }} data-field={field}>
        {children ?? '—'}
      </Typography>
    </Box>
  );
}

/** The definition (指标定义) in a grid: short facts three to a row, the explanatory texts full width. */
function Definition() {
  const translate = useTranslate();
  const r = useRecordContext<DefinitionRecord>();
  if (!r) return null;
  const or = (v: string | null | undefined) => (v ? v : '—');
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: 'repeat(4, 1fr)' },
        gap: 2,
        py: 1,
      }}
    >
      <Item field="code">{r.code}</Item>
      <Item field="name">{r.name}</Item>
      <Item field="status">
        <StatusChip name="IndicatorStatus" value={r.status} />
      </Item>
      <Item field="version">{`v${r.version}`}</Item>
      <Item field="scope">
        <EnumLabel name="IndicatorScope" value={r.scope} />
      </Item>
      <Item field="category">{r.category ? `${r.category.code} ${r.category.name}` : '—'}</Item>
      <Item field="level1">{r.level1?.name}</Item>
      <Item field="level2">{or(r.level2?.name)}</Item>
      <Item field="valueType">
        <EnumLabel name="ValueType" value={r.valueType} />
      </Item>
      <Item field="defaultComparator">
        <EnumLabel name="Comparator" value={r.defaultComparator} />
      </Item>
      <Item field="defaultUnit">{or(r.defaultUnit)}</Item>
      <Item field="referenceValue">{or(r.referenceValue)}</Item>
      <Item field="visibility">
        <EnumLabel name="Visibility" value={r.visibility} />
      </Item>
      <Item field="ownerDepartment">{or(r.ownerDepartment?.name)}</Item>
      <Item field="enabled">{translate(r.enabled ? 'ra.boolean.true' : 'ra.boolean.false')}</Item>
      <Item field="validity">{`${or(r.validFrom)} ～ ${or(r.validTo)}`}</Item>
      <Item field="explanation" wide>
        {or(r.explanation)}
      </Item>
      <Item field="calculationMethod" wide>
        {or(r.calculationMethod)}
      </Item>
      <Item field="dataSource" wide>
        {or(r.dataSource)}
      </Item>
      <Item field="scoringRule" wide>
        {or(r.scoringRule)}
      </Item>
      <Item field="publishedAt">{dateTime(r.publishedAt)}</Item>
      <Item field="updatedAt">{dateTime(r.updatedAt)}</Item>
    </Box>
  );
}

/** One indicator version: its definition, every version, which targets use it, and its change requests. */
export function IndicatorShow() {
  return (
    <Show actions={<ShowActions />} title={<ShowTitle />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="catalog.tabs.definition">
          <Definition />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="catalog.tabs.versions" path="versions">
          <Versions />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="catalog.tabs.usage" path="usage">
          <Usage />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="catalog.tabs.requests" path="requests">
          <ChangeRequests />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}
