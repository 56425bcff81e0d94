import Send from '@mui/icons-material/Send';
import Undo from '@mui/icons-material/Undo';
import {
  Alert,
  Box,
  Card,
  CardContent,
  Divider,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import {
  AutocompleteInput,
  Button,
  Form,
  FormDataConsumer,
  Link,
  ReferenceInput,
  required,
  SaveButton,
  SelectInput,
  TextInput,
  Title,
  Toolbar,
  useCreatePath,
  useGetIdentity,
  useGetList,
  useNotify,
  useRedirect,
  useTranslate,
} from 'react-admin';
import type { Identity } from '../../authProvider';
import {
  api,
  DEFINITION_KEYS,
  type Definition,
  errorMessage,
  propose,
  SIMILAR_FIELDS,
  type SimilarIndicator,
  submit,
} from '../indicatorChangeRequests/api';
import { EnumLabel, StatusChip, useEnumChoices, useLevel1Choices, useLevel2Choices } from './common';
import { changedFields } from './proposal';

export type ProposalValues = Definition & { reason?: string; exampleProject?: string };

interface Draft {
  id: string;
  version: number;
  similar: SimilarIndicator[];
}

/** Empty inputs are "not given" (null would clear a field of a MODIFY). */
function definitionOf(values: ProposalValues): Definition {
  const out: Definition = {};
  for (const key of DEFINITION_KEYS) {
    const v = values[key];
    if (v !== undefined && v !== null && v !== '') out[key] = String(v);
  }
  return out;
}

/** The keys whose value differs from the published definition (what a MODIFY sends). */
function DefinitionInputs() {
  const translate = useTranslate();
  const scopes = useEnumChoices('IndicatorScope');
  const valueTypes = useEnumChoices('ValueType');
  const comparators = useEnumChoices('Comparator');
  const visibilities = useEnumChoices('Visibility');
  const level1 = useLevel1Choices();
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2, width: '100%' }}>
      <Typography variant="subtitle1" sx={{ gridColumn: '1 / -1', mt: 1 }}>
        {translate('catalog.sections.basics')}
      </Typography>
      <TextInput source="name" validate={required()} resource="indicators" sx={{ gridColumn: '1 / -1' }} />
      <SelectInput source="scope" choices={scopes} validate={required()} resource="indicators" />
      <FormDataConsumer<ProposalValues>>{({ formData }) => <CategoryInput scope={formData.scope} />}</FormDataConsumer>
      <Typography variant="subtitle1" sx={{ gridColumn: '1 / -1', mt: 1 }}>
        {translate('catalog.sections.framework')}
      </Typography>
      <SelectInput source="level1NodeId" choices={level1} validate={required()} resource="indicators" />
      <FormDataConsumer<ProposalValues>>
        {({ formData }) => <Level2Select level1={formData.level1NodeId} />}
      </FormDataConsumer>
      <Typography variant="subtitle1" sx={{ gridColumn: '1 / -1', mt: 1 }}>
        {translate('catalog.sections.measurement')}
      </Typography>
      <SelectInput source="valueType" choices={valueTypes} validate={required()} resource="indicators" />
      <SelectInput source="defaultComparator" choices={comparators} validate={required()} resource="indicators" />
      <TextInput source="defaultUnit" resource="indicators" />
      <SelectInput source="visibility" choices={visibilities} resource="indicators" />
      <TextInput source="referenceValue" resource="indicators" />
      <Box />
      <TextInput source="explanation" multiline minRows={2} resource="indicators" sx={{ gridColumn: '1 / -1' }} />
      <TextInput source="calculationMethod" multiline resource="indicators" sx={{ gridColumn: '1 / -1' }} />
      <TextInput source="dataSource" resource="indicators" sx={{ gridColumn: '1 / -1' }} />
      <TextInput source="scoringRule" multiline resource="indicators" sx={{ gridColumn: '1 / -1' }} />
      <Typography variant="subtitle1" sx={{ gridColumn: '1 / -1', mt: 1 }}>
        {translate('catalog.sections.application')}
      </Typography>
      <TextInput
        source="reason"
        label="catalog.propose.reason"
        multiline
        minRows={2}
        validate={required()}
        sx={{ gridColumn: '1 / -1' }}
      />
      <TextInput source="exampleProject" label="catalog.propose.example_project" sx={{ gridColumn: '1 / -1' }} />
    </Box>
  );
}

const CATEGORY_SORT = { field: 'code', order: 'ASC' } as const;
const categoryText = (c: { code: string; name: string }) => `${c.code} ${c.name}`;

/** The signed-in user's fiscal division and department (authProvider.getIdentity, fetched once per session). */
function useIdentity(): { identity: Identity | undefined; isPending: boolean } {
  const { identity, isPending } = useGetIdentity();
  return { identity: identity as Identity | undefined, isPending };
}

/**
 * The category (指标分类) picker: only the signed-in user's fiscal division, and for a DEPARTMENT-scope proposal only
 * the library of the user's own department or of the department it belongs to (the server refuses another
 * department's category with BAD_USER_INPUT on categoryId).
 */
function CategoryInput({ scope }: { scope?: string | null }) {
  const { identity, isPending } = useIdentity();
  if (scope === 'DEPARTMENT') return <DepartmentCategoryInput identity={identity} identityPending={isPending} />;
  const division = identity?.fiscalDivisionCode;
  return (
    <ReferenceInput
      source="categoryId"
      reference="indicatorCategories"
      filter={{ fiscalDivisionCode: division, ...(scope ? { scope } : {}) }}
      perPage={200}
      sort={CATEGORY_SORT}
      queryOptions={{ enabled: !!division }}
    >
      <AutocompleteInput
        optionText={categoryText}
        filterToQuery={(q: string) => ({ q })}
        validate={required()}
        label="resources.indicators.fields.categoryId"
      />
    </ReferenceInput>
  );
}

interface CategoryChoice {
  id: string;
  code: string;
  name: string;
}

function DepartmentCategoryInput({
  identity,
  identityPending,
}: {
  identity: Identity | undefined;
  identityPending: boolean;
}) {
  const division = identity?.fiscalDivisionCode;
  const own = identity?.department?.id;
  const parent = identity?.department?.parent?.id;
  const params = (ownerDepartmentId: string | undefined) => ({
    filter: { fiscalDivisionCode: division, scope: 'DEPARTMENT', ownerDepartmentId },
    pagination: { page: 1, perPage: 200 },
    sort: CATEGORY_SORT,
  });
  const mine = useGetList<CategoryChoice>('indicatorCategories', params(own), { enabled: !!division && !!own });
  const parents = useGetList<CategoryChoice>('indicatorCategories', params(parent), {
    enabled: !!division && !!parent,
  });
  const choices = useMemo(
    () => [...(parents.data ?? []), ...(mine.data ?? [])].sort((a, b) => a.code.localeCompare(b.code)),
    [mine.data, parents.data],
  );
  return (
    <AutocompleteInput
      source="categoryId"
      choices={choices}
      optionText={categoryText}
      isPending={identityPending || (!!own && mine.isPending) || (!!parent && parents.isPending)}
      validate={required()}
      label="resources.indicators.fields.categoryId"
      helperText="catalog.propose.department_categories"
    />
  );
}

function Level2Select({ level1 }: { level1?: string | null }) {
  return <SelectInput source="level2NodeId" choices={useLevel2Choices(level1)} resource="indicators" />;
}

/** The existing published indicators most like the proposed name, best first (compact: for a half-width column). */
export function SimilarTable({
  similar,
  compact = false,
}: {
  similar: readonly SimilarIndicator[];
  compact?: boolean;
}) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  if (similar.length === 0) return <Alert severity="success">{translate('catalog.propose.similar_none')}</Alert>;
  return (
    <Table size="small" data-testid="similar-indicators">
      <TableHead>
        <TableRow>
          {!compact && <TableCell>{translate('resources.indicators.fields.code')}</TableCell>}
          <TableCell>{translate('resources.indicators.fields.name')}</TableCell>
          {!compact && <TableCell>{translate('resources.indicators.fields.scope')}</TableCell>}
          <TableCell>{translate('resources.indicators.fields.category')}</TableCell>
          <TableCell sx={{ whiteSpace: 'nowrap' }}>{translate('resources.indicators.fields.defaultUnit')}</TableCell>
          {!compact && <TableCell>{translate('resources.indicators.fields.status')}</TableCell>}
          <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
            {translate('catalog.propose.similarity')}
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {similar.map((s) => (
          <TableRow key={s.indicator.id} data-testid="similar-row" data-id={s.indicator.id}>
            {!compact && <TableCell sx={{ whiteSpace: 'nowrap' }}>{s.indicator.code}</TableCell>}
            <TableCell>
              {/* A new tab: the proposal being written stays as it is. */}
              <Link
                to={createPath({ resource: 'indicators', id: s.indicator.id, type: 'show' })}
                target="_blank"
                rel="noopener"
                variant="body2"
                data-testid="similar-link"
              >
                {s.indicator.name}
              </Link>
              <Typography variant="caption" color="text.secondary" component="div">
                {compact ? `${s.indicator.code} · ${s.indicator.explanation ?? ''}` : (s.indicator.explanation ?? '')}
              </Typography>
            </TableCell>
            {!compact && (
              <TableCell>
                <EnumLabel name="IndicatorScope" value={s.indicator.scope} />
              </TableCell>
            )}
            <TableCell>{s.indicator.category?.name}</TableCell>
            <TableCell>{s.indicator.defaultUnit}</TableCell>
            {!compact && (
              <TableCell>
                <StatusChip name="IndicatorStatus" value={s.indicator.status} />
              </TableCell>
            )}
            <TableCell align="right">{`${Math.round(s.similarity * 100)}%`}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const UPDATE_DRAFT = `mutation UpdateDraft($id: ID!, $input: UpdateIndicatorChangeRequestInput!) {
  updateIndicatorChangeRequest(id: $id, input: $input) { id version similarIndicators(limit: 8) { ${SIMILAR_FIELDS} } } }`;

/**
 * A proposal in two steps: the form saves a DRAFT change request (proposeIndicatorChange, or an update of that draft
 * when the form is sent again) and shows the similar existing indicators the API answers; only then is it submitted
 * to the department pre-check (submitIndicatorChangeRequest). ADMIT sends the full definition, MODIFY only the
 * changed fields of the published version.
 */
export function ProposeFlow({
  type,
  indicatorId,
  initial,
  title,
  intro,
  existing,
  baseline,
}: {
  type: 'ADMIT' | 'MODIFY';
  indicatorId?: string;
  initial: ProposalValues;
  title: string;
  intro: string;
  /** A DRAFT or RETURNED request being revised: saving updates it instead of filing a new one. */
  existing?: { id: string; version: number };
  /** For MODIFY: the published definition the changed fields are computed against (default: `initial`). */
  baseline?: Definition;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const [values, setValues] = useState<ProposalValues>(initial);
  const [draft, setDraft] = useState<Draft | null>(existing ? { ...existing, similar: [] } : null);
  const [reviewing, setReviewing] = useState(false);
  const [busy, setBusy] = useState(false);

  const save = async (raw: Record<string, unknown>) => {
    const next = raw as ProposalValues;
    const definition = type === 'ADMIT' ? definitionOf(next) : changedFields(baseline ?? initial, next);
    if (type === 'MODIFY' && Object.keys(definition).length === 0) {
      notify('catalog.propose.no_changes', { type: 'warning' });
      return;
    }
    setBusy(true);
    try {
      if (draft) {
        const data = await api<{
          updateIndicatorChangeRequest: { id: string; version: number; similarIndicators: SimilarIndicator[] };
        }>(UPDATE_DRAFT, {
          id: draft.id,
          input: {
            definition,
            reason: next.reason,
            exampleProject: next.exampleProject || undefined,
            version: draft.version,
          },
        });
        const r = data.updateIndicatorChangeRequest;
        setDraft({ id: r.id, version: r.version, similar: r.similarIndicators });
      } else {
        const data = await propose({
          type,
          indicatorId,
          reason: next.reason ?? '',
          exampleProject: next.exampleProject || undefined,
          definition,
        });
        const { request, similar } = data.proposeIndicatorChange;
        setDraft({ id: request.id, version: request.version, similar });
      }
      setValues(next);
      setReviewing(true);
      notify('catalog.propose.drafted', { type: 'info' });
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const send = async () => {
    if (!draft) return;
    setBusy(true);
    try {
      await submit(draft.id, draft.version);
      notify('catalog.propose.submitted', { type: 'success' });
      redirect('show', 'indicatorChangeRequests', draft.id);
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
      setBusy(false);
    }
  };

  const changed = type === 'MODIFY' ? Object.keys(changedFields(baseline ?? initial, values)) : [];

  return (
    <Box sx={{ mt: 2, maxWidth: 1100 }}>
      <Title title={title} />
      <Typography variant="h5" sx={{ mb: 1 }}>
        {title}
      </Typography>
      <Alert severity="info" sx={{ mb: 2 }}>
        {intro}
      </Alert>
      {reviewing && draft ? (
        <Card>
          <CardContent>
            <Typography variant="h6">{translate('catalog.propose.similar_title')}</Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              {translate('catalog.propose.similar_hint', { id: draft.id })}
            </Typography>
            <SimilarTable similar={draft.similar} />
            {changed.length > 0 && (
              <Typography variant="body2" sx={{ mt: 2 }}>
                {`${translate('catalog.propose.changed_fields')}：${changed
                  .map((k) => translate(`resources.indicators.fields.${k}`))
                  .join('、')}`}
              </Typography>
            )}
            <Divider sx={{ my: 2 }} />
            <Box sx={{ display: 'flex', gap: 1 }}>
              <Button
                label="catalog.actions.edit_again"
                onClick={() => setReviewing(false)}
                disabled={busy}
                data-testid="propose-edit-again"
              >
                <Undo />
              </Button>
              <Button
                label="catalog.actions.submit"
                variant="contained"
                onClick={send}
                disabled={busy}
                data-testid="propose-submit"
              >
                <Send />
              </Button>
            </Box>
          </CardContent>
        </Card>
      ) : (
        <Card>
          <Form record={values} onSubmit={save} sanitizeEmptyValues={false}>
            <CardContent>
              <DefinitionInputs />
            </CardContent>
            <Toolbar>
              <SaveButton
                label="catalog.actions.check_similar"
                alwaysEnable={!busy}
                disabled={busy}
                data-testid="propose-check"
              />
            </Toolbar>
          </Form>
        </Card>
      )}
    </Box>
  );
}
