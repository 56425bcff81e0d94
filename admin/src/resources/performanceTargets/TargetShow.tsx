import { Typography } from '@mui/material';
import {
  ArrayField,
  BooleanField,
  DataTable,
  FunctionField,
  Link,
  Show,
  TabbedShowLayout,
  TextField,
  useCreatePath,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { dateTime, EnumChip, hasPermission, Money, Percent } from '../projects/shared';
import { ReviewTimeline } from './ReviewTimeline';
import { TargetActions } from './TargetActions';

interface TargetRow {
  id: string;
  sortOrder: number;
  period: string;
  comparator: string;
  targetValue: string;
  unit?: string | null;
  weight?: string | null;
  note?: string | null;
  indicatorVersion: number;
  indicator: {
    id: string;
    code: string;
    name: string;
    level1?: { name: string } | null;
    level2?: { name: string } | null;
  };
}

interface Target {
  id: string;
  fiscalYear: number;
  kind: string;
  project?: { id: string; code: string; name: string } | null;
  department: { id: string; name: string };
  region?: { name: string } | null;
  rows?: TargetRow[];
}

function TargetTitle() {
  const record = useRecordContext<Target>();
  const translate = useTranslate();
  if (!record) return null;
  const name = record.project?.name ?? record.department.name;
  return (
    <span>
      {translate('resources.performanceTargets.title', {
        year: record.fiscalYear,
        name: record.region ? `${name}（${record.region.name}）` : name,
      })}
    </span>
  );
}

function RefLink({ resource, id, text }: { resource: string; id?: string | null; text?: string | null }) {
  const createPath = useCreatePath();
  if (!id) return <span>—</span>;
  return <Link to={createPath({ resource, id, type: 'show' })}>{text ?? id}</Link>;
}

function WeightTotal() {
  const record = useRecordContext<Target>();
  const translate = useTranslate();
  const rows = record?.rows ?? [];
  // Weights are optional; once any row has one, they must add up to 100 (the pre-check's WEIGHTS_NOT_100).
  const weighted = rows.filter((r) => r.weight !== null && r.weight !== undefined && r.weight !== '');
  if (weighted.length === 0) {
    return rows.length ? (
      <Typography variant="caption" color="text.secondary" data-testid="weight-total">
        {translate('resources.performanceTargets.rows.no_weights')}
      </Typography>
    ) : null;
  }
  const cents = weighted.reduce((sum, r) => sum + Math.round(Number(r.weight) * 100), 0);
  const complete = cents === 10_000;
  return (
    <Typography variant="caption" color={complete ? 'text.secondary' : 'warning.main'} data-testid="weight-total">
      {translate(
        complete
          ? 'resources.performanceTargets.rows.total_weight'
          : 'resources.performanceTargets.rows.weights_not_100',
        { total: (cents / 100).toFixed(2), missing: rows.length - weighted.length },
      )}
    </Typography>
  );
}

const NOWRAP = { whiteSpace: 'nowrap' } as const;

function RowsTable() {
  const translate = useTranslate();
  const t = (key: string) => translate(`resources.performanceTargets.rows.${key}`);
  return (
    <>
      <ArrayField source="rows">
        <DataTable<TargetRow>
          bulkActionButtons={false}
          empty={
            <Typography variant="body2" color="text.secondary" sx={{ py: 2 }}>
              {t('empty')}
            </Typography>
          }
        >
          <DataTable.Col label={t('sortOrder')} sx={NOWRAP} render={(r) => r.sortOrder} />
          <DataTable.Col label={t('level1')} render={(r) => r.indicator.level1?.name ?? ''} />
          <DataTable.Col label={t('level2')} render={(r) => r.indicator.level2?.name ?? ''} />
          <DataTable.Col
            label={t('indicator')}
            render={(r) => <RefLink resource="indicators" id={r.indicator.id} text={r.indicator.name} />}
          />
          <DataTable.Col label={t('code')} sx={NOWRAP} render={(r) => r.indicator.code} />
          <DataTable.Col label={t('period')} sx={NOWRAP} render={(r) => translate(`enums.TargetPeriod.${r.period}`)} />
          <DataTable.Col
            label={t('comparator')}
            sx={NOWRAP}
            render={(r) => translate(`enums.Comparator.${r.comparator}`)}
          />
          <DataTable.Col label={t('targetValue')} align="right" render={(r) => r.targetValue} />
          <DataTable.Col label={t('unit')} sx={NOWRAP} render={(r) => r.unit ?? ''} />
          <DataTable.Col label={t('weight')} sx={NOWRAP} align="right" render={(r) => r.weight ?? ''} />
          <DataTable.Col
            label={t('version')}
            render={(r) =>
              translate('resources.performanceTargets.rows.version_value', { version: r.indicatorVersion })
            }
          />
          <DataTable.Col label={t('note')} render={(r) => r.note ?? ''} />
        </DataTable>
      </ArrayField>
      <WeightTotal />
    </>
  );
}

/**
 * One performance target: its goals, its target table (绩效指标表) and, for roles that read reviews, its review timeline;
 * above them the review steps the signed-in user may take now (TargetActions).
 */
export function TargetShow() {
  const translate = useTranslate();
  const reviews = hasPermission('ReadReviews');
  return (
    <Show title={<TargetTitle />} actions={<TargetActions />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label={translate('resources.performanceTargets.tabs.goals')}>
          <FunctionField source="kind" render={(r) => <EnumChip name="TargetKind" value={r.kind} />} />
          <TextField source="fiscalYear" />
          <FunctionField
            source="project"
            render={(r) => <RefLink resource="projects" id={r.project?.id} text={r.project?.name} />}
          />
          <FunctionField
            source="department"
            render={(r) => <RefLink resource="departments" id={r.department?.id} text={r.department?.name} />}
          />
          <TextField source="region.name" emptyText="—" />
          <FunctionField source="funds" render={(r) => <Money yuan={r.funds} />} />
          {reviews ? (
            <FunctionField source="status" render={(r) => <EnumChip name="TargetStatus" value={r.status} />} />
          ) : null}
          <FunctionField source="grade" render={(r) => (r.grade ? <EnumChip name="Grade" value={r.grade} /> : '—')} />
          {reviews ? <TextField source="reviewRound" /> : null}
          <FunctionField source="quantificationRatio" render={(r) => <Percent value={r.quantificationRatio} />} />
          <TextField source="framework.name" />
          <TextField source="overallGoal" sx={{ whiteSpace: 'pre-wrap' }} />
          <TextField source="annualGoal" sx={{ whiteSpace: 'pre-wrap' }} />
          <TextField source="measures" emptyText="—" sx={{ whiteSpace: 'pre-wrap' }} />
          <BooleanField source="submitToCongress" />
          {reviews ? <FunctionField source="submittedAt" render={(r) => dateTime(r.submittedAt)} /> : null}
          <FunctionField source="approvedAt" render={(r) => dateTime(r.approvedAt)} />
          <FunctionField source="updatedAt" render={(r) => dateTime(r.updatedAt)} />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={translate('resources.performanceTargets.tabs.rows')} path="rows">
          <RowsTable />
        </TabbedShowLayout.Tab>
        {reviews ? (
          <TabbedShowLayout.Tab label={translate('resources.performanceTargets.tabs.timeline')} path="timeline">
            <ReviewTimeline />
          </TabbedShowLayout.Tab>
        ) : null}
      </TabbedShowLayout>
    </Show>
  );
}
