import { Typography } from '@mui/material';
import {
  ArrayField,
  BooleanField,
  DataTable,
  DateField,
  FunctionField,
  Link,
  Pagination,
  ReferenceManyField,
  Show,
  TabbedShowLayout,
  TextField,
  useCreatePath,
  useTranslate,
} from 'react-admin';
import { TargetDataTable } from '../performanceTargets/TargetList';
import { EnumChip, Money } from './shared';

interface Budget {
  id: string;
  fiscalYear: number;
  requested: string;
  audited?: string | null;
  approved?: string | null;
  cut?: string | null;
  decision?: string | null;
  decisionReason?: string | null;
  mergedInto?: { id: string; code: string; name: string } | null;
}

function ProjectLink({ project }: { project: { id: string; code: string; name: string } | null | undefined }) {
  const createPath = useCreatePath();
  if (!project) return <span>—</span>;
  return <Link to={createPath({ resource: 'projects', id: project.id, type: 'show' })}>{project.name}</Link>;
}

function Empty({ message }: { message: string }) {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ py: 2 }}>
      {translate(message)}
    </Typography>
  );
}

function BudgetTable() {
  const translate = useTranslate();
  const t = (key: string) => translate(`resources.projects.budgets.${key}`);
  return (
    <ArrayField source="budgets">
      <DataTable<Budget> bulkActionButtons={false} empty={<Empty message="resources.projects.budgets.empty" />}>
        <DataTable.Col source="fiscalYear" label={t('fiscalYear')} />
        <DataTable.Col label={t('requested')} align="right" render={(b) => <Money yuan={b.requested} />} />
        <DataTable.Col label={t('audited')} align="right" render={(b) => <Money yuan={b.audited} />} />
        <DataTable.Col label={t('approved')} align="right" render={(b) => <Money yuan={b.approved} />} />
        <DataTable.Col label={t('cut')} align="right" render={(b) => <Money yuan={b.cut} />} />
        <DataTable.Col label={t('decision')} render={(b) => <EnumChip name="BudgetDecision" value={b.decision} />} />
        <DataTable.Col label={t('decisionReason')} render={(b) => b.decisionReason ?? ''} />
        <DataTable.Col label={t('mergedInto')} render={(b) => <ProjectLink project={b.mergedInto} />} />
      </DataTable>
    </ArrayField>
  );
}

/** One project: its description, its money per fiscal year in 万元 and its performance targets. Read only. */
export function ProjectShow() {
  const translate = useTranslate();
  return (
    <Show>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label={translate('resources.projects.tabs.summary')}>
          <TextField source="code" />
          <TextField source="name" />
          <TextField source="department.name" />
          <TextField source="managingDivision.name" />
          <FunctionField source="budgetType" render={(r) => <EnumChip name="BudgetType" value={r.budgetType} />} />
          <FunctionField source="phase" render={(r) => <EnumChip name="ProjectPhase" value={r.phase} />} />
          <FunctionField source="attribute" render={(r) => <EnumChip name="ProjectAttribute" value={r.attribute} />} />
          <TextField source="category" emptyText="—" />
          <FunctionField
            source="functionClass"
            render={(r) => (r.functionClass ? `${r.functionClass.code} ${r.functionClass.name}` : '—')}
          />
          <FunctionField
            source="termYears"
            render={(r) => translate('resources.projects.years', { start: r.startYear, term: r.termYears })}
          />
          <FunctionField source="parent" render={(r) => <ProjectLink project={r.parent} />} />
          <BooleanField source="majorPolicy" />
          <BooleanField source="specialFund" />
          <BooleanField source="transferPayment" />
          <BooleanField source="needsExAnte" />
          <TextField source="description" emptyText="—" sx={{ whiteSpace: 'pre-wrap' }} />
          <DateField source="updatedAt" showTime locales="zh-CN" />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={translate('resources.projects.tabs.budgets')} path="budgets">
          <BudgetTable />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={translate('resources.projects.tabs.targets')} path="targets">
          <ReferenceManyField
            reference="performanceTargets"
            target="projectId"
            sort={{ field: 'fiscalYear', order: 'DESC' }}
            perPage={25}
            pagination={<Pagination />}
            label={false}
          >
            <TargetDataTable hideProject empty={<Empty message="resources.projects.empty_targets" />} />
          </ReferenceManyField>
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}
