import type { GetListParams, GetListResult, RaRecord } from 'react-admin';
import { MAX_PAGE_SIZE } from './dataProvider/buildQuery';
import { toWanYuan } from './format';

/**
 * CSV exports of the lists (导出): what the list shows, in the user's language, and safe to open in Excel.
 *
 * react-admin's default exporter writes every field of the records under their English API names, with enums as
 * codes, and without a byte-order mark, so Excel on a Chinese Windows reads the UTF-8 as GBK and shows mojibake.
 * This one writes the list's columns under their translated labels, enums and booleans translated, money in 万元,
 * a UTF-8 BOM and CRLF line ends, and neutralises cells that a spreadsheet would run as a formula.
 */

/** One column of an export: a record path ("department.name") and how to show its value. */
export interface CsvColumn {
  source: string;
  /** Translate the value (or each value of a list) as `enums.<enumName>.<VALUE>`. */
  enumName?: string;
  /** A Money value (yuan), written in 万元 like the screens. */
  money?: boolean;
  /** A value computed from the whole record instead of the path. */
  value?: (record: RaRecord) => unknown;
}

/** Excel, LibreOffice and Google Sheets run a cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A plain number, or one with thousands separators like the console's money (`-1,250.00`): not a formula. */
const NUMBER = /^-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/;

/** One cell, quoted when it must be and with a leading apostrophe when it would otherwise be a formula. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The file's text: a UTF-8 byte-order mark, then one CRLF-terminated line per row. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The value at a dotted path of a record ("department.name"), or undefined. */
function at(record: unknown, path: string): unknown {
  let v: unknown = record;
  for (const key of path.split('.')) {
    if (v === null || v === undefined || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** The rows of an export (header first), with `translate` giving labels and enum names. */
export function exportRows(
  resource: string,
  columns: readonly CsvColumn[],
  records: readonly RaRecord[],
  translate: (key: string, options?: Record<string, unknown>) => string,
): string[][] {
  const show = (column: CsvColumn, value: unknown): string => {
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) return value.map((v) => show(column, v)).join('、');
    if (column.enumName) return translate(`enums.${column.enumName}.${String(value)}`, { _: String(value) });
    if (column.money) return toWanYuan(String(value));
    if (typeof value === 'boolean') return translate(value ? 'ra.boolean.true' : 'ra.boolean.false');
    return String(value);
  };
  const header = columns.map((c) => translate(`resources.${resource}.fields.${c.source}`, { _: c.source }));
  return [header, ...records.map((r) => columns.map((c) => show(c, c.value ? c.value(r) : at(r, c.source))))];
}

/** An export reads at most this many rows (50 pages of MAX_PAGE_SIZE); a longer list is cut there, with a warning. */
export const MAX_EXPORT_ROWS = 10_000;

/** The rows of a whole list and how many the list has (more than the rows when it was cut at the cap). */
export interface AllRows {
  records: RaRecord[];
  total: number;
}

/**
 * Every row of a list (its filter and sort), read page after page of MAX_PAGE_SIZE (the most the API serves at once)
 * through `getList`, up to `max` rows. `onPage` reports the rows read so far and the number that will be read.
 */
export async function fetchAllRows(
  getList: (params: GetListParams) => Promise<GetListResult>,
  params: Pick<GetListParams, 'filter' | 'sort' | 'meta'>,
  onPage: (read: number, expected: number) => void = () => undefined,
  max: number = MAX_EXPORT_ROWS,
): Promise<AllRows> {
  const records: RaRecord[] = [];
  const seen = new Set<RaRecord['id']>();
  let total = 0;
  for (let page = 1; records.length < max; page++) {
    const result = await getList({ ...params, pagination: { page, perPage: MAX_PAGE_SIZE } });
    // A row moved by a concurrent change can show up on two pages: keep it once.
    for (const record of result.data) {
      if (seen.has(record.id)) continue;
      seen.add(record.id);
      records.push(record);
    }
    total = Math.max(result.total ?? records.length, records.length);
    onPage(Math.min(records.length, max), Math.min(total, max));
    const more =
      result.total !== undefined ? page * MAX_PAGE_SIZE < result.total : (result.pageInfo?.hasNextPage ?? true);
    if (result.data.length < MAX_PAGE_SIZE || !more) break;
  }
  return { records: records.slice(0, max), total };
}
