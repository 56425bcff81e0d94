import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { GetListParams, GetListResult } from 'react-admin';
import { csvCell, exportRows, fetchAllRows, MAX_EXPORT_ROWS, toCsv } from '../../admin/src/csv';
import { MAX_PAGE_SIZE } from '../../admin/src/dataProvider/buildQuery';
import { toWanYuan } from '../../admin/src/format';
import { en } from '../../admin/src/i18n/en';
import { enDomain } from '../../admin/src/i18n/en-domain';
import { zh } from '../../admin/src/i18n/zh';
import { zhDomain } from '../../admin/src/i18n/zh-domain';

/** The console's list exports (导出): translated columns, a BOM for Excel, no formulas from data. */

const zhTranslate = polyglotI18nProvider(() => zh, 'zh').translate;
const enTranslate = polyglotI18nProvider(() => en, 'en').translate;

const PROJECT_COLUMNS = [
  { source: 'code' },
  { source: 'name' },
  { source: 'department.name' },
  { source: 'budgetType', enumName: 'BudgetType' },
] as const;

const PROJECTS = [
  {
    id: '1',
    code: 'P001',
    name: '义务教育"双减"课后服务, 一期',
    department: { name: '郑州市教育局' },
    budgetType: 'GENERAL_PUBLIC',
  },
  { id: '2', code: 'P002', name: '=HYPERLINK("http://x")', department: null, budgetType: 'GOVERNMENT_FUND' },
];

describe('list exports', () => {
  it('write the list’s columns under their Chinese labels, with enums translated and nested values read', () => {
    const rows = exportRows('projects', PROJECT_COLUMNS, PROJECTS, zhTranslate);
    expect(rows[0]).toEqual([
      zhTranslate('resources.projects.fields.code'),
      zhTranslate('resources.projects.fields.name'),
      zhTranslate('resources.projects.fields.department.name'),
      zhTranslate('resources.projects.fields.budgetType'),
    ]);
    // Labels are real translations, not the keys.
    for (const label of rows[0] ?? []) expect(label).toMatch(/[\u4e00-\u9fff]/);
    expect(rows[1]).toEqual([
      'P001',
      '义务教育"双减"课后服务, 一期',
      '郑州市教育局',
      zhDomain.enums.BudgetType.GENERAL_PUBLIC,
    ]);
    expect(rows[2]?.[2]).toBe('');
    expect(rows[2]?.[3]).toBe(zhDomain.enums.BudgetType.GOVERNMENT_FUND);
  });

  it('follow the user’s language', () => {
    const rows = exportRows('projects', PROJECT_COLUMNS, PROJECTS, enTranslate);
    expect(rows[1]?.[3]).toBe(enDomain.enums.BudgetType.GENERAL_PUBLIC);
    expect(rows[0]?.[3]).toBe(enTranslate('resources.projects.fields.budgetType'));
    expect(rows[0]?.[3]).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('show money in 万元, lists joined and booleans as words', () => {
    const rows = exportRows(
      'users',
      [{ source: 'roles', enumName: 'Role' }, { source: 'active' }, { source: 'funds', money: true }],
      [{ id: 1, roles: ['ADMIN', 'OBSERVER'], active: true, funds: '12500000.00' }],
      zhTranslate,
    );
    expect(rows[1]).toEqual([
      `${zhDomain.enums.Role.ADMIN}、${zhDomain.enums.Role.OBSERVER}`,
      zhTranslate('ra.boolean.true'),
      '1,250.00',
    ]);
  });

  it('open in Excel as UTF-8 (a BOM, CRLF) with quoting, and cells that would be formulas neutralised', () => {
    const csv = toCsv(exportRows('projects', PROJECT_COLUMNS, PROJECTS, zhTranslate));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[1]).toBe(
      `P001,"义务教育""双减""课后服务, 一期",郑州市教育局,${zhDomain.enums.BudgetType.GENERAL_PUBLIC}`,
    );
    expect(lines[2]).toBe(`P002,"'=HYPERLINK(""http://x"")",,${zhDomain.enums.BudgetType.GOVERNMENT_FUND}`);
    expect(['+1+2', '-2+3', '@SUM(A1)', '\tx'].map(csvCell)).toEqual(["'+1+2", "'-2+3", "'@SUM(A1)", "'\tx"]);
    // Negative numbers stay numbers.
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell('a\nb')).toBe('"a\nb"');
  });

  it('leave the console’s money (万元 with thousands separators) a number, not a formula', () => {
    expect(toWanYuan('-12500000.00')).toBe('-1,250.00');
    expect(csvCell('-1,250.00')).toBe('"-1,250.00"');
    expect(csvCell('-1,234,567.5')).toBe('"-1,234,567.5"');
    expect(csvCell('-999')).toBe('-999');
    expect(csvCell('1,250.00')).toBe('"1,250.00"');
    // Not numbers: still neutralised.
    expect(csvCell('-1,25')).toBe(`"'-1,25"`);
    expect(csvCell('-1,2500.00')).toBe(`"'-1,2500.00"`);
    expect(csvCell('-,250')).toBe(`"'-,250"`);
    expect(csvCell('-1,250.00+A1')).toBe(`"'-1,250.00+A1"`);
    expect(csvCell('=1,250')).toBe(`"'=1,250"`);
    const rows = exportRows(
      'performanceTargets',
      [{ source: 'funds', money: true }],
      [{ id: 1, funds: '-12500000' }],
      zhTranslate,
    );
    expect(toCsv(rows).split('\r\n')[1]).toBe('"-1,250.00"');
  });
});

/** A list of `count` rows served like the data provider: pages of at most MAX_PAGE_SIZE, with the total. */
function fakeList(count: number) {
  const calls: GetListParams[] = [];
  const getList = async (params: GetListParams): Promise<GetListResult> => {
    calls.push(params);
    const { page, perPage } = params.pagination ?? { page: 1, perPage: 10 };
    const limit = Math.min(perPage, MAX_PAGE_SIZE);
    const start = (page - 1) * perPage;
    const data = Array.from({ length: Math.max(0, Math.min(limit, count - start)) }, (_, i) => ({ id: start + i }));
    return { data, total: count };
  };
  return { getList, calls };
}

describe('reading a whole list for export', () => {
  it('reads every page of MAX_PAGE_SIZE, with the list’s filter and sort, and reports progress', async () => {
    const { getList, calls } = fakeList(2 * MAX_PAGE_SIZE + 93);
    const progress: [number, number][] = [];
    const all = await fetchAllRows(
      getList,
      { filter: { q: 'x' }, sort: { field: 'code', order: 'ASC' } },
      (read, expected) => progress.push([read, expected]),
    );
    expect(all.total).toBe(2 * MAX_PAGE_SIZE + 93);
    expect(all.records.map((r) => r.id)).toEqual(Array.from({ length: 2 * MAX_PAGE_SIZE + 93 }, (_, i) => i));
    expect(calls.map((c) => c.pagination)).toEqual([1, 2, 3].map((page) => ({ page, perPage: MAX_PAGE_SIZE })));
    for (const c of calls) expect(c).toMatchObject({ filter: { q: 'x' }, sort: { field: 'code', order: 'ASC' } });
    expect(progress).toEqual([
      [MAX_PAGE_SIZE, 2 * MAX_PAGE_SIZE + 93],
      [2 * MAX_PAGE_SIZE, 2 * MAX_PAGE_SIZE + 93],
      [2 * MAX_PAGE_SIZE + 93, 2 * MAX_PAGE_SIZE + 93],
    ]);
  });

  it('stops after an exactly full last page and reads an empty list once', async () => {
    const full = fakeList(2 * MAX_PAGE_SIZE);
    expect((await fetchAllRows(full.getList, {})).records).toHaveLength(2 * MAX_PAGE_SIZE);
    expect(full.calls).toHaveLength(2);
    const empty = fakeList(0);
    expect(await fetchAllRows(empty.getList, {})).toEqual({ records: [], total: 0 });
    expect(empty.calls).toHaveLength(1);
  });

  it('stops at MAX_EXPORT_ROWS and says how many rows the list has', async () => {
    const { getList, calls } = fakeList(MAX_EXPORT_ROWS + 1_234);
    const all = await fetchAllRows(getList, {});
    expect(all.records).toHaveLength(MAX_EXPORT_ROWS);
    expect(all.total).toBe(MAX_EXPORT_ROWS + 1_234);
    expect(calls).toHaveLength(MAX_EXPORT_ROWS / MAX_PAGE_SIZE);
  });
});
