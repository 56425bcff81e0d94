/** Building blocks of the dashboard: a chart card with its loading, error and empty states, and a figure card. */
import { Alert, Box, Card, CardContent, CircularProgress, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/** The chart palette: calm blues and greens for money, warm tones for cuts and poor grades. */
export const COLORS = {
  requested: '#5B8FF9',
  audited: '#61DDAA',
  approved: '#2F6FB3',
  cut: '#F6903D',
  excellent: '#2E9E5B',
  good: '#5B8FF9',
  fair: '#F6BD16',
  poor: '#E8684A',
  series: [
    '#5B8FF9',
    '#61DDAA',
    '#65789B',
    '#F6BD16',
    '#7262FD',
    '#78D3F8',
    '#9661BC',
    '#F6903D',
    '#008685',
    '#F08BB4',
  ],
} as const;

export function ChartCard(props: {
  testId: string;
  title: string;
  caption?: string;
  loading: boolean;
  error?: Error;
  empty: boolean;
  /** What the empty state says (a message key); the year's "no data" by default. */
  emptyText?: string;
  height?: number;
  action?: ReactNode;
  children: ReactNode;
}) {
  const translate = useTranslate();
  const height = props.height ?? 300;
  let body: ReactNode;
  if (props.error)
    body = <Alert severity="error">{translate('dashboard.error', { error: props.error.message })}</Alert>;
  else if (props.loading)
    body = (
      <Stack sx={{ height, justifyContent: 'center', alignItems: 'center' }} spacing={1}>
        <CircularProgress size={28} />
        <Typography variant="caption" color="text.secondary">
          {translate('dashboard.loading')}
        </Typography>
      </Stack>
    );
  else if (props.empty)
    body = (
      <Stack sx={{ height, justifyContent: 'center', alignItems: 'center' }} data-empty="true">
        <Typography variant="body2" color="text.secondary">
          {translate(props.emptyText ?? 'dashboard.empty')}
        </Typography>
      </Stack>
    );
  else body = <Box sx={{ width: '100%', height }}>{props.children}</Box>;
  return (
    <Card variant="outlined" sx={{ height: '100%' }} data-testid={props.testId}>
      <CardContent>
        <Stack
          direction="row"
          spacing={2}
          sx={{ mb: 1, justifyContent: 'space-between', alignItems: 'flex-start', flexWrap: 'wrap', rowGap: 1 }}
        >
          <Box>
            <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
              {props.title}
            </Typography>
            {props.caption ? (
              <Typography variant="caption" color="text.secondary">
                {props.caption}
              </Typography>
            ) : null}
          </Box>
          {props.action}
        </Stack>
        {body}
      </CardContent>
    </Card>
  );
}

export function Figure({
  label,
  value,
  unit,
  detail,
  testId,
}: {
  label: string;
  value: string;
  unit?: string;
  detail?: string;
  testId?: string;
}) {
  return (
    <Card variant="outlined" sx={{ height: '100%' }} data-testid={testId}>
      <CardContent sx={{ pb: '16px !important' }}>
        <Typography variant="caption" color="text.secondary">
          {label}
        </Typography>
        <Typography variant="h5" sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums', lineHeight: 1.3 }}>
          {value}
          {unit ? (
            <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 0.5 }}>
              {unit}
            </Typography>
          ) : null}
        </Typography>
        {detail ? (
          <Typography variant="caption" color="text.secondary">
            {detail}
          </Typography>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** A number in 万元 with thousands separators, for axes and tooltips. */
export function wanText(value: number, digits = 2): string {
  return value.toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function percentText(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}
