import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { EnumLabel } from '../indicators/common';

/** A definition as the API answers it, for an indicator (`category { name }`) or a proposal (`categoryId` too). */
export interface DefinitionView {
  code?: string | null;
  name?: string | null;
  scope?: string | null;
  valueType?: string | null;
  defaultComparator?: string | null;
  defaultUnit?: string | null;
  visibility?: string | null;
  explanation?: string | null;
  calculationMethod?: string | null;
  dataSource?: string | null;
  scoringRule?: string | null;
  referenceValue?: string | null;
  category?: { id: string; code?: string; name: string } | null;
  level1?: { id: string; name: string } | null;
  level2?: { id: string; name: string } | null;
}

interface Row {
  key: string;
  /** Comparable value (ids for references). */
  value: (d: DefinitionView) => string;
  show: (d: DefinitionView) => ReactNode;
}

const text = (key: keyof DefinitionView): Row => ({
  key,
  value: (d) => String(d[key] ?? ''),
  show: (d) => (d[key] as string | null | undefined) ?? '—',
});
const enumRow = (key: keyof DefinitionView, name: string): Row => ({
  key,
  value: (d) => String(d[key] ?? ''),
  show: (d) => (d[key] ? <EnumLabel name={name} value={d[key] as string} /> : '—'),
});
const ref = (key: 'category' | 'level1' | 'level2'): Row => ({
  key,
  value: (d) => d[key]?.id ?? '',
  show: (d) => d[key]?.name ?? '—',
});

/** The rows of a definition, in the order of the indicator form. */
export const DEFINITION_ROWS: readonly Row[] = [
  text('name'),
  enumRow('scope', 'IndicatorScope'),
  ref('category'),
  ref('level1'),
  ref('level2'),
  enumRow('valueType', 'ValueType'),
  enumRow('defaultComparator', 'Comparator'),
  text('defaultUnit'),
  text('referenceValue'),
  enumRow('visibility', 'Visibility'),
  text('explanation'),
  text('calculationMethod'),
  text('dataSource'),
  text('scoringRule'),
];

const cellSx = { whiteSpace: 'pre-wrap', verticalAlign: 'top' } as const;

/** One definition as a two-column table (field, value). */
export function DefinitionTable({ definition }: { definition: DefinitionView }) {
  const translate = useTranslate();
  return (
    <Table size="small" data-testid="proposal-definition">
      <TableBody>
        {DEFINITION_ROWS.map((row) => (
          <TableRow key={row.key}>
            <TableCell component="th" sx={{ width: 140, color: 'text.secondary', ...cellSx }}>
              {translate(`resources.indicators.fields.${row.key}`)}
            </TableCell>
            <TableCell sx={cellSx}>{row.show(definition)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * MODIFY: the current published version beside the proposed one, field by field, changed fields highlighted
 * (current struck through in red, proposed in green).
 */
export function DefinitionDiff({
  current,
  proposed,
  version,
  superseded = false,
}: {
  current: DefinitionView;
  proposed: DefinitionView;
  version: number;
  /** The request was approved: the version it changed is no longer the current one. */
  superseded?: boolean;
}) {
  const translate = useTranslate();
  const changed = DEFINITION_ROWS.filter((r) => r.value(current) !== r.value(proposed)).length;
  return (
    <Box>
      <Table size="small" data-testid="definition-diff">
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 140 }}>{translate('queue.diff.field')}</TableCell>
            <TableCell>{translate(superseded ? 'queue.diff.before' : 'queue.diff.current', { version })}</TableCell>
            <TableCell>{translate('queue.diff.proposed')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {DEFINITION_ROWS.map((row) => {
            const isChanged = row.value(current) !== row.value(proposed);
            return (
              <TableRow key={row.key} data-changed={isChanged ? 'true' : 'false'}>
                <TableCell
                  component="th"
                  sx={{ color: isChanged ? 'text.primary' : 'text.secondary', fontWeight: isChanged ? 600 : 400 }}
                >
                  {translate(`resources.indicators.fields.${row.key}`)}
                </TableCell>
                <TableCell
                  sx={{
                    ...cellSx,
                    ...(isChanged && { bgcolor: 'rgba(211, 47, 47, 0.08)', textDecoration: 'line-through' }),
                  }}
                >
                  {row.show(current)}
                </TableCell>
                <TableCell
                  sx={{ ...cellSx, ...(isChanged && { bgcolor: 'rgba(46, 125, 50, 0.12)', fontWeight: 600 }) }}
                >
                  {isChanged ? (
                    row.show(proposed)
                  ) : (
                    <Typography variant="caption" color="text.secondary">
                      {translate('queue.diff.unchanged')}
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Typography variant="caption" color="text.secondary" data-testid="diff-changed-count">
        {`${translate('catalog.propose.changed_fields')}：${changed}`}
      </Typography>
    </Box>
  );
}
