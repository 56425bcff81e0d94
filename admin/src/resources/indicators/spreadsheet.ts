/**
 * The indicator spreadsheet (指标导入模板): its Chinese columns, reading a sheet into the API's import rows and
 * writing the template and exports. Pure: it takes exceljs objects but never loads exceljs itself, so the console
 * loads the library only when a file is read or written, and jest drives this with exceljs's node build
 * (test/unit/admin.import.test.ts).
 */
import type { CellValue, Workbook, Worksheet } from 'exceljs';

/** One row as importIndicators takes it (ImportIndicatorRowInput): codes and enum values as text. */
export interface ImportRow {
  rowNumber?: number;
  code?: string;
  name?: string;
  scope?: string;
  categoryCode?: string;
  level1Code?: string;
  level2Code?: string;
  explanation?: string;
  calculationMethod?: string;
  scoringRule?: string;
  defaultComparator?: string;
  defaultUnit?: string;
  valueType?: string;
  referenceValue?: string;
  dataSource?: string;
  visibility?: string;
  ownerDepartmentCode?: string;
  validFrom?: string;
  validTo?: string;
  enabled?: boolean;
}

type Field = Exclude<keyof ImportRow, 'rowNumber'>;
type TextRow = Omit<ImportRow, 'rowNumber' | 'enabled'>;
type Kind = 'text' | 'scope' | 'comparator' | 'valueType' | 'visibility' | 'date' | 'boolean';

export interface Column {
  readonly field: Field;
  /** The header of the template (and of exports). */
  readonly header: string;
  /** Other headers people write for the same column. */
  readonly aliases?: readonly string[];
  readonly kind: Kind;
  readonly required?: boolean;
  readonly width: number;
}

/** The template's columns, in order. Required ones are marked with * in the template's note row. */
export const COLUMNS: readonly Column[] = [
  { field: 'code', header: '指标编码', aliases: ['编码', '指标代码'], kind: 'text', required: true, width: 16 },
  { field: 'name', header: '指标名称', aliases: ['名称'], kind: 'text', required: true, width: 24 },
  { field: 'scope', header: '指标库', aliases: ['指标类型', '指标范围'], kind: 'scope', required: true, width: 16 },
  { field: 'categoryCode', header: '指标分类编码', aliases: ['分类编码'], kind: 'text', required: true, width: 14 },
  { field: 'level1Code', header: '一级指标', aliases: ['一级指标编码'], kind: 'text', width: 12 },
  { field: 'level2Code', header: '二级指标', aliases: ['二级指标编码'], kind: 'text', width: 14 },
  {
    field: 'defaultComparator',
    header: '计算符号',
    aliases: ['比较方式'],
    kind: 'comparator',
    required: true,
    width: 10,
  },
  { field: 'defaultUnit', header: '计量单位', aliases: ['单位'], kind: 'text', width: 10 },
  { field: 'valueType', header: '指标性质', aliases: ['定性/定量'], kind: 'valueType', required: true, width: 10 },
  { field: 'referenceValue', header: '参考值', kind: 'text', width: 10 },
  { field: 'explanation', header: '指标解释', kind: 'text', width: 30 },
  { field: 'calculationMethod', header: '计算方法', kind: 'text', width: 24 },
  {
    field: 'scoringRule',
    header: '评（扣）分标准',
    aliases: ['评分标准', '评(扣)分标准', '扣分标准'],
    kind: 'text',
    width: 24,
  },
  { field: 'dataSource', header: '数据来源', kind: 'text', width: 16 },
  { field: 'visibility', header: '可见范围', aliases: ['公开范围'], kind: 'visibility', width: 10 },
  { field: 'ownerDepartmentCode', header: '归口部门编码', aliases: ['部门编码'], kind: 'text', width: 14 },
  { field: 'validFrom', header: '生效日期', aliases: ['有效期起'], kind: 'date', width: 12 },
  { field: 'validTo', header: '失效日期', aliases: ['有效期止'], kind: 'date', width: 12 },
  { field: 'enabled', header: '是否启用', aliases: ['启用'], kind: 'boolean', width: 10 },
];

/** Spreadsheet words → the API's enum values. A word not listed is sent as written, and the server names it. */
const WORDS: Record<Exclude<Kind, 'text' | 'date' | 'boolean'>, Record<string, string>> = {
  scope: {
    共性: 'COMMON',
    共性指标: 'COMMON',
    行业: 'INDUSTRY',
    行业指标: 'INDUSTRY',
    分行业分领域: 'INDUSTRY',
    分行业分领域指标: 'INDUSTRY',
    部门: 'DEPARTMENT',
    个性指标: 'DEPARTMENT',
    部门个性: 'DEPARTMENT',
    部门个性指标: 'DEPARTMENT',
  },
  comparator: {
    '≥': 'GE',
    '>=': 'GE',
    '＞＝': 'GE',
    大于等于: 'GE',
    '>': 'GT',
    '＞': 'GT',
    大于: 'GT',
    '=': 'EQ',
    '＝': 'EQ',
    等于: 'EQ',
    '<': 'LT',
    '＜': 'LT',
    小于: 'LT',
    '≤': 'LE',
    '<=': 'LE',
    '＜＝': 'LE',
    小于等于: 'LE',
    定性: 'QUALITATIVE',
  },
  valueType: { 定量: 'QUANTITATIVE', 定性: 'QUALITATIVE' },
  visibility: { 公开: 'PUBLIC', 私有: 'PRIVATE', 不公开: 'PRIVATE' },
};

const TRUE_WORDS = new Set(['是', '启用', 'y', 'yes', 'true', '1']);
const FALSE_WORDS = new Set(['否', '停用', '禁用', 'n', 'no', 'false', '0']);

/** The words an export writes for each enum value (the first spreadsheet word of each). */
const LABELS = Object.fromEntries(
  Object.entries(WORDS).map(([kind, words]) => {
    const out: Record<string, string> = {};
    for (const [word, value] of Object.entries(words)) out[value] ??= word;
    return [kind, out];
  }),
) as Record<keyof typeof WORDS, Record<string, string>>;
LABELS.scope = { COMMON: '共性指标', INDUSTRY: '分行业分领域指标', DEPARTMENT: '部门个性指标' };

/** A header as people write it: without spaces, a trailing * (required) and with half-width brackets. */
export function normalizeHeader(text: string): string {
  return text.replace(/\s+/g, '').replace(/[*＊]/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
}

const BY_HEADER = new Map<string, Column>();
for (const c of COLUMNS) {
  for (const h of [c.header, ...(c.aliases ?? []), c.field]) BY_HEADER.set(normalizeHeader(h), c);
}

const pad = (n: number) => String(n).padStart(2, '0');
/** exceljs reads dates as UTC midnight of the day in the cell. */
const isoDate = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** A cell as text: rich text, formulas (their result), hyperlinks and dates included; blank is undefined. */
export function cellText(value: CellValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'object') {
    if ('richText' in value) return cellText(value.richText.map((r) => r.text).join(''));
    if ('result' in value) return cellText((value.result ?? null) as CellValue);
    if ('text' in value) return cellText(String(value.text));
    if ('error' in value) return undefined;
    return undefined;
  }
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** A problem the browser finds before the server sees the row (a value it cannot send as its type). */
export interface SheetProblem {
  readonly field: Field;
  readonly value: string;
}

export interface ParsedRow {
  readonly rowNumber: number;
  readonly row: ImportRow;
  readonly problems: readonly SheetProblem[];
}

export interface ParsedSheet {
  /** The row holding the headers (1-based); 0 when none was found. */
  readonly headerRow: number;
  readonly rows: readonly ParsedRow[];
  /** Required columns the sheet lacks (their headers). */
  readonly missing: readonly string[];
  /** Headers the template does not know; their columns are ignored. */
  readonly ignored: readonly string[];
}

/** Sets one field from a cell, coercing it to the column's kind. */
function assign(row: ImportRow, problems: SheetProblem[], column: Column, value: CellValue): void {
  const text = cellText(value);
  if (text === undefined) return;
  const { field, kind } = column;
  const texts: TextRow = row;
  const key = field as keyof TextRow;
  if (kind === 'boolean') {
    const word = text.toLowerCase();
    if (TRUE_WORDS.has(word)) row.enabled = true;
    else if (FALSE_WORDS.has(word)) row.enabled = false;
    else problems.push({ field, value: text });
  } else if (kind === 'date') {
    // 2026/1/5 and 2026.01.05 are read as 2026-01-05; anything else goes as written for the server to refuse.
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
    texts[key] = m ? `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}` : text;
  } else if (kind === 'text') {
    texts[key] = text;
  } else {
    texts[key] = WORDS[kind][text] ?? text.toUpperCase();
  }
}

/** Reads the first sheet that has the template's headers (in one of its first 10 rows); blank rows are skipped. */
export function parseSheet(sheet: Worksheet): ParsedSheet {
  let headerRow = 0;
  let columns = new Map<number, Column>();
  let ignored: string[] = [];
  for (let r = 1; r <= Math.min(10, sheet.rowCount) && headerRow === 0; r += 1) {
    const found = new Map<number, Column>();
    const unknown: string[] = [];
    sheet.getRow(r).eachCell((cell, col) => {
      const text = cellText(cell.value);
      if (text === undefined) return;
      const column = BY_HEADER.get(normalizeHeader(text));
      if (column) found.set(col, column);
      else unknown.push(text);
    });
    if (found.size >= 2) {
      headerRow = r;
      columns = found;
      ignored = unknown;
    }
  }
  const present = new Set([...columns.values()].map((c) => c.field));
  const missing = COLUMNS.filter((c) => c.required && !present.has(c.field)).map((c) => c.header);
  const rows: ParsedRow[] = [];
  if (headerRow === 0) return { headerRow, rows, missing, ignored };
  for (let r = headerRow + 1; r <= sheet.rowCount; r += 1) {
    const source = sheet.getRow(r);
    const row: ImportRow = { rowNumber: r };
    const problems: SheetProblem[] = [];
    for (const [col, column] of columns) assign(row, problems, column, source.getCell(col).value);
    if (Object.keys(row).length > 1 || problems.length > 0) rows.push({ rowNumber: r, row, problems });
  }
  return { headerRow, rows, missing, ignored };
}

/** The header row with the template's look: bold on grey, frozen, text-formatted columns (codes keep leading 0s). */
function addHeader(sheet: Worksheet, extra: readonly { header: string; width: number }[] = []): void {
  const all = [...COLUMNS, ...extra];
  sheet.columns = all.map((c) => ({ header: c.header, width: c.width, style: { numFmt: '@' } }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell, col) => {
    const column = COLUMNS[col - 1];
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: column?.required ? 'FFFCE4D6' : 'FFE7E6E6' } };
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The import template (指标导入模板): the headers and one example row, with the accepted words on a second sheet. */
export function fillTemplate(workbook: Workbook): void {
  const sheet = workbook.addWorksheet('指标');
  addHeader(sheet);
  sheet.addRow(COLUMNS.map((c) => EXAMPLE[c.field] ?? ''));
  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [
    { header: '列', width: 16 },
    { header: '说明', width: 80 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of COLUMNS) notes.addRow([c.header, NOTES[c.field]]);
}

const EXAMPLE: Partial<Record<Field, string>> = {
  code: 'GX0101001',
  name: '培训人次',
  scope: '共性指标',
  categoryCode: '01',
  level1Code: '产出指标',
  level2Code: '数量指标',
  defaultComparator: '≥',
  defaultUnit: '人次',
  valueType: '定量',
  referenceValue: '≥95',
  explanation: '年度内组织培训的参训人次',
  visibility: '公开',
  enabled: '是',
};

const NOTES: Record<Field, string> = {
  code: '必填。财政区划内唯一，文件内不得重复，已在指标库中的编码不能再导入。',
  name: '必填，不超过100字。',
  scope: '必填：共性指标、分行业分领域指标或部门个性指标。',
  categoryCode: '必填：与指标库一致的指标分类编码。',
  level1Code: '一级指标的编码或名称（如 产出指标）；填写二级指标时可不填。',
  level2Code: '二级指标的编码或名称（如 数量指标）。',
  defaultComparator: '必填：≥、>、=、<、≤ 或 定性。',
  defaultUnit: '计算符号不是“定性”时必填，如 人次、%。',
  valueType: '必填：定量或定性；计算符号为“定性”时填定性。',
  referenceValue: '参考值或区间，如 ≥95。',
  explanation: '指标解释。',
  calculationMethod: '计算方法。',
  scoringRule: '评（扣）分标准。',
  dataSource: '数据来源。',
  visibility: '公开（默认）或私有；私有指标须填归口部门编码。',
  ownerDepartmentCode: '部门个性指标或私有指标必填：归口部门编码。',
  validFrom: '日期，如 2026-01-01。',
  validTo: '日期，不早于生效日期。',
  enabled: '是（默认）或否。',
};

/** An indicator as the export reads it from the API. */
export interface ExportedIndicator {
  code: string;
  name: string;
  scope: string;
  category: { code: string } | null;
  level1: { name: string } | null;
  level2: { name: string } | null;
  explanation: string | null;
  calculationMethod: string | null;
  scoringRule: string | null;
  defaultComparator: string;
  defaultUnit: string | null;
  valueType: string;
  referenceValue: string | null;
  dataSource: string | null;
  visibility: string;
  ownerDepartment: { code: string } | null;
  validFrom: string | null;
  validTo: string | null;
  enabled: boolean;
  version: number;
  status: string;
}

/** Columns an export adds after the template's (an exported file imports again; these are ignored then). */
export const EXPORT_EXTRA = [
  { header: '版本', width: 6 },
  { header: '状态', width: 10 },
] as const;

/** Writes indicators with the template's headers, so an export can be edited and imported again. */
export function fillExport(
  workbook: Workbook,
  indicators: readonly ExportedIndicator[],
  statusLabel: (s: string) => string,
) {
  const sheet = workbook.addWorksheet('指标');
  addHeader(sheet, EXPORT_EXTRA);
  for (const i of indicators) {
    const values: Record<Field, string> = {
      code: i.code,
      name: i.name,
      scope: LABELS.scope[i.scope] ?? i.scope,
      categoryCode: i.category?.code ?? '',
      level1Code: i.level1?.name ?? '',
      level2Code: i.level2?.name ?? '',
      explanation: i.explanation ?? '',
      calculationMethod: i.calculationMethod ?? '',
      scoringRule: i.scoringRule ?? '',
      defaultComparator: LABELS.comparator[i.defaultComparator] ?? i.defaultComparator,
      defaultUnit: i.defaultUnit ?? '',
      valueType: LABELS.valueType[i.valueType] ?? i.valueType,
      referenceValue: i.referenceValue ?? '',
      dataSource: i.dataSource ?? '',
      visibility: LABELS.visibility[i.visibility] ?? i.visibility,
      ownerDepartmentCode: i.ownerDepartment?.code ?? '',
      validFrom: i.validFrom ?? '',
      validTo: i.validTo ?? '',
      enabled: i.enabled ? '是' : '否',
    };
    sheet.addRow([...COLUMNS.map((c) => values[c.field]), i.version, statusLabel(i.status)]);
  }
}
