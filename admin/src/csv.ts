import type { RaRecord } from 'react-admin';
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

/** One cell, quoted when it must be and with a leading apostrophe when it would otherwise be a formula. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
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
