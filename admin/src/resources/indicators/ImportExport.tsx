/**
 * 指标批量导入 / 导出. The import page (route /indicators/import): choose an .xlsx file, read it in the browser,
 * preview it with the server's dry run (per-row errors), then commit all or nothing. Loaded on demand (App.tsx); the
 * list's toolbar buttons are ImportIndicatorsButton.tsx and ExportIndicatorsButton.tsx (the export writes the current
 * list, its filters and sort, to .xlsx with the template's Chinese headers, so an export imports again).
 */
import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Card,
  CardContent,
  LinearProgress,
  Button as MuiButton,
  Stack,
  Step,
  StepLabel,
  Stepper,
  Typography,
} from '@mui/material';
import { type ChangeEvent, useState } from 'react';
import { Button, Title, useCanAccess, useNotify, useTranslate } from 'react-admin';

import { ImportPreview, type PreviewRow } from './ImportPreview';
import { download, importIndicators, loadExcel, MAX_IMPORT_ROWS, refusedRows } from './importApi';
import { fillTemplate, type ParsedSheet, parseSheet } from './spreadsheet';

const T = 'resources.indicators.importExport';

type State =
  | { phase: 'idle'; alert?: string }
  | { phase: 'busy'; step: number; message: string }
  | { phase: 'preview'; sheet: ParsedSheet; rows: PreviewRow[]; alerts: string[]; valid: boolean }
  | { phase: 'done'; count: number };

/** Server results (dry run, or the rows a refused commit names) beside the browser's own findings. */
function preview(sheet: ParsedSheet, results: { rowNumber: number; errors: PreviewRow['errors'] }[]): PreviewRow[] {
  const byRow = new Map(results.map((r) => [r.rowNumber, r.errors]));
  return sheet.rows.map((r) => ({ ...r, errors: byRow.get(r.rowNumber) ?? [] }));
}

/** The import page (指标批量导入), for ManageLibrary users. */
export function IndicatorImport() {
  const translate = useTranslate();
  const notify = useNotify();
  const { canAccess, isPending } = useCanAccess({ resource: 'indicators', action: 'import' });
  const [state, setState] = useState<State>({ phase: 'idle' });
  const t = (key: string, options?: Record<string, unknown>) => translate(`${T}.${key}`, options);

  const downloadTemplate = async () => {
    const ExcelJS = await loadExcel();
    const workbook = new ExcelJS.Workbook();
    fillTemplate(workbook);
    download(await workbook.xlsx.writeBuffer(), t('templateFile'));
  };

  const read = async (file: File) => {
    setState({ phase: 'busy', step: 0, message: t('reading', { name: file.name }) });
    try {
      const ExcelJS = await loadExcel();
      const workbook = new ExcelJS.Workbook();
      try {
        await workbook.xlsx.load(await file.arrayBuffer());
      } catch {
        // exceljs (jszip) says "Can't find end of central directory …" with a link: not for the bureau's users.
        return setState({ phase: 'idle', alert: t('notXlsx', { name: file.name }) });
      }
      const sheet = workbook.worksheets[0];
      const parsed: ParsedSheet = sheet ? parseSheet(sheet) : { headerRow: 0, rows: [], missing: [], ignored: [] };
      const alerts: string[] = [];
      if (parsed.headerRow === 0) alerts.push(t('noHeader'));
      else if (parsed.missing.length) alerts.push(t('missing', { columns: parsed.missing.join('、') }));
      else if (parsed.rows.length === 0) alerts.push(t('empty'));
      else if (parsed.rows.length > MAX_IMPORT_ROWS) {
        alerts.push(t('tooMany', { max: MAX_IMPORT_ROWS, count: parsed.rows.length }));
      }
      if (alerts.length) return setState({ phase: 'idle', alert: alerts[0] });
      setState({ phase: 'busy', step: 1, message: t('checking', { count: parsed.rows.length }) });
      const result = await importIndicators(
        parsed.rows.map((r) => r.row),
        true,
      );
      const rows = preview(parsed, result.rows);
      if (parsed.ignored.length) alerts.push(t('ignored', { columns: parsed.ignored.join('、') }));
      const valid = rows.every((r) => r.errors.length === 0 && r.problems.length === 0);
      setState({ phase: 'preview', sheet: parsed, rows, alerts, valid });
    } catch (e) {
      setState({ phase: 'idle', alert: e instanceof Error ? translate(e.message, { _: e.message }) : String(e) });
    }
  };

  const commit = async (sheet: ParsedSheet) => {
    setState({ phase: 'busy', step: 2, message: t('committing', { count: sheet.rows.length }) });
    try {
      const result = await importIndicators(
        sheet.rows.map((r) => r.row),
        false,
      );
      setState({ phase: 'done', count: result.createdCount });
      notify(t('done', { count: result.createdCount }), { type: 'success' });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      notify(t('refused', { message }), { type: 'error', multiLine: true });
      const rows = preview(sheet, refusedRows(e));
      setState({ phase: 'preview', sheet, rows, alerts: [t('refused', { message })], valid: false });
    }
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void read(file);
  };

  if (isPending) return null;
  const step = { idle: 0, busy: state.phase === 'busy' ? state.step : 0, preview: 1, done: 3 }[state.phase];
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={t('title')} />
      <CardContent>
        {!canAccess ? (
          <Alert severity="warning">{t('forbidden')}</Alert>
        ) : (
          <Stack spacing={2}>
            <Typography variant="body2" color="text.secondary">
              {t('intro')}
            </Typography>
            <Stepper activeStep={step}>
              {['file', 'check', 'commit'].map((s) => (
                <Step key={s}>
                  <StepLabel>{t(`steps.${s}`)}</StepLabel>
                </Step>
              ))}
            </Stepper>
            <Stack direction="row" spacing={2}>
              <MuiButton
                component="label"
                variant="contained"
                startIcon={<UploadFileIcon />}
                disabled={state.phase === 'busy'}
                data-testid="indicator-import-choose"
              >
                {t('choose')}
                <input hidden type="file" accept=".xlsx" onChange={onFile} data-testid="indicator-import-file" />
              </MuiButton>
              <Button label={`${T}.template`} onClick={() => void downloadTemplate()}>
                <DownloadIcon />
              </Button>
            </Stack>
            {state.phase === 'busy' && (
              <Box>
                <Typography variant="body2">{state.message}</Typography>
                <LinearProgress data-testid="indicator-import-progress" />
              </Box>
            )}
            {state.phase === 'idle' && state.alert && <Alert severity="error">{state.alert}</Alert>}
            {state.phase === 'done' && (
              <Alert
                severity="success"
                action={<Button label={`${T}.toList`} to="/indicators" />}
                data-testid="indicator-import-done"
              >
                {t('done', { count: state.count })}
              </Alert>
            )}
            {state.phase === 'preview' && (
              <ImportPreview
                rows={state.rows}
                alerts={state.alerts}
                valid={state.valid}
                onCommit={() => void commit(state.sheet)}
                onReset={() => setState({ phase: 'idle' })}
              />
            )}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
