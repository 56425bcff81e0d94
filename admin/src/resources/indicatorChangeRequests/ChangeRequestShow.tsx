import Edit from '@mui/icons-material/Edit';
import {
  Alert,
  Box,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Grid,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import {
  Button,
  Link,
  ShowBase,
  Title,
  TopToolbar,
  useCanAccess,
  useCreatePath,
  useRecordContext,
  useRefresh,
  useShowContext,
  useTranslate,
} from 'react-admin';
import { useReviewEvents } from '../../live';
import { EnumLabel, StatusChip } from '../indicators/common';
import { SimilarTable } from '../indicators/ProposeFlow';
import type { SimilarIndicator } from './api';
import { DefinitionDiff, DefinitionTable, type DefinitionView } from './DefinitionDiff';
import { ReviewActions } from './ReviewActions';

export interface ChangeRequestRecord {
  id: string;
  type: 'ADMIT' | 'MODIFY' | 'RETIRE';
  status: string;
  step: string | null;
  version: number;
  name: string;
  applicantName: string | null;
  reason: string;
  exampleProject: string | null;
  decisionComment: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
  department: { id: string; name: string };
  proposal: DefinitionView & { categoryId?: string | null; level1NodeId?: string | null; level2NodeId?: string | null };
  indicator: (DefinitionView & { id: string; code: string; version: number; status: string }) | null;
  resultIndicator: { id: string; code: string; name: string; version: number; status: string } | null;
  duplicateOf: { id: string; code: string; name: string } | null;
  approvals: {
    id: string;
    step: string;
    decision: string;
    comment: string | null;
    actorName: string;
    decidedAt: string;
  }[];
  similarIndicators: SimilarIndicator[];
}

const dateTime = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { dateStyle: 'medium', timeStyle: 'short' }) : '—';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  const translate = useTranslate();
  return (
    <Box sx={{ minWidth: 160 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate(label)}
      </Typography>
      <Typography variant="body2" component="div" sx={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Typography>
    </Box>
  );
}

/** 修改申请: the applicant revises a DRAFT or RETURNED request of theirs. */
function ReviseButton() {
  const record = useRecordContext<ChangeRequestRecord>();
  const createPath = useCreatePath();
  const { canAccess } = useCanAccess({ resource: 'indicatorChangeRequests', action: 'edit' });
  if (!record || !canAccess || (record.status !== 'DRAFT' && record.status !== 'RETURNED') || record.type === 'RETIRE')
    return null;
  return (
    <Button
      component={Link}
      to={createPath({ resource: 'indicatorChangeRequests', type: 'edit', id: record.id })}
      label="ra.action.edit"
      data-testid="revise-button"
    >
      <Edit />
    </Button>
  );
}

function Header() {
  const translate = useTranslate();
  const r = useRecordContext<ChangeRequestRecord>();
  const createPath = useCreatePath();
  if (!r) return null;
  // What the request waits for; a decided one waits for nothing (its status chip says how it ended).
  const waitingKey = r.status === 'IN_REVIEW' && r.step ? r.step : r.status;
  return (
    <Card>
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          <Chip size="small" color="primary" label={<EnumLabel name="ChangeRequestType" value={r.type} />} />
          <Typography variant="h5" component="h1" data-testid="request-name">
            {r.name}
          </Typography>
          <StatusChip name="ChangeRequestStatus" value={r.status} />
          <Typography variant="body2" color="text.secondary" data-testid="request-waiting">
            {translate(`queue.waiting.${waitingKey}`, { _: '' })}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <TopToolbar sx={{ minHeight: 0, p: 0 }}>
            <ReviseButton />
            <ReviewActions />
          </TopToolbar>
        </Box>
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap', mt: 2 }}>
          <Field label="resources.indicatorChangeRequests.fields.id">{r.id}</Field>
          <Field label="resources.indicatorChangeRequests.fields.department">{r.department.name}</Field>
          <Field label="resources.indicatorChangeRequests.fields.applicantName">{r.applicantName ?? '—'}</Field>
          <Field label="resources.indicatorChangeRequests.fields.submittedAt">{dateTime(r.submittedAt)}</Field>
          <Field label="resources.indicatorChangeRequests.fields.decidedAt">{dateTime(r.decidedAt)}</Field>
          {r.indicator && (
            <Field label="resources.indicatorChangeRequests.fields.indicator">
              <Link to={createPath({ resource: 'indicators', type: 'show', id: r.indicator.id })}>
                {`${r.indicator.code} ${r.indicator.name} v${r.indicator.version}`}
              </Link>
            </Field>
          )}
          {r.resultIndicator && (
            <Field label="resources.indicatorChangeRequests.fields.resultIndicator">
              <Link
                to={createPath({ resource: 'indicators', type: 'show', id: r.resultIndicator.id })}
                data-testid="result-indicator"
              >
                {`${r.resultIndicator.code} ${r.resultIndicator.name} v${r.resultIndicator.version}`}
              </Link>
            </Field>
          )}
          {r.duplicateOf && (
            <Field label="resources.indicatorChangeRequests.fields.duplicateOf">
              <Link to={createPath({ resource: 'indicators', type: 'show', id: r.duplicateOf.id })}>
                {`${r.duplicateOf.code} ${r.duplicateOf.name}`}
              </Link>
            </Field>
          )}
        </Box>
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap', mt: 2 }}>
          <Field label="resources.indicatorChangeRequests.fields.reason">{r.reason}</Field>
          {r.exampleProject && (
            <Field label="resources.indicatorChangeRequests.fields.exampleProject">{r.exampleProject}</Field>
          )}
        </Box>
        {r.decisionComment && (
          <Alert
            severity={r.status === 'REJECTED' ? 'error' : r.status === 'RETURNED' ? 'warning' : 'success'}
            sx={{ mt: 2 }}
          >
            {`${translate('resources.indicatorChangeRequests.fields.decisionComment')}：${r.decisionComment}`}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}

function Approvals() {
  const translate = useTranslate();
  const r = useRecordContext<ChangeRequestRecord>();
  if (!r) return null;
  return (
    <Card>
      <CardHeader title={translate('queue.sections.approvals')} slotProps={{ title: { variant: 'h6' } }} />
      <CardContent sx={{ pt: 0 }}>
        {r.approvals.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('queue.approvals.none')}
          </Typography>
        ) : (
          <Table size="small" data-testid="approvals">
            <TableHead>
              <TableRow>
                <TableCell>{translate('queue.approvals.at')}</TableCell>
                <TableCell>{translate('queue.approvals.step')}</TableCell>
                <TableCell>{translate('queue.approvals.actor')}</TableCell>
                <TableCell>{translate('queue.approvals.decision')}</TableCell>
                <TableCell>{translate('queue.approvals.comment')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {r.approvals.map((a) => (
                <TableRow key={a.id}>
                  <TableCell>{dateTime(a.decidedAt)}</TableCell>
                  <TableCell>
                    <EnumLabel name="ChangeRequestStep" value={a.step} />
                  </TableCell>
                  <TableCell>{a.actorName}</TableCell>
                  <TableCell>
                    <EnumLabel name="ApprovalDecision" value={a.decision} />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{a.comment ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

function Body() {
  const translate = useTranslate();
  const r = useRecordContext<ChangeRequestRecord>();
  if (!r) return null;
  const similar = (fill: boolean) => (
    <Card sx={fill ? { height: '100%' } : undefined}>
      <CardHeader title={translate('queue.sections.similar')} slotProps={{ title: { variant: 'h6' } }} />
      <CardContent sx={{ pt: 0 }}>
        <SimilarTable similar={r.similarIndicators} compact={r.type !== 'MODIFY'} />
      </CardContent>
    </Card>
  );
  if (r.type === 'MODIFY' && r.indicator) {
    return (
      <>
        <Card>
          <CardHeader title={translate('queue.sections.diff')} slotProps={{ title: { variant: 'h6' } }} />
          <CardContent sx={{ pt: 0 }}>
            <DefinitionDiff
              current={r.indicator}
              proposed={r.proposal}
              version={r.indicator.version}
              superseded={r.status === 'APPROVED'}
            />
          </CardContent>
        </Card>
        {similar(false)}
      </>
    );
  }
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, lg: 6 }}>
        <Card sx={{ height: '100%' }}>
          <CardHeader title={translate('queue.sections.proposal')} slotProps={{ title: { variant: 'h6' } }} />
          <CardContent sx={{ pt: 0 }}>
            <DefinitionTable definition={r.type === 'RETIRE' && r.indicator ? r.indicator : r.proposal} />
          </CardContent>
        </Card>
      </Grid>
      <Grid size={{ xs: 12, lg: 6 }}>{similar(true)}</Grid>
    </Grid>
  );
}

/** Keeps the page current (and the version sent with the next action) when this request moves elsewhere. */
function LiveRecord() {
  const r = useRecordContext<ChangeRequestRecord>();
  const refresh = useRefresh();
  useReviewEvents(r ? { subjectTypes: ['IndicatorChangeRequest'] } : null, (event) => {
    if (r && event.subjectId === String(r.id)) refresh();
  });
  return null;
}

function ShowView() {
  const translate = useTranslate();
  const { record, error, isPending } = useShowContext<ChangeRequestRecord>();
  if (isPending) return null;
  if (error || !record) return <Alert severity="error">{error?.message ?? ''}</Alert>;
  // A row of the list cache stands in while the full record loads: wait for the detail fields.
  if (!record.proposal || !record.approvals) return <LinearProgress sx={{ mt: 2 }} />;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, my: 2, '& > *': { flexShrink: 0 } }}>
      <Title title={`${translate('resources.indicatorChangeRequests.name', { smart_count: 1 })} · ${record.name}`} />
      <LiveRecord />
      <Header />
      <Body />
      <Approvals />
    </Box>
  );
}

/**
 * One change request in the admission queue: the proposed definition beside the most similar existing indicators
 * (for MODIFY a field-by-field difference from the published version), its decisions, and the actions the user may
 * take in its state.
 */
export function ChangeRequestShow() {
  return (
    <ShowBase>
      <ShowView />
    </ShowBase>
  );
}
