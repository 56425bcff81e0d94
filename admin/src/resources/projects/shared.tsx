/** Small pieces the project, target and user screens share: enum inputs and chips, money cells, the year choices. */
import { Chip, type ChipProps } from '@mui/material';
import {
  AutocompleteInput,
  ReferenceInput,
  SelectArrayInput,
  SelectInput,
  type SelectInputProps,
  useTranslate,
} from 'react-admin';
import { toWanYuan } from '../../format';
import { currentPermissions } from '../../session';

/** The values of the API's enums the screens offer, in the order the bureau reads them. */
export const ENUM_VALUES = {
  BudgetType: ['GENERAL_PUBLIC', 'GOVERNMENT_FUND', 'STATE_CAPITAL', 'SOCIAL_INSURANCE'],
  ProjectPhase: ['CANDIDATE', 'ADMITTED', 'BUDGETED', 'ENDED'],
  ProjectAttribute: ['NEW', 'CONTINUING'],
  TargetKind: ['PROJECT', 'DEPARTMENT', 'TRANSFER_REGIONAL'],
  TargetStatus: [
    'DRAFT',
    'DEPARTMENT_REVIEW',
    'INITIAL_REVIEW',
    'RECHECK',
    'JOINT_REVIEW',
    'GRADED',
    'READY_FOR_BUDGET',
    'APPROVED',
    'BLOCKED',
  ],
  Grade: ['EXCELLENT', 'GOOD', 'FAIR', 'POOR'],
  Role: [
    'UNIT_PREPARER',
    'DEPARTMENT_OFFICER',
    'EXPENDITURE_REVIEWER',
    'EVALUATION_REVIEWER',
    'PERFORMANCE_ADMIN',
    'BUDGET_OFFICER',
    'OBSERVER',
    'ANALYST',
    'INTEGRATION',
    'ADMIN',
  ],
} as const;

export type EnumName = keyof typeof ENUM_VALUES;

/** `{ id, name }` choices of an enum with the translated names (enums.<EnumName>.<VALUE>). */
export function useEnumChoices(name: EnumName) {
  const translate = useTranslate();
  return ENUM_VALUES[name].map((id) => ({ id, name: translate(`enums.${name}.${id}`, { _: id }) }));
}

/** A select over one of the API's enums. */
export function EnumInput({ enumName, ...props }: Omit<SelectInputProps, 'choices'> & { enumName: EnumName }) {
  return <SelectInput {...props} choices={useEnumChoices(enumName)} />;
}

/** A multiple select over one of the API's enums. */
export function EnumArrayInput({ enumName, source, label }: { enumName: EnumName; source: string; label?: string }) {
  return <SelectArrayInput source={source} label={label} choices={useEnumChoices(enumName)} />;
}

/** Fiscal years offered by the filters: next year back to 2018, newest first. */
export function fiscalYearChoices(now = new Date()) {
  const last = now.getFullYear() + 1;
  return Array.from({ length: last - 2017 }, (_, i) => {
    const year = last - i;
    return { id: year, name: String(year) };
  });
}

/** The department filter: a searchable pick from the departments the user may see. */
export function DepartmentInput({ source = 'departmentId', label }: { source?: string; label?: string }) {
  return (
    <ReferenceInput source={source} reference="departments" sort={{ field: 'code', order: 'ASC' }}>
      <AutocompleteInput optionText="name" label={label} filterToQuery={(q: string) => ({ q })} />
    </ReferenceInput>
  );
}

const COLORS: Record<string, ChipProps['color']> = {
  EXCELLENT: 'success',
  GOOD: 'info',
  FAIR: 'warning',
  POOR: 'error',
  APPROVED: 'success',
  READY_FOR_BUDGET: 'success',
  GRADED: 'info',
  BLOCKED: 'error',
  DRAFT: 'default',
  PASS: 'success',
  RETURN: 'warning',
  REJECT: 'error',
  FULL: 'success',
  REDUCED: 'warning',
  MERGED: 'info',
  DEFERRED: 'default',
  CANCELLED: 'error',
  BUDGETED: 'success',
  ADMITTED: 'info',
  CANDIDATE: 'default',
  ENDED: 'default',
};

/** An enum value as a small coloured chip with its translated name; nothing for an empty value. */
export function EnumChip({ name, value }: { name: string; value: string | null | undefined }) {
  const translate = useTranslate();
  if (!value) return null;
  const color = COLORS[value] ?? 'primary';
  return (
    <Chip
      size="small"
      variant={color === 'default' ? 'outlined' : 'filled'}
      color={color}
      label={translate(`enums.${name}.${value}`, { _: value })}
    />
  );
}

/** An amount in yuan shown in 万元 with thousands separators (the unit is in the column label). */
export function Money({ yuan }: { yuan: string | null | undefined }) {
  const text = toWanYuan(yuan);
  return <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{text || '—'}</span>;
}

/** A 0–1 ratio as a percentage with one decimal. */
export function Percent({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return <span>—</span>;
  return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{`${(value * 100).toFixed(1)}%`}</span>;
}

/** Whether the signed-in user holds one of these permissions (fetched at sign-in; the server still decides). */
export function hasPermission(...permissions: string[]): boolean {
  const granted = currentPermissions();
  return permissions.some((p) => granted.has(p));
}

/** A date and time as the bureau writes it (zh-CN), or a dash. */
export function dateTime(value: string | null | undefined): string {
  return value ? new Date(value).toLocaleString('zh-CN', { hour12: false }) : '—';
}
