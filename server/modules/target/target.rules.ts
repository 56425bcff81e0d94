/**
 * The rules of performance targets and their rows that need no database: parsing target values, exact money
 * arithmetic, and the checks whose refusals the service passes on. Each refusal says what to do next.
 */
import { DomainError } from '../../shared/errors';
import { fromFen, toFen } from '../../shared/money';
import { Comparator, FrameworkKind, IndicatorScope, IndicatorStatus, Visibility } from '../indicator';
import { TargetKind, TargetStatus } from './target.enums';

const STATUS_LABEL: Record<TargetStatus, string> = {
  DRAFT: '草稿',
  DEPARTMENT_REVIEW: '部门自审',
  INITIAL_REVIEW: '双初审',
  RECHECK: '复核',
  JOINT_REVIEW: '集中会审',
  GRADED: '已定级',
  READY_FOR_BUDGET: '待纳入预算',
  BLOCKED: '不予安排',
  APPROVED: '已批复',
};

// ---- Numbers ----

/**
 * Parses a target value as written in a target table into a canonical decimal string: "62000", "62,000", "95.5",
 * "100%", full-width digits and signs too. Returns null when the text is not a single number that fits
 * numeric(20,4) (at most 16 integer digits and 4 decimals).
 */
export function parseTargetValue(text: string): string | null {
  let s = text.normalize('NFKC').replace(/\s+/g, '');
  if (s.endsWith('%')) s = s.slice(0, -1);
  if (s.includes(',')) {
    // Thousands separators only where they group by three: "62,000" yes, "6,20" no.
    if (!/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return null;
    s = s.replace(/,/g, '');
  }
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const integer = m[2]!.replace(/^0+(?=\d)/, '');
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (integer.length > 16 || fraction.length > 4) return null;
  const sign = m[1] === '-' && (integer !== '0' || fraction !== '') ? '-' : '';
  return `${sign}${integer}${fraction ? `.${fraction}` : ''}`;
}

/** Funds of a target: 0 or more. Returns them in cents. */
export function checkFunds(funds: string): bigint {
  const cents = toFen(funds);
  if (cents < 0n) {
    throw new DomainError('BAD_USER_INPUT', `funds must be 0 or more, got ${funds}.`, { field: 'funds' });
  }
  return cents;
}

/**
 * The regional shares of a transfer target may not add up to more than its funds. `others` is the sum of the other
 * shares, `share` the one being written.
 */
export function checkSharesWithinParent(parentFunds: bigint, others: bigint, share: bigint): void {
  const total = others + share;
  if (total > parentFunds) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `The regional shares would total ${fromFen(total)} yuan (${fromFen(others)} already allocated + ${fromFen(share)}), more than the parent target's funds of ${fromFen(parentFunds)}; lower this share to at most ${fromFen(parentFunds - others)}.`,
      { field: 'funds', parentFunds: fromFen(parentFunds), allocated: fromFen(others) },
    );
  }
}

/** A parent transfer target's funds may not drop below what its regional shares already hold. */
export function checkParentCoversShares(funds: bigint, shares: bigint): void {
  if (funds < shares) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `The regional shares already total ${fromFen(shares)} yuan, more than the new funds of ${fromFen(funds)}; lower the shares first or keep at least ${fromFen(shares)}.`,
      { field: 'funds', allocated: fromFen(shares) },
    );
  }
}

/** A row weight: 0 to 100 with at most 2 decimals; returned as written (trimmed). */
export function checkWeight(weight: string): string {
  const m = /^(\d{1,16})(?:\.(\d+))?$/.exec(weight.trim());
  const fraction = (m?.[2] ?? '').replace(/0+$/, '');
  if (!m || fraction.length > 2 || BigInt(m[1]!) * 100n + BigInt(fraction.padEnd(2, '0')) > 10000n) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `weight must be between 0 and 100 with at most 2 decimals, got ${weight}.`,
      {
        field: 'weight',
      },
    );
  }
  return weight.trim();
}

// ---- Workflow guards ----

/** Only a DRAFT target (and its rows) can be changed. */
export function checkEditable(target: { id: number; status: TargetStatus }): void {
  if (target.status !== TargetStatus.DRAFT) {
    throw new DomainError(
      'TARGET_NOT_EDITABLE',
      `Performance target ${target.id} is ${target.status} (${STATUS_LABEL[target.status]}); only a DRAFT target can be changed. Wait until a reviewer returns it to the department.`,
      { status: target.status },
    );
  }
}

/** Project and regional targets use a project framework; department targets a department-wide (部门整体) one. */
export function frameworkKindFor(kind: TargetKind): FrameworkKind {
  return kind === TargetKind.DEPARTMENT ? FrameworkKind.DEPARTMENT : FrameworkKind.PROJECT;
}

// ---- Rows ----

export interface IndicatorFacts {
  id: number;
  code: string;
  name: string;
  status: IndicatorStatus;
  enabled: boolean;
  scope: IndicatorScope;
  visibility: Visibility;
  fiscalDivisionCode: string;
  ownerDepartmentId: number | null;
}

export interface DepartmentFacts {
  id: number;
  parentId: number | null;
  fiscalDivisionCode: string;
}

/** The library is a multiple-choice question: only a PUBLISHED, enabled indicator can be chosen (先入库、后使用). */
export function checkIndicatorUsable(indicator: IndicatorFacts): void {
  const named = `Indicator ${indicator.code} ${indicator.name}`;
  const why: Partial<Record<IndicatorStatus, string>> = {
    DRAFT: `${named} is not in the library yet: it must be admitted to the library first (先入库、后使用). Submit an admission request (入库申请) or choose a published indicator.`,
    SUPERSEDED: `${named} is an old version that a newer version replaced; choose the current published version.`,
    RETIRED: `${named} was retired from the library (出库); choose another published indicator.`,
  };
  const message = why[indicator.status];
  if (message) throw new DomainError('INDICATOR_NOT_PUBLISHED', message, { field: 'indicatorId' });
  if (!indicator.enabled) {
    throw new DomainError(
      'INDICATOR_NOT_PUBLISHED',
      `${named} is disabled in the library; ask 预算绩效管理处 to enable it or choose another published indicator.`,
      { field: 'indicatorId' },
    );
  }
}

/**
 * A department sees the public common and industry libraries of its fiscal division, and the indicators its own
 * department or its first-level unit owns.
 */
export function isIndicatorVisible(indicator: IndicatorFacts, department: DepartmentFacts): boolean {
  if (indicator.fiscalDivisionCode !== department.fiscalDivisionCode) return false;
  const owner = indicator.ownerDepartmentId;
  if (owner !== null && (owner === department.id || owner === department.parentId)) return true;
  return indicator.scope !== IndicatorScope.DEPARTMENT && indicator.visibility === Visibility.PUBLIC;
}

export function checkIndicatorVisible(indicator: IndicatorFacts, department: DepartmentFacts): void {
  if (!isIndicatorVisible(indicator, department)) {
    throw new DomainError(
      'INDICATOR_NOT_VISIBLE',
      `Indicator ${indicator.code} ${indicator.name} belongs to another department's or division's library and is not visible to this target's department; choose a public common or industry indicator, or one of your department's own.`,
      { field: 'indicatorId' },
    );
  }
}

/** A unit is required unless the comparator is QUALITATIVE; returns the unit to store (trimmed, or null). */
export function checkUnit(comparator: Comparator, unit: string | null | undefined): string | null {
  const trimmed = unit?.trim() || null;
  if (!trimmed && comparator !== Comparator.QUALITATIVE) {
    throw new DomainError(
      'UNIT_REQUIRED',
      `A ${comparator} row needs a unit (计量单位) such as 人, % or 万元; give one, or use the QUALITATIVE comparator for a qualitative statement.`,
      { field: 'unit' },
    );
  }
  return trimmed;
}

/** For a quantitative comparator the value must be a number (stored parsed); a qualitative row stores none. */
export function numericValueOf(comparator: Comparator, targetValue: string): string | null {
  if (comparator === Comparator.QUALITATIVE) return null;
  const parsed = parseTargetValue(targetValue);
  if (parsed === null) {
    throw new DomainError(
      'VALUE_NOT_NUMERIC',
      `"${targetValue}" is not a number, but the comparator ${comparator} needs one: write it like 62000, 62,000, 95.5 or 100% (at most 4 decimals), or use the QUALITATIVE comparator.`,
      { field: 'targetValue' },
    );
  }
  return parsed;
}

export function duplicateRow(code: string, period: string): DomainError {
  return new DomainError(
    'DUPLICATE_INDICATOR_ROW',
    `This target already has a ${period} row for indicator ${code} (in some version); edit that row instead of adding another.`,
    { field: 'indicatorId' },
  );
}

/** A target value must say something; returned trimmed. */
export function checkTargetValue(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) {
    throw new DomainError('BAD_USER_INPUT', 'targetValue is empty; write the value the target commits to.', {
      field: 'targetValue',
    });
  }
  return trimmed;
}
