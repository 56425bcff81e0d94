/** The import preview: every row of the file with the browser's and the server's findings, then the commit. */
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import {
  Alert,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Button, useTranslate } from 'react-admin';
import type { RowError } from './importApi';
import type { ImportRow, ParsedRow } from './spreadsheet';

const T = 'resources.indicators.importExport';

export type PreviewRow = ParsedRow & { errors: readonly RowError[] };

/** The columns the preview shows (the file's other columns are checked too, and named in the errors). */
const SHOWN: readonly (keyof ImportRow)[] = [
  'code',
  'name',
  'scope',
  'categoryCode',
  'level1Code',
  'level2Code',
  'defaultComparator',
  'defaultUnit',
  'valueType',
];

const ENUMS: Partial<Record<keyof ImportRow, string>> = {
  scope: 'IndicatorScope',
  defaultComparator: 'Comparator',
  valueType: 'ValueType',
};

export function ImportPreview(props: {
  rows: readonly PreviewRow[];
  alerts: readonly string[];
  valid: boolean;
  onCommit: () => void;
  onReset: () => void;
}) {
  const { rows, alerts, valid, onCommit, onReset } = props;
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`${T}.${key}`, options);
  const field = (name: string | null) => (name ? t(`fields.${name}`, { _: name }) : '');
  const invalid = rows.filter((r) => r.errors.length > 0 || r.problems.length > 0).length;
  // The browser's findings, then the server's (its English detail is in the API; the console says it in words).
  const lines = (r: PreviewRow) => [
    ...new Set([
      ...r.problems.map((p) => t('fieldError', { field: field(p.field), message: t('badValue', { value: p.value }) })),
      ...r.errors.map((e) => {
        const message = t(`errors.${e.code}`, { _: e.message });
        return e.field ? t('fieldError', { field: field(e.field), message }) : message;
      }),
    ]),
  ];
  const value = (row: ImportRow, key: keyof ImportRow) => {
    const v = row[key];
    const e = ENUMS[key];
    return e && typeof v === 'string' ? translate(`enums.${e}.${v}`, { _: v }) : String(v ?? '');
  };

  return (
    <Stack spacing={2}>
      {alerts.map((a) => (
        <Alert key={a} severity="warning">
          {a}
        </Alert>
      ))}
      <Alert severity={valid ? 'success' : 'error'} data-testid="indicator-import-summary">
        {t('summary', { count: rows.length, valid: rows.length - invalid, invalid })}
        {' — '}
        {valid ? t('allValid', { count: rows.length }) : t('fixFirst')}
      </Alert>
      <TableContainer sx={{ maxHeight: 480 }}>
        <Table size="small" stickyHeader data-testid="indicator-import-preview">
          <TableHead>
            <TableRow>
              <TableCell>{t('columns.row')}</TableCell>
              {SHOWN.map((c) => (
                <TableCell key={c}>{field(c)}</TableCell>
              ))}
              <TableCell>{t('columns.result')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => {
              const ok = r.errors.length === 0 && r.problems.length === 0;
              return (
                <TableRow key={r.rowNumber} sx={ok ? undefined : { bgcolor: 'rgba(211, 47, 47, 0.08)' }}>
                  <TableCell>{r.rowNumber}</TableCell>
                  {SHOWN.map((c) => (
                    <TableCell key={c}>{value(r.row, c)}</TableCell>
                  ))}
                  <TableCell sx={{ minWidth: 260 }}>
                    {ok ? (
                      <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', color: 'success.main' }}>
                        <CheckCircleIcon fontSize="small" />
                        <span>{t('columns.ok')}</span>
                      </Stack>
                    ) : (
                      lines(r).map((line) => (
                        <Typography key={line} variant="body2" color="error">
                          {line}
                        </Typography>
                      ))
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      <Stack direction="row" spacing={2}>
        <Button
          variant="contained"
          label={t('commit', { count: rows.length })}
          disabled={!valid}
          onClick={onCommit}
          data-testid="indicator-import-commit"
        />
        <Button label={`${T}.reset`} onClick={onReset} />
      </Stack>
    </Stack>
  );
}
