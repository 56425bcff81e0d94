import DownloadIcon from '@mui/icons-material/GetApp';
import { useState } from 'react';
import {
  Button,
  CreateButton,
  downloadCSV,
  FilterButton,
  TopToolbar,
  useDataProvider,
  useFilterContext,
  useListContext,
  useNotify,
  useResourceContext,
  useResourceDefinition,
  useTranslate,
} from 'react-admin';
import { type CsvColumn, exportRows, fetchAllRows, MAX_EXPORT_ROWS, toCsv } from './csv';

/**
 * 导出 of a list as CSV (see csv.ts): every row of the list as filtered and sorted, read page by page (the API serves
 * at most MAX_PAGE_SIZE rows at once, so react-admin's ExportButton, which asks for one page, would cut the file),
 * up to MAX_EXPORT_ROWS with a warning beyond. Downloaded as <resource name>-<date>.csv. Disabled for an empty list.
 */
export function ExportCsvButton({ columns }: { columns: readonly CsvColumn[] }) {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider();
  const resource = useResourceContext() ?? '';
  const { filter, filterValues, sort, total } = useListContext();
  const [progress, setProgress] = useState<{ read: number; total: number } | null>(null);

  const run = async () => {
    setProgress({ read: 0, total: Math.min(total ?? 0, MAX_EXPORT_ROWS) });
    try {
      const all = await fetchAllRows(
        (params) => dataProvider.getList(resource, params),
        { filter: filter ? { ...filterValues, ...filter } : filterValues, sort },
        (read, expected) => setProgress({ read, total: expected }),
      );
      const name = translate(`resources.${resource}.name`, { smart_count: 2, _: resource });
      downloadCSV(
        toCsv(exportRows(resource, columns, all.records, translate)),
        `${name}-${new Date().toISOString().slice(0, 10)}`,
      );
      if (all.total > all.records.length) {
        notify('app.export.truncated', {
          type: 'warning',
          messageArgs: { total: all.total, max: all.records.length },
          autoHideDuration: 10_000,
        });
      }
    } catch (e) {
      notify(e instanceof Error && e.message ? e.message : 'ra.notification.http_error', { type: 'error' });
    } finally {
      setProgress(null);
    }
  };

  return (
    <Button
      label={progress ? translate('app.export.progress', progress) : 'ra.action.export'}
      onClick={() => void run()}
      disabled={progress !== null || !total}
      aria-busy={progress !== null}
      data-testid="csv-export"
    >
      <DownloadIcon />
    </Button>
  );
}

/** A list's toolbar with the CSV export: what react-admin's default list actions show, with ExportCsvButton. */
export function CsvListActions({ columns }: { columns: readonly CsvColumn[] }) {
  const { hasCreate } = useResourceDefinition();
  const filters = useFilterContext();
  return (
    <TopToolbar>
      {filters && filters.length > 0 ? <FilterButton /> : null}
      {hasCreate ? <CreateButton /> : null}
      <ExportCsvButton columns={columns} />
    </TopToolbar>
  );
}
