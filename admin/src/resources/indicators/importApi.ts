/**
 * The import and export requests, outside the list shape: importIndicators (dry run and commit) and the export's
 * paged read of every indicator of the current list with the columns the spreadsheet needs.
 */
import { sortFieldOf } from '../../dataProvider/buildQuery';
import { GraphQLRequestError, graphqlAsUser } from '../../session';
import type { ExportedIndicator, ImportRow } from './spreadsheet';

export interface RowError {
  field: string | null;
  code: string;
  message: string;
}
export interface RowResult {
  rowNumber: number;
  ok: boolean;
  code: string | null;
  errors: RowError[];
  indicatorId: string | null;
}
export interface ImportResult {
  dryRun: boolean;
  ok: boolean;
  rowCount: number;
  invalidCount: number;
  createdCount: number;
  rows: RowResult[];
}

/** The rows one import may carry (server: IMPORT_MAX_ROWS). */
export const MAX_IMPORT_ROWS = 2000;

/** The failing rows a refused commit (IMPORT_INVALID) carries: the library changed since the preview. */
export function refusedRows(error: unknown): RowResult[] {
  const rows = error instanceof GraphQLRequestError ? error.extensions.rows : undefined;
  return Array.isArray(rows) ? (rows as RowResult[]) : [];
}

const IMPORT = `mutation ImportIndicators($input: ImportIndicatorsInput!) {
  importIndicators(input: $input) {
    dryRun ok rowCount invalidCount createdCount
    rows { rowNumber ok code indicatorId errors { field code message } }
  }
}`;

export async function importIndicators(rows: readonly ImportRow[], dryRun: boolean): Promise<ImportResult> {
  const data = await graphqlAsUser<{ importIndicators: ImportResult }>(IMPORT, { input: { rows, dryRun } });
  return data.importIndicators;
}

const EXPORT = `query ExportIndicators($filter: IndicatorFilter, $sort: [IndicatorSort!], $offset: Int, $limit: Int) {
  indicators(filter: $filter, sort: $sort, offset: $offset, limit: $limit) {
    totalCount
    items {
      code name scope version status enabled visibility defaultComparator defaultUnit valueType
      explanation calculationMethod scoringRule referenceValue dataSource validFrom validTo
      category { code } level1 { name } level2 { name } ownerDepartment { code }
    }
  }
}`;

/** The keys of IndicatorFilter the list may carry (react-admin's `q` is the text search). */
const FILTER_KEYS = new Set([
  'fiscalDivisionCode',
  'ids',
  'scope',
  'categoryId',
  'level1NodeId',
  'level2NodeId',
  'status',
  'statuses',
  'enabled',
  'valueType',
  'ownerDepartmentId',
  'search',
  'usableByDepartmentId',
]);
const SORT_FIELDS = new Set(['CODE', 'NAME', 'CREATED_AT', 'PUBLISHED_AT']);
const PAGE = 200;
/** An export reads at most this many indicators (50 pages). */
export const MAX_EXPORT_ROWS = 10_000;

/** The list's filter as the API's IndicatorFilter, the same mapping as the data provider's. */
export function toIndicatorFilter(filter: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    const name = key === 'q' ? 'search' : key;
    if (value === undefined || value === null || value === '') continue;
    if (FILTER_KEYS.has(name)) out[name] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Every indicator of the list (filters and sort as shown), page by page; `onPage` reports progress. */
export async function exportIndicators(
  filter: Record<string, unknown>,
  sort: { field: string; order: string } | undefined,
  onPage: (read: number, total: number) => void,
): Promise<ExportedIndicator[]> {
  const field = sort?.field ? sortFieldOf(sort.field) : '';
  const variables = {
    filter: toIndicatorFilter(filter),
    sort: SORT_FIELDS.has(field) ? [{ field, direction: sort?.order === 'DESC' ? 'DESC' : 'ASC' }] : undefined,
  };
  const out: ExportedIndicator[] = [];
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += PAGE) {
    const data = await graphqlAsUser<{ indicators: { totalCount: number; items: ExportedIndicator[] } }>(EXPORT, {
      ...variables,
      offset,
      limit: PAGE,
    });
    out.push(...data.indicators.items);
    onPage(out.length, Math.min(data.indicators.totalCount, MAX_EXPORT_ROWS));
    if (data.indicators.items.length < PAGE || out.length >= data.indicators.totalCount) break;
  }
  return out;
}

/** Saves a workbook as a download. */
export function download(buffer: ArrayBuffer, fileName: string): void {
  const blob = new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** exceljs, loaded only when a file is read or written (its browser build is about 1 MB). */
export async function loadExcel() {
  const mod = await import('exceljs');
  return (mod as unknown as { default?: typeof mod }).default ?? mod;
}
