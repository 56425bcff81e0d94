import polyglotI18nProvider from 'ra-i18n-polyglot';
import { csvCell, exportRows, toCsv } from '../../admin/src/csv';
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
});
