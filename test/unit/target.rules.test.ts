import {
  Comparator,
  FrameworkKind,
  IndicatorScope,
  IndicatorStatus,
  Visibility,
} from '../../server/modules/indicator/indicator.enums';
import { TargetKind, TargetStatus } from '../../server/modules/target/target.enums';
import {
  checkEditable,
  checkFunds,
  checkIndicatorUsable,
  checkParentCoversShares,
  checkSharesWithinParent,
  checkTargetValue,
  checkUnit,
  checkWeight,
  frameworkKindFor,
  type IndicatorFacts,
  isIndicatorVisible,
  numericValueOf,
  parseTargetValue,
} from '../../server/modules/target/target.rules';
import { DomainError } from '../../server/shared/errors';
import { fromFen, toFen } from '../../server/shared/money';
import { assertVersion } from '../../server/shared/writes';

/** The code of the DomainError a call throws, or 'none'. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'none';
  } catch (e) {
    return e instanceof DomainError ? e.code : `not a DomainError: ${String(e)}`;
  }
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('parseTargetValue', () => {
  it.each([
    ['62000', '62000'],
    ['62,000', '62000'],
    ['1,234,567.50', '1234567.5'],
    ['95.5', '95.5'],
    ['100%', '100'],
    [' 90 % ', '90'],
    ['９５．５％', '95.5'],
    ['0.0', '0'],
    ['007', '7'],
    ['-3.25', '-3.25'],
    ['+48', '48'],
    ['-0', '0'],
    ['1234567890123456.1234', '1234567890123456.1234'],
  ])('reads %p as %p', (text, expected) => {
    expect(parseTargetValue(text)).toBe(expected);
  });

  it.each([
    '',
    '%',
    'abc',
    '约62000',
    '62000人',
    '6,20',
    '62,0000',
    '1.2.3',
    '.5',
    '5.',
    '≥95',
    '12345678901234567',
    '1.23456',
  ])('refuses %p', (text) => {
    expect(parseTargetValue(text)).toBeNull();
  });
});

describe('money in exact cents', () => {
  it('converts yuan strings to cents and back without floating point', () => {
    expect(toFen('1250000.5')).toBe(125000050n);
    expect(toFen('0.1')).toBe(10n);
    expect(toFen('-3')).toBe(-300n);
    expect(toFen('9999999999999999.99')).toBe(999999999999999999n);
    expect(fromFen(125000050n)).toBe('1250000.50');
    expect(fromFen(5n)).toBe('0.05');
    expect(fromFen(-300n)).toBe('-3.00');
    expect(fromFen(toFen('0.1') + toFen('0.2'))).toBe('0.30');
  });

  it('refuses negative funds', () => {
    expect(checkFunds('0')).toBe(0n);
    expect(codeOf(() => checkFunds('-0.01'))).toBe('BAD_USER_INPUT');
  });

  it('keeps regional shares within the parent and names the totals', () => {
    expect(codeOf(() => checkSharesWithinParent(100000n, 60000n, 40000n))).toBe('none');
    expect(codeOf(() => checkSharesWithinParent(100000n, 60000n, 40001n))).toBe('BAD_USER_INPUT');
    expect(messageOf(() => checkSharesWithinParent(100000n, 60000n, 50000n))).toBe(
      "The regional shares would total 1100.00 yuan (600.00 already allocated + 500.00), more than the parent target's funds of 1000.00; lower this share to at most 400.00.",
    );
    expect(codeOf(() => checkParentCoversShares(60000n, 60000n))).toBe('none');
    expect(messageOf(() => checkParentCoversShares(59999n, 60000n))).toMatch(/already total 600.00 yuan/);
  });
});

describe('row checks', () => {
  it('accepts weights from 0 to 100 with at most two decimals', () => {
    expect(checkWeight('0')).toBe('0');
    expect(checkWeight('100')).toBe('100');
    expect(checkWeight('12.50')).toBe('12.50');
    expect(codeOf(() => checkWeight('100.01'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkWeight('-1'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkWeight('1.005'))).toBe('BAD_USER_INPUT');
  });

  it('requires a unit unless the comparator is qualitative', () => {
    expect(checkUnit(Comparator.GE, ' 人 ')).toBe('人');
    expect(checkUnit(Comparator.QUALITATIVE, null)).toBeNull();
    expect(checkUnit(Comparator.QUALITATIVE, '')).toBeNull();
    expect(codeOf(() => checkUnit(Comparator.EQ, '  '))).toBe('UNIT_REQUIRED');
    expect(codeOf(() => checkUnit(Comparator.LE, undefined))).toBe('UNIT_REQUIRED');
  });

  it('parses quantitative values and leaves qualitative ones alone', () => {
    expect(numericValueOf(Comparator.GE, '62,000')).toBe('62000');
    expect(numericValueOf(Comparator.QUALITATIVE, '明显改善')).toBeNull();
    expect(codeOf(() => numericValueOf(Comparator.GE, '明显改善'))).toBe('VALUE_NOT_NUMERIC');
    expect(codeOf(() => checkTargetValue('   '))).toBe('BAD_USER_INPUT');
    expect(checkTargetValue(' 100% ')).toBe('100%');
  });
});

const indicator = (over: Partial<IndicatorFacts> = {}): IndicatorFacts => ({
  id: 1,
  code: 'GX01010001',
  name: '培训人次',
  status: IndicatorStatus.PUBLISHED,
  enabled: true,
  scope: IndicatorScope.COMMON,
  visibility: Visibility.PUBLIC,
  fiscalDivisionCode: '410100000',
  ownerDepartmentId: null,
  ...over,
});
const department = { id: 7, parentId: 3, fiscalDivisionCode: '410100000' };

describe('indicator rules', () => {
  it('accepts only published, enabled indicators, saying to admit drafts first', () => {
    expect(codeOf(() => checkIndicatorUsable(indicator()))).toBe('none');
    expect(codeOf(() => checkIndicatorUsable(indicator({ status: IndicatorStatus.DRAFT })))).toBe(
      'INDICATOR_NOT_PUBLISHED',
    );
    expect(messageOf(() => checkIndicatorUsable(indicator({ status: IndicatorStatus.DRAFT })))).toMatch(
      /先入库、后使用/,
    );
    expect(messageOf(() => checkIndicatorUsable(indicator({ status: IndicatorStatus.SUPERSEDED })))).toMatch(
      /newer version/,
    );
    expect(messageOf(() => checkIndicatorUsable(indicator({ status: IndicatorStatus.RETIRED })))).toMatch(/retired/);
    expect(codeOf(() => checkIndicatorUsable(indicator({ enabled: false })))).toBe('INDICATOR_NOT_PUBLISHED');
  });

  it('shows public common and industry indicators and the department’s and its parent’s own', () => {
    expect(isIndicatorVisible(indicator(), department)).toBe(true);
    expect(isIndicatorVisible(indicator({ scope: IndicatorScope.INDUSTRY, ownerDepartmentId: 99 }), department)).toBe(
      true,
    );
    expect(
      isIndicatorVisible(
        indicator({ scope: IndicatorScope.INDUSTRY, visibility: Visibility.PRIVATE, ownerDepartmentId: 99 }),
        department,
      ),
    ).toBe(false);
    expect(isIndicatorVisible(indicator({ scope: IndicatorScope.DEPARTMENT, ownerDepartmentId: 7 }), department)).toBe(
      true,
    );
    expect(isIndicatorVisible(indicator({ scope: IndicatorScope.DEPARTMENT, ownerDepartmentId: 3 }), department)).toBe(
      true,
    );
    expect(isIndicatorVisible(indicator({ scope: IndicatorScope.DEPARTMENT, ownerDepartmentId: 8 }), department)).toBe(
      false,
    );
    expect(isIndicatorVisible(indicator({ fiscalDivisionCode: '410102000' }), department)).toBe(false);
  });
});

describe('target guards', () => {
  it('lets only drafts be edited, naming the current state', () => {
    expect(codeOf(() => checkEditable({ id: 5, status: TargetStatus.DRAFT }))).toBe('none');
    expect(codeOf(() => checkEditable({ id: 5, status: TargetStatus.RECHECK }))).toBe('TARGET_NOT_EDITABLE');
    expect(messageOf(() => checkEditable({ id: 5, status: TargetStatus.RECHECK }))).toMatch(/RECHECK \(复核\)/);
  });

  it('refuses a stale version only when one is given', () => {
    expect(codeOf(() => assertVersion(3, undefined, 'Target 5'))).toBe('none');
    expect(codeOf(() => assertVersion(3, 3, 'Target 5'))).toBe('none');
    expect(codeOf(() => assertVersion(3, 2, 'Target 5'))).toBe('CONFLICT');
  });

  it('picks the framework kind from the target kind', () => {
    expect(frameworkKindFor(TargetKind.PROJECT)).toBe(FrameworkKind.PROJECT);
    expect(frameworkKindFor(TargetKind.TRANSFER_REGIONAL)).toBe(FrameworkKind.PROJECT);
    expect(frameworkKindFor(TargetKind.DEPARTMENT)).toBe(FrameworkKind.DEPARTMENT);
  });
});
