import { downloadCSV, type Exporter, type RaRecord, useTranslate } from 'react-admin';
import { type CsvColumn, exportRows, toCsv } from './csv';

/** An exporter for a list's `exporter` prop: its columns, translated, downloaded as <resource name>-<date>.csv. */
export function useCsvExporter(resource: string, columns: readonly CsvColumn[]): Exporter {
  const translate = useTranslate();
  return (records: RaRecord[]) => {
    const name = translate(`resources.${resource}.name`, { smart_count: 2, _: resource });
    downloadCSV(
      toCsv(exportRows(resource, columns, records, translate)),
      `${name}-${new Date().toISOString().slice(0, 10)}`,
    );
  };
}
