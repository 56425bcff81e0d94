/** The indicator list's export button (导出 Excel); mounted by the catalog from ./ImportExport. */
import DownloadIcon from '@mui/icons-material/Download';
import { useState } from 'react';
import { Button, useCanAccess, useListContext, useNotify, useTranslate } from 'react-admin';
import { download, exportIndicators, loadExcel } from './importApi';
import { fillExport } from './spreadsheet';

const T = 'resources.indicators.importExport';

/** Exports the current list (its filters and sort, every page) to .xlsx; for the indicator list's toolbar. */
export function ExportIndicatorsButton() {
  const translate = useTranslate();
  const notify = useNotify();
  const { filterValues, sort, total } = useListContext();
  const { canAccess } = useCanAccess({ resource: 'indicators', action: 'export' });
  const [progress, setProgress] = useState<{ read: number; total: number } | null>(null);
  if (!canAccess) return null;

  const run = async () => {
    setProgress({ read: 0, total: total ?? 0 });
    try {
      const indicators = await exportIndicators(filterValues ?? {}, sort, (read, all) =>
        setProgress({ read, total: all }),
      );
      const ExcelJS = await loadExcel();
      const workbook = new ExcelJS.Workbook();
      fillExport(workbook, indicators, (s) => translate(`enums.IndicatorStatus.${s}`, { _: s }));
      const date = new Date().toISOString().slice(0, 10);
      download(await workbook.xlsx.writeBuffer(), translate(`${T}.exportFile`, { date }));
      notify(`${T}.exported`, { type: 'info', messageArgs: { count: indicators.length } });
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), { type: 'error' });
    } finally {
      setProgress(null);
    }
  };

  return (
    <Button
      label={progress ? translate(`${T}.exporting`, progress) : `${T}.exportButton`}
      onClick={() => void run()}
      disabled={progress !== null || total === 0}
      data-testid="indicator-export"
    >
      <DownloadIcon />
    </Button>
  );
}
