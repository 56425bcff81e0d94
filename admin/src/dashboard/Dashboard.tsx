/**
 * The dashboard (驾驶舱): the aggregates of the API as charts for one fiscal year — the funds funnel by department and
 * budget type, the decision mix, the grade distribution, target coverage — plus the library's composition and the
 * admission queue's age, which do not depend on the year. Only for ReadAggregates; the figures cover what the
 * signed-in user may see (the server scopes them).
 */
import {
  Box,
  Card,
  CardContent,
  Grid,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import { Title, useStore, useTranslate } from 'react-admin';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { toWanYuan } from '../format';
import { hasPermission } from '../resources/projects/shared';
import { useApiQuery, wan } from './api';
import { ChartCard, COLORS, Figure, percentText, wanText } from './parts';
import { STATIC_QUERY, type StaticData, YEAR_QUERY, type YearData } from './queries';

const TOP_DEPARTMENTS = 10;
const TOP_CATEGORIES = 8;
const BUDGET_TYPES = ['GENERAL_PUBLIC', 'GOVERNMENT_FUND', 'STATE_CAPITAL', 'SOCIAL_INSURANCE'];

function YearSelect({
  years,
  year,
  onChange,
}: {
  years: number[];
  year: number | undefined;
  onChange: (y: number) => void;
}) {
  const translate = useTranslate();
  return (
    <TextField
      select
      size="small"
      label={translate('dashboard.year')}
      value={year ?? ''}
      onChange={(e) => onChange(Number(e.target.value))}
      sx={{ width: 160, flexShrink: 0 }}
      slotProps={{
        select: { native: true },
        htmlInput: { 'data-testid': 'year-select' },
        inputLabel: { shrink: true },
      }}
    >
      {years.map((y) => (
        <option key={y} value={y}>
          {y}
        </option>
      ))}
    </TextField>
  );
}

function FundsFunnel({ data, loading, error }: { data?: YearData; loading: boolean; error?: Error }) {
  const translate = useTranslate();
  const [type, setType] = useState<string>('ALL');
  const rows = useMemo(() => {
    const byDepartment = new Map<
      string,
      { name: string; requested: number; audited: number; approved: number; cut: number }
    >();
    for (const g of data?.funnel.groups ?? []) {
      if (type !== 'ALL' && g.budgetType !== type) continue;
      const key = g.departmentId ?? '-';
      const row = byDepartment.get(key) ?? {
        name: g.departmentName ?? '—',
        requested: 0,
        audited: 0,
        approved: 0,
        cut: 0,
      };
      row.requested += wan(g.requested);
      row.audited += wan(g.audited);
      row.approved += wan(g.approved);
      row.cut += wan(g.cut);
      byDepartment.set(key, row);
    }
    return [...byDepartment.values()].sort((a, b) => b.requested - a.requested).slice(0, TOP_DEPARTMENTS);
  }, [data, type]);
  const present = new Set((data?.funnel.groups ?? []).map((g) => g.budgetType));
  const f = (key: string) => translate(`dashboard.funnel.${key}`);
  return (
    <ChartCard
      testId="chart-funnel"
      title={f('title')}
      caption={translate('dashboard.funnel.caption', { count: TOP_DEPARTMENTS })}
      loading={loading}
      error={error}
      empty={rows.length === 0}
      height={Math.max(260, rows.length * 46 + 60)}
      action={
        <ToggleButtonGroup
          size="small"
          exclusive
          value={type}
          onChange={(_, v: string | null) => v && setType(v)}
          data-testid="funnel-budget-type"
          sx={{ '& .MuiToggleButton-root': { whiteSpace: 'nowrap', px: 1.25, py: 0.25 } }}
        >
          <ToggleButton value="ALL">{translate('dashboard.all_types')}</ToggleButton>
          {BUDGET_TYPES.filter((t) => present.has(t)).map((t) => (
            <ToggleButton key={t} value={t}>
              {translate(`enums.BudgetType.${t}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      }
    >
      <ResponsiveContainer>
        <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 24 }} barCategoryGap="20%">
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => wanText(v, 0)} />
          <YAxis type="category" dataKey="name" width={170} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v) => `${wanText(Number(v))} ${translate('dashboard.wan_yuan')}`} />
          <Legend itemSorter={null} />
          <Bar isAnimationActive={false} dataKey="requested" name={f('requested')} fill={COLORS.requested} />
          <Bar isAnimationActive={false} dataKey="audited" name={f('audited')} fill={COLORS.audited} />
          <Bar isAnimationActive={false} dataKey="approved" name={f('approved')} fill={COLORS.approved} />
          <Bar isAnimationActive={false} dataKey="cut" name={f('cut')} fill={COLORS.cut} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function Decisions({ data, loading, error }: { data?: YearData; loading: boolean; error?: Error }) {
  const translate = useTranslate();
  const rows = (data?.decisions.groups ?? [])
    .filter((g) => g.budgets > 0)
    .map((g) => ({
      key: g.decision ?? 'NONE',
      name: g.decision ? translate(`enums.BudgetDecision.${g.decision}`) : translate('dashboard.decisions.undecided'),
      value: g.budgets,
    }));
  return (
    <ChartCard
      testId="chart-decisions"
      title={translate('dashboard.decisions.title')}
      caption={translate('dashboard.decisions.caption')}
      loading={loading}
      error={error}
      empty={rows.length === 0}
    >
      <ResponsiveContainer>
        <PieChart>
          <Pie
            isAnimationActive={false}
            data={rows}
            dataKey="value"
            nameKey="name"
            innerRadius="45%"
            outerRadius="75%"
            paddingAngle={1}
            label
          >
            {rows.map((r, i) => (
              <Cell key={r.key} fill={r.key === 'NONE' ? '#C9CDD4' : COLORS.series[i % COLORS.series.length]} />
            ))}
          </Pie>
          <Tooltip />
          <Legend itemSorter={null} />
        </PieChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function Grades({ data, loading, error }: { data?: YearData; loading: boolean; error?: Error }) {
  const translate = useTranslate();
  const total = data?.targets.total;
  const rows = total
    ? [
        { key: 'EXCELLENT', value: total.excellent, color: COLORS.excellent },
        { key: 'GOOD', value: total.good, color: COLORS.good },
        { key: 'FAIR', value: total.fair, color: COLORS.fair },
        { key: 'POOR', value: total.poor, color: COLORS.poor },
      ].map((r) => ({ ...r, name: translate(`enums.Grade.${r.key}`) }))
    : [];
  return (
    <ChartCard
      testId="chart-grades"
      title={translate('dashboard.grades.title')}
      caption={translate('dashboard.grades.caption')}
      loading={loading}
      error={error}
      empty={!total || total.graded === 0}
    >
      <ResponsiveContainer>
        <BarChart data={rows} margin={{ top: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar
            isAnimationActive={false}
            dataKey="value"
            name={translate('dashboard.grades.targets')}
            label={{ position: 'top' }}
          >
            {rows.map((r) => (
              <Cell key={r.key} fill={r.color} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function Coverage({ data, loading, error }: { data?: YearData; loading: boolean; error?: Error }) {
  const translate = useTranslate();
  const rows = (data?.coverage.groups ?? [])
    .filter((g) => g.budgetType && g.budgets > 0)
    .map((g) => ({
      name: translate(`enums.BudgetType.${g.budgetType}`),
      coverage: Math.round((g.coverage ?? 0) * 1000) / 10,
      withTarget: g.withTarget,
      budgets: g.budgets,
    }));
  const c = (key: string) => translate(`dashboard.coverage.${key}`);
  return (
    <ChartCard
      testId="chart-coverage"
      title={c('title')}
      caption={c('caption')}
      loading={loading}
      error={error}
      empty={rows.length === 0}
    >
      <ResponsiveContainer>
        <ComposedChart data={rows} margin={{ top: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} />
          <YAxis yAxisId="count" allowDecimals={false} />
          <YAxis yAxisId="pct" orientation="right" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} />
          <Tooltip formatter={(v, name) => (name === c('coverage') ? `${v}%` : String(v))} />
          <Legend itemSorter={null} />
          <Bar isAnimationActive={false} yAxisId="count" dataKey="budgets" name={c('budgets')} fill="#C9D6EA" />
          <Bar
            isAnimationActive={false}
            yAxisId="count"
            dataKey="withTarget"
            name={c('withTarget')}
            fill={COLORS.requested}
          />
          <Line
            isAnimationActive={false}
            yAxisId="pct"
            dataKey="coverage"
            name={c('coverage')}
            stroke={COLORS.excellent}
            strokeWidth={2}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function Library({ data, loading, error }: { data?: StaticData; loading: boolean; error?: Error }) {
  const translate = useTranslate();
  const groups = data?.library.groups ?? [];
  const scopes = new Map<string, number>();
  for (const g of groups) if (g.scope) scopes.set(g.scope, (scopes.get(g.scope) ?? 0) + g.indicators);
  const scopeRows = [...scopes].map(([key, value]) => ({
    key,
    name: translate(`enums.IndicatorScope.${key}`),
    value,
  }));
  const categories = [...groups]
    .filter((g) => g.categoryName)
    .sort((a, b) => b.indicators - a.indicators)
    .slice(0, TOP_CATEGORIES)
    .map((g) => ({ name: g.categoryName ?? '', used: g.used, neverUsed: g.neverUsed }));
  const l = (key: string) => translate(`dashboard.library.${key}`);
  return (
    <ChartCard
      testId="chart-library"
      title={l('title')}
      caption={`${translate('dashboard.library.caption', { count: TOP_CATEGORIES })} · ${translate('dashboard.not_by_year')}`}
      loading={loading}
      error={error}
      empty={groups.length === 0}
      emptyText="dashboard.library.empty"
    >
      <Stack direction={{ xs: 'column', md: 'row' }} sx={{ height: '100%' }}>
        <Box sx={{ flex: '0 0 38%', height: '100%', minHeight: 200 }}>
          <ResponsiveContainer>
            <PieChart>
              <Pie isAnimationActive={false} data={scopeRows} dataKey="value" nameKey="name" outerRadius="70%" label>
                {scopeRows.map((r, i) => (
                  <Cell key={r.key} fill={COLORS.series[i % COLORS.series.length]} />
                ))}
              </Pie>
              <Tooltip />
              <Legend itemSorter={null} />
            </PieChart>
          </ResponsiveContainer>
        </Box>
        <Box sx={{ flex: 1, height: '100%', minHeight: 200 }}>
          <ResponsiveContainer>
            <BarChart data={categories} layout="vertical" margin={{ left: 8, right: 16 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="name" width={120} tick={{ fontSize: 12 }} />
              <Tooltip />
              <Legend itemSorter={null} />
              <Bar isAnimationActive={false} dataKey="used" stackId="n" name={l('used')} fill={COLORS.approved} />
              <Bar isAnimationActive={false} dataKey="neverUsed" stackId="n" name={l('neverUsed')} fill="#C9D6EA" />
            </BarChart>
          </ResponsiveContainer>
        </Box>
      </Stack>
    </ChartCard>
  );
}

function Queue({ data, loading, error }: { data?: StaticData; loading: boolean; error?: Error }) {
  const translate = useTranslate();
  const rows = (data?.queue.groups ?? [])
    .filter((g) => g.step && g.pending > 0)
    .map((g) => ({
      name: translate(`enums.ChangeRequestStep.${g.step}`),
      pending: g.pending,
      oldest: Math.round(g.oldestPendingDays ?? 0),
    }));
  const total = data?.queue.total;
  const days = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));
  const q = (key: string) => translate(`dashboard.queue.${key}`);
  return (
    <ChartCard
      testId="chart-queue"
      title={q('title')}
      caption={`${
        total?.decided
          ? translate('dashboard.queue.caption', {
              avg: days(total.averageDaysToDecision),
              median: days(total.medianDaysToDecision),
            })
          : translate('dashboard.queue.caption_short')
      } · ${translate('dashboard.not_by_year')}`}
      loading={loading}
      error={error}
      empty={rows.length === 0}
      emptyText="dashboard.queue.empty"
    >
      <ResponsiveContainer>
        <ComposedChart data={rows} margin={{ top: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} />
          <YAxis yAxisId="n" allowDecimals={false} />
          <YAxis yAxisId="d" orientation="right" />
          <Tooltip />
          <Legend itemSorter={null} />
          <Bar
            isAnimationActive={false}
            yAxisId="n"
            dataKey="pending"
            name={q('pending')}
            fill={COLORS.requested}
            barSize={48}
          />
          <Line
            isAnimationActive={false}
            yAxisId="d"
            dataKey="oldest"
            name={q('oldest')}
            stroke={COLORS.cut}
            strokeWidth={2}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function Figures({ year, fixed }: { year?: YearData; fixed?: StaticData }) {
  const translate = useTranslate();
  const k = (key: string, opts?: Record<string, unknown>) => translate(`dashboard.kpi.${key}`, opts);
  const unit = translate('dashboard.wan_yuan');
  const funds = year?.funnel.total;
  const targets = year?.targets.total;
  const coverage = year?.coverage.total;
  const items = [
    {
      id: 'requested',
      label: k('requested'),
      value: toWanYuan(funds?.requested) || '—',
      unit,
      detail: funds ? k('budgets', { count: funds.budgets }) : undefined,
    },
    {
      id: 'approved',
      label: k('approved'),
      value: toWanYuan(funds?.approved) || '—',
      unit,
      detail: funds ? `${k('audited')} ${toWanYuan(funds.audited)}` : undefined,
    },
    {
      id: 'cut',
      label: k('cut'),
      value: toWanYuan(funds?.cut) || '—',
      unit,
      detail: funds ? k('cut_rate', { rate: percentText(funds.cutRate) }) : undefined,
    },
    {
      id: 'targets',
      label: k('targets'),
      value: String(targets?.targets ?? '—'),
      detail: targets ? k('graded', { count: targets.graded }) : undefined,
    },
    {
      id: 'first-pass',
      label: k('first_pass'),
      value: percentText(targets?.firstPassRate),
      detail: targets?.averageRounds != null ? k('rounds', { rounds: targets.averageRounds.toFixed(2) }) : undefined,
    },
    {
      id: 'coverage',
      label: k('coverage'),
      value: percentText(coverage?.coverage),
      detail: coverage ? k('coverage_detail', { with: coverage.withTarget, all: coverage.budgets }) : undefined,
    },
    {
      id: 'library',
      label: k('library'),
      value: String(fixed?.library.total.indicators ?? '—'),
      detail: fixed ? k('never_used', { count: fixed.library.total.neverUsed }) : undefined,
    },
    {
      id: 'pending',
      label: k('pending'),
      value: String(fixed?.queue.total.pending ?? '—'),
      detail:
        fixed?.queue.total.oldestPendingDays != null
          ? k('oldest', { days: Math.round(fixed.queue.total.oldestPendingDays) })
          : undefined,
    },
  ];
  return (
    <Grid container spacing={2}>
      {items.map((i) => (
        <Grid key={i.id} size={{ xs: 12, sm: 6, md: 3 }}>
          <Figure
            testId={`figure-${i.id}`}
            label={i.label}
            value={i.value}
            unit={i.unit && i.value !== '—' ? i.unit : undefined}
            detail={i.detail}
          />
        </Grid>
      ))}
    </Grid>
  );
}

function NoAccess() {
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('dashboard.welcome')} />
      <CardContent>
        <Typography variant="h6">{translate('dashboard.welcome')}</Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('dashboard.no_access')}
        </Typography>
      </CardContent>
    </Card>
  );
}

function Charts() {
  const translate = useTranslate();
  const fixed = useApiQuery<StaticData>(STATIC_QUERY);
  const years = useMemo(() => {
    const all = new Set<number>();
    for (const g of [...(fixed.data?.years.groups ?? []), ...(fixed.data?.targetYears.groups ?? [])])
      if (g.fiscalYear) all.add(g.fiscalYear);
    return [...all].sort((a, b) => b - a);
  }, [fixed.data]);
  const [chosen, setChosen] = useStore<number | undefined>('dashboard.year', undefined);
  const year = chosen && years.includes(chosen) ? chosen : years[0];
  const yearly = useApiQuery<YearData>(YEAR_QUERY, { years: year ? [year] : [] }, !year);
  const yearLoading = fixed.loading || yearly.loading;
  return (
    <Box sx={{ py: 2 }}>
      <Title title={translate('dashboard.title')} />
      <Stack direction="row" sx={{ mb: 2, justifyContent: 'space-between', alignItems: 'center' }} spacing={2}>
        <Box>
          <Typography variant="h5" component="h1" sx={{ fontWeight: 600 }}>
            {translate('dashboard.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {translate('dashboard.subtitle')}
          </Typography>
        </Box>
        <YearSelect years={years} year={year} onChange={setChosen} />
      </Stack>
      <Figures year={yearly.data} fixed={fixed.data} />
      <Grid container spacing={2} sx={{ mt: 0 }}>
        <Grid size={{ xs: 12, lg: 8 }}>
          <FundsFunnel data={yearly.data} loading={yearLoading} error={yearly.error ?? fixed.error} />
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <Decisions data={yearly.data} loading={yearLoading} error={yearly.error} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Grades data={yearly.data} loading={yearLoading} error={yearly.error} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Coverage data={yearly.data} loading={yearLoading} error={yearly.error} />
        </Grid>
        <Grid size={{ xs: 12, lg: 7 }}>
          <Library data={fixed.data} loading={fixed.loading} error={fixed.error} />
        </Grid>
        <Grid size={{ xs: 12, lg: 5 }}>
          <Queue data={fixed.data} loading={fixed.loading} error={fixed.error} />
        </Grid>
      </Grid>
    </Box>
  );
}

/** The console's home page: the charts for ReadAggregates users, a welcome for everyone else. */
export function Dashboard() {
  return hasPermission('ReadAggregates') ? <Charts /> : <NoAccess />;
}
