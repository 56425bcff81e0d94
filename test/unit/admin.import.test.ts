import ExcelJS from 'exceljs';
import {
  COLUMNS,
  cellText,
  type ExportedIndicator,
  fillExport,
  fillTemplate,
  normalizeHeader,
  parseSheet,
} from '../../admin/src/resources/indicators/spreadsheet';

/** A workbook written by exceljs and read back, as the browser reads an uploaded file. */
async function roundTrip(build: (wb: ExcelJS.Workbook) => void): Promise<ExcelJS.Worksheet> {
  const out = new ExcelJS.Workbook();
  build(out);
  const buffer = await out.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buffer as ArrayBuffer);
  const sheet = back.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

describe('indicator spreadsheet: reading a file', () => {
  it('maps the Chinese headers (aliases, spacing, * and full-width brackets too) and coerces the values', async () => {
    const sheet = await roundTrip((wb) => {
      const ws = wb.addWorksheet('指标');
      ws.addRow(['市级预算绩效指标导入']); // a title row above the headers
      ws.addRow([
        ' 指标编码* ',
        '指标名称',
        '指标库',
        '分类编码',
        '一级指标',
        '二级指标',
        '计算符号',
        '计量单位',
        '指标性质',
        '评(扣)分标准',
        '生效日期',
        '失效日期',
        '是否启用',
        '备注',
      ]);
      ws.addRow([
        'GX0101001',
        { richText: [{ text: '培训' }, { text: '人次' }] },
        '共性指标',
        '0101',
        '产出指标',
        '数量指标',
        '≥',
        '人次',
        '定量',
        '少1人次扣1分',
        new Date(Date.UTC(2026, 0, 5)),
        '2026/12/31',
        '否',
        '不导入的列',
      ]);
      ws.addRow([]); // blank rows are skipped
      ws.addRow(['', '   ', null]);
      ws.addRow([12345, '满意度', 'department', 90, '', '', '定性', '', '定性', '', '', '', 1]);
      ws.addRow(['GX3', '坏值', '公共', '01', '', '0101', '约等于', '个', '定量', '', '2026-1-32', '', '也许']);
    });
    const parsed = parseSheet(sheet);
    expect(parsed.headerRow).toBe(2);
    expect(parsed.missing).toEqual([]);
    expect(parsed.ignored).toEqual(['备注']);
    expect(parsed.rows.map((r) => r.rowNumber)).toEqual([3, 6, 7]);
    expect(parsed.rows[0]).toEqual({
      rowNumber: 3,
      problems: [],
      row: {
        rowNumber: 3,
        code: 'GX0101001',
        name: '培训人次',
        scope: 'COMMON',
        categoryCode: '0101',
        level1Code: '产出指标',
        level2Code: '数量指标',
        defaultComparator: 'GE',
        defaultUnit: '人次',
        valueType: 'QUANTITATIVE',
        scoringRule: '少1人次扣1分',
        validFrom: '2026-01-05',
        validTo: '2026-12-31',
        enabled: false,
      },
    });
    // Numbers become text; English enum names are accepted in any case.
    expect(parsed.rows[1]?.row).toEqual({
      rowNumber: 6,
      code: '12345',
      name: '满意度',
      scope: 'DEPARTMENT',
      categoryCode: '90',
      defaultComparator: 'QUALITATIVE',
      valueType: 'QUALITATIVE',
      enabled: true,
    });
    // Unknown words go to the server as written (it names them per row; day 32 too); a yes/no it cannot read is
    // found here.
    expect(parsed.rows[2]?.row).toMatchObject({ scope: '公共', defaultComparator: '约等于', validFrom: '2026-01-32' });
    expect(parsed.rows[2]?.row.enabled).toBeUndefined();
    expect(parsed.rows[2]?.problems).toEqual([{ field: 'enabled', value: '也许' }]);
  });

  it('reports a sheet without the headers, or without required columns', async () => {
    const none = await roundTrip((wb) => {
      wb.addWorksheet('x').addRow(['a', 'b']);
    });
    expect(parseSheet(none)).toEqual({ headerRow: 0, rows: [], missing: expect.any(Array), ignored: [] });
    const partial = await roundTrip((wb) => {
      const ws = wb.addWorksheet('x');
      ws.addRow(['指标编码', '指标名称']);
      ws.addRow(['A1', '名称']);
    });
    const parsed = parseSheet(partial);
    expect(parsed.missing).toEqual(['指标库', '指标分类编码', '计算符号', '指标性质']);
    expect(parsed.rows).toHaveLength(1);
  });

  it('reads cells of every kind as text', () => {
    expect(cellText(null)).toBeUndefined();
    expect(cellText('  ')).toBeUndefined();
    expect(cellText(7)).toBe('7');
    expect(cellText(true)).toBe('true');
    expect(cellText({ formula: 'A1&B1', result: 'GX01' } as ExcelJS.CellFormulaValue)).toBe('GX01');
    expect(cellText({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(normalizeHeader(' 评（扣）分标准 * ')).toBe('评(扣)分标准');
  });
});

describe('indicator spreadsheet: template and export', () => {
  it('the template reads back as one valid example row with every column', async () => {
    const sheet = await roundTrip(fillTemplate);
    const parsed = parseSheet(sheet);
    expect(parsed).toMatchObject({ headerRow: 1, missing: [], ignored: [] });
    expect(sheet.getRow(1).values).toEqual([undefined, ...COLUMNS.map((c) => c.header)]);
    expect(parsed.rows.map((r) => r.row)).toEqual([
      expect.objectContaining({ code: 'GX0101001', scope: 'COMMON', categoryCode: '01', defaultComparator: 'GE' }),
    ]);
  });

  it('an export imports again (its extra columns ignored)', async () => {
    const indicator: ExportedIndicator = {
      code: 'HY01001',
      name: '救助人次',
      scope: 'INDUSTRY',
      category: { code: '01' },
      level1: { name: '产出指标' },
      level2: null,
      explanation: null,
      calculationMethod: '统计',
      scoringRule: null,
      defaultComparator: 'LE',
      defaultUnit: '%',
      valueType: 'QUANTITATIVE',
      referenceValue: null,
      dataSource: null,
      visibility: 'PRIVATE',
      ownerDepartment: { code: '101' },
      validFrom: '2026-01-01',
      validTo: null,
      enabled: false,
      version: 2,
      status: 'PUBLISHED',
    };
    const sheet = await roundTrip((wb) => fillExport(wb, [indicator], (s) => `状态:${s}`));
    expect(sheet.getRow(2).getCell(COLUMNS.length + 2).value).toBe('状态:PUBLISHED');
    const parsed = parseSheet(sheet);
    expect(parsed.ignored).toEqual(['版本', '状态']);
    expect(parsed.rows[0]?.row).toEqual({
      rowNumber: 2,
      code: 'HY01001',
      name: '救助人次',
      scope: 'INDUSTRY',
      categoryCode: '01',
      level1Code: '产出指标',
      calculationMethod: '统计',
      defaultComparator: 'LE',
      defaultUnit: '%',
      valueType: 'QUANTITATIVE',
      visibility: 'PRIVATE',
      ownerDepartmentCode: '101',
      validFrom: '2026-01-01',
      enabled: false,
    });
  });
});
