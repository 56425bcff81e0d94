import { Chip, type ChipProps } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { type Framework, frameworks } from '../indicatorChangeRequests/api';

/** The API's enum values the catalog offers as choices. */
export const ENUMS = {
  IndicatorScope: ['COMMON', 'INDUSTRY', 'DEPARTMENT'],
  IndicatorStatus: ['PUBLISHED', 'DRAFT', 'SUPERSEDED', 'RETIRED'],
  ValueType: ['QUANTITATIVE', 'QUALITATIVE'],
  Comparator: ['GE', 'GT', 'EQ', 'LE', 'LT', 'QUALITATIVE'],
  Visibility: ['PUBLIC', 'PRIVATE'],
  ChangeRequestStatus: ['IN_REVIEW', 'DRAFT', 'RETURNED', 'APPROVED', 'REJECTED'],
  ChangeRequestType: ['ADMIT', 'MODIFY', 'RETIRE'],
  ChangeRequestStep: ['DEPARTMENT_PRECHECK', 'PERFORMANCE_REVIEW'],
} as const;

export type EnumName = keyof typeof ENUMS;

/** `{ id, name }` choices of an enum, labelled by enums.<EnumName>.<VALUE>. */
export function useEnumChoices(name: EnumName): { id: string; name: string }[] {
  const translate = useTranslate();
  return ENUMS[name].map((id) => ({ id, name: translate(`enums.${name}.${id}`, { _: id }) }));
}

/** An enum value's label. */
export function EnumLabel({ name, value }: { name: string; value: string | null | undefined }) {
  const translate = useTranslate();
  return <>{value ? translate(`enums.${name}.${value}`, { _: value }) : ''}</>;
}

const STATUS_COLORS: Record<string, ChipProps['color']> = {
  PUBLISHED: 'success',
  APPROVED: 'success',
  DRAFT: 'default',
  SUPERSEDED: 'default',
  RETIRED: 'warning',
  IN_REVIEW: 'info',
  RETURNED: 'warning',
  REJECTED: 'error',
};

/** A status as a coloured chip (IndicatorStatus or ChangeRequestStatus). */
export function StatusChip({
  name,
  value,
}: {
  name: 'IndicatorStatus' | 'ChangeRequestStatus';
  value?: string | null;
}) {
  if (!value) return null;
  return (
    <Chip
      size="small"
      variant={value === 'PUBLISHED' || value === 'APPROVED' ? 'filled' : 'outlined'}
      color={STATUS_COLORS[value] ?? 'default'}
      label={<EnumLabel name={name} value={value} />}
      data-status={value}
    />
  );
}

/** The indicator frameworks (指标体系) with their level-1 and level-2 dimensions, loaded once per session. */
export function useFrameworks(): Framework[] {
  const { data } = useQuery({
    queryKey: ['yardstick', 'indicatorFrameworks'],
    queryFn: frameworks,
    staleTime: 600_000,
  });
  return data ?? [];
}

/** Level-1 dimension choices, each named with its framework when there are several. */
export function useLevel1Choices(): { id: string; name: string }[] {
  const list = useFrameworks();
  return list.flatMap((f) =>
    f.roots.map((n) => ({ id: n.id, name: list.length > 1 ? `${f.name} · ${n.name}` : n.name })),
  );
}

/** Level-2 dimension choices under a level-1 one (all when none is chosen). */
export function useLevel2Choices(level1Id: string | null | undefined): { id: string; name: string }[] {
  const list = useFrameworks();
  return list.flatMap((f) =>
    f.roots
      .filter((n) => !level1Id || n.id === String(level1Id))
      .flatMap((n) => n.children.map((c) => ({ id: c.id, name: level1Id ? c.name : `${n.name} · ${c.name}` }))),
  );
}
