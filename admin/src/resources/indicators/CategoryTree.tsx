import ExpandLess from '@mui/icons-material/ExpandLess';
import ExpandMore from '@mui/icons-material/ExpandMore';
import {
  Box,
  Card,
  CardContent,
  Collapse,
  IconButton,
  List,
  ListItemButton,
  ListItemText,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { Fragment, useMemo, useState } from 'react';
import { useGetList, useListContext, useTranslate } from 'react-admin';
import { ENUMS, EnumLabel } from './common';

interface CategoryRecord {
  id: string;
  code: string;
  name: string;
  scope: string;
  sortOrder: number;
  indicatorCount: number;
  parent: { id: string; name: string } | null;
}

function byPosition(a: CategoryRecord, b: CategoryRecord) {
  return a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);
}

/**
 * The catalog's side filter: the library scope (共性 / 分行业 / 部门), then its category tree; choosing a node filters
 * the list by `scope` and `categoryId` (a category includes its sub-categories).
 */
export function CategoryTree() {
  const translate = useTranslate();
  const { filterValues, setFilters, displayedFilters } = useListContext();
  const scope = filterValues.scope as string | undefined;
  const selected = filterValues.categoryId as string | undefined;
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const { data = [], isPending } = useGetList<CategoryRecord>(
    'indicatorCategories',
    {
      filter: { scope },
      pagination: { page: 1, perPage: 200 },
      sort: { field: 'sortOrder', order: 'ASC' },
    },
    { enabled: !!scope },
  );
  const { roots, children } = useMemo(() => {
    const kids = new Map<string, CategoryRecord[]>();
    const top: CategoryRecord[] = [];
    const ids = new Set(data.map((c) => c.id));
    for (const c of data) {
      if (c.parent && ids.has(c.parent.id)) kids.set(c.parent.id, [...(kids.get(c.parent.id) ?? []), c]);
      else top.push(c);
    }
    for (const list of kids.values()) list.sort(byPosition);
    return { roots: top.sort(byPosition), children: kids };
  }, [data]);

  const choose = (patch: Record<string, unknown>) => {
    const next: Record<string, unknown> = { ...filterValues, ...patch };
    for (const [k, v] of Object.entries(next)) if (v === undefined) delete next[k];
    setFilters(next, displayedFilters);
  };

  const renderNode = (c: CategoryRecord, depth: number) => {
    const kids = children.get(c.id) ?? [];
    const expanded = open[c.id] ?? false;
    return (
      <Fragment key={c.id}>
        <ListItemButton
          dense
          selected={selected === c.id}
          onClick={() => choose({ scope, categoryId: c.id })}
          sx={{ pl: 1 + depth * 2, pr: 0.5 }}
          data-testid={`category-${c.code}`}
        >
          <ListItemText
            primary={c.name}
            secondary={translate('catalog.tree.count', { count: c.indicatorCount })}
            slotProps={{ primary: { variant: 'body2' }, secondary: { variant: 'caption' } }}
          />
          {kids.length > 0 && (
            <IconButton
              size="small"
              onClick={(e) => {
                e.stopPropagation();
                setOpen((o) => ({ ...o, [c.id]: !expanded }));
              }}
            >
              {expanded ? <ExpandLess fontSize="small" /> : <ExpandMore fontSize="small" />}
            </IconButton>
          )}
        </ListItemButton>
        {kids.length > 0 && (
          <Collapse in={expanded} unmountOnExit>
            {kids.map((k) => renderNode(k, depth + 1))}
          </Collapse>
        )}
      </Fragment>
    );
  };

  return (
    <Card
      sx={{
        order: -1,
        mr: 2,
        mt: 8,
        // Beside the list from md up, narrower below xl so the catalog fits a 1280 px window; hidden on small screens
        // (the scope stays a filter of the list).
        display: { xs: 'none', md: 'block' },
        width: { md: 220, xl: 260 },
        flexShrink: 0,
        alignSelf: 'flex-start',
      }}
    >
      <CardContent sx={{ p: 1, '&:last-child': { pb: 1 } }}>
        <Typography variant="subtitle2" sx={{ px: 1, pb: 1 }}>
          {translate('catalog.tree.title')}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          fullWidth
          value={scope ?? null}
          onChange={(_, value: string | null) => choose({ scope: value ?? undefined, categoryId: undefined })}
        >
          {ENUMS.IndicatorScope.map((s) => (
            <ToggleButton key={s} value={s} sx={{ px: 0.5, fontSize: 12 }}>
              <EnumLabel name="IndicatorScope" value={s} />
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <List dense sx={{ maxHeight: 'calc(100vh - 260px)', overflowY: 'auto' }}>
          <ListItemButton dense selected={!selected} onClick={() => choose({ scope, categoryId: undefined })}>
            <ListItemText primary={translate('catalog.tree.all')} slotProps={{ primary: { variant: 'body2' } }} />
          </ListItemButton>
          {roots.map((c) => renderNode(c, 0))}
          {(!scope || (!isPending && roots.length === 0)) && (
            <Box sx={{ p: 1 }}>
              <Typography variant="caption" color="text.secondary">
                {translate(scope ? 'catalog.tree.empty' : 'catalog.tree.pick_scope')}
              </Typography>
            </Box>
          )}
        </List>
      </CardContent>
    </Card>
  );
}
