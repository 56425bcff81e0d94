import Block from '@mui/icons-material/Block';
import CheckCircle from '@mui/icons-material/CheckCircle';
import Send from '@mui/icons-material/Send';
import TaskAlt from '@mui/icons-material/TaskAlt';
import Undo from '@mui/icons-material/Undo';
import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  TextField as MuiTextField,
} from '@mui/material';
import { type ReactElement, useState } from 'react';
import { Button, useCanAccess, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { approve, errorMessage, precheck, reject, returnRequest, type SimilarIndicator, submit } from './api';

export interface ReviewableRequest {
  id: string;
  version: number;
  status: string;
  step: string | null;
  similarIndicators?: SimilarIndicator[];
}

type Decision = 'precheck_pass' | 'precheck_return' | 'approve' | 'return' | 'reject';

interface DecisionSpec {
  /** The action of access.ts (indicatorChangeRequests) that shows the button. */
  access: string;
  /** The state in which the API accepts it. */
  allowed: (r: ReviewableRequest) => boolean;
  testId: string;
  icon: ReactElement;
  color: 'primary' | 'success' | 'warning' | 'error';
  /** The text the dialog asks for, and whether it is required. */
  text: { label: string; required: boolean };
  run: (r: ReviewableRequest, text: string, duplicateOfId?: string) => Promise<unknown>;
}

const atPrecheck = (r: ReviewableRequest) => r.status === 'IN_REVIEW' && r.step === 'DEPARTMENT_PRECHECK';
const atReview = (r: ReviewableRequest) => r.status === 'IN_REVIEW' && r.step === 'PERFORMANCE_REVIEW';

const DECISIONS: Record<Decision, DecisionSpec> = {
  precheck_pass: {
    access: 'precheck',
    allowed: atPrecheck,
    testId: 'precheck-pass-button',
    icon: <TaskAlt />,
    color: 'success',
    text: { label: 'queue.dialog.comment_optional', required: false },
    run: (r, text) => precheck(r.id, r.version, 'PASS', text),
  },
  precheck_return: {
    access: 'precheck',
    allowed: atPrecheck,
    testId: 'precheck-return-button',
    icon: <Undo />,
    color: 'warning',
    text: { label: 'queue.dialog.return_comment', required: true },
    run: (r, text) => precheck(r.id, r.version, 'RETURN', text),
  },
  approve: {
    access: 'approve',
    allowed: atReview,
    testId: 'approve-button',
    icon: <CheckCircle />,
    color: 'success',
    text: { label: 'queue.dialog.comment_optional', required: false },
    run: (r, text) => approve(r.id, r.version, text),
  },
  return: {
    access: 'return',
    allowed: atReview,
    testId: 'return-button',
    icon: <Undo />,
    color: 'warning',
    text: { label: 'queue.dialog.return_comment', required: true },
    run: (r, text) => returnRequest(r.id, r.version, text),
  },
  reject: {
    access: 'reject',
    allowed: atReview,
    testId: 'reject-button',
    icon: <Block />,
    color: 'error',
    text: { label: 'queue.dialog.reason', required: true },
    run: (r, text, duplicateOfId) => reject(r.id, r.version, text, duplicateOfId),
  },
};

/**
 * One workflow decision: a button shown only when canAccess allows the action and the request's state allows it,
 * a dialog for the comment or reason, then the API mutation with the version the user saw (pessimistic: nothing
 * changes on screen until the API answers; its message, e.g. CONFLICT, is shown as it is).
 */
export function DecisionButton({ decision }: { decision: Decision }) {
  const spec = DECISIONS[decision];
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const record = useRecordContext<ReviewableRequest>();
  const { canAccess } = useCanAccess({ resource: 'indicatorChangeRequests', action: spec.access });
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [busy, setBusy] = useState(false);
  if (!record || !canAccess || !spec.allowed(record)) return null;

  const confirm = async () => {
    setBusy(true);
    try {
      await spec.run(record, text.trim(), duplicateOf || undefined);
      notify(`queue.done.${decision}`, { type: 'success' });
      setOpen(false);
      setText('');
    } catch (error) {
      notify(errorMessage(error), { type: 'error', multiLine: true });
    } finally {
      setBusy(false);
      refresh();
    }
  };

  return (
    <>
      <Button
        label={`queue.actions.${decision}`}
        color={spec.color}
        variant={decision === 'approve' || decision === 'precheck_pass' ? 'contained' : 'outlined'}
        onClick={() => setOpen(true)}
        data-testid={spec.testId}
        sx={{ ml: 1 }}
      >
        {spec.icon}
      </Button>
      <Dialog open={open} onClose={() => !busy && setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate(`queue.dialog.${decision}`)}</DialogTitle>
        <DialogContent>
          {decision === 'approve' && <DialogContentText>{translate('queue.dialog.approve_note')}</DialogContentText>}
          <MuiTextField
            autoFocus
            fullWidth
            multiline
            minRows={3}
            margin="normal"
            label={translate(spec.text.label)}
            required={spec.text.required}
            value={text}
            onChange={(e) => setText(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'decision-comment' } }}
          />
          {decision === 'reject' && (record.similarIndicators?.length ?? 0) > 0 && (
            <MuiTextField
              select
              fullWidth
              margin="normal"
              label={translate('queue.dialog.duplicate_of')}
              value={duplicateOf}
              onChange={(e) => setDuplicateOf(e.target.value)}
            >
              <MenuItem value="">{translate('queue.dialog.no_duplicate')}</MenuItem>
              {record.similarIndicators?.map((s) => (
                <MenuItem key={s.indicator.id} value={s.indicator.id}>
                  {`${s.indicator.code} ${s.indicator.name}（${Math.round(s.similarity * 100)}%）`}
                </MenuItem>
              ))}
            </MuiTextField>
          )}
        </DialogContent>
        <DialogActions>
          <Button label="queue.actions.cancel" onClick={() => setOpen(false)} disabled={busy} />
          <Button
            label="queue.actions.confirm"
            variant="contained"
            color={spec.color}
            onClick={confirm}
            disabled={busy || (spec.text.required && text.trim() === '')}
            data-testid="decision-confirm"
          />
        </DialogActions>
      </Dialog>
    </>
  );
}

/** 提交审核: the applicant sends a DRAFT or RETURNED request to the department pre-check. */
export function SubmitButton() {
  const notify = useNotify();
  const refresh = useRefresh();
  const record = useRecordContext<ReviewableRequest>();
  const { canAccess } = useCanAccess({ resource: 'indicatorChangeRequests', action: 'edit' });
  const [busy, setBusy] = useState(false);
  if (!record || !canAccess || (record.status !== 'DRAFT' && record.status !== 'RETURNED')) return null;
  const run = async () => {
    setBusy(true);
    try {
      await submit(record.id, record.version);
      notify('queue.done.submit', { type: 'success' });
    } catch (error) {
      notify(errorMessage(error), { type: 'error', multiLine: true });
    } finally {
      setBusy(false);
      refresh();
    }
  };
  return (
    <Button
      label="queue.actions.submit"
      variant="contained"
      onClick={run}
      disabled={busy}
      data-testid="submit-button"
      sx={{ ml: 1 }}
    >
      <Send />
    </Button>
  );
}

/** Every action the signed-in user may take on the request in its current state. */
export function ReviewActions() {
  return (
    <>
      <SubmitButton />
      <DecisionButton decision="precheck_pass" />
      <DecisionButton decision="precheck_return" />
      <DecisionButton decision="approve" />
      <DecisionButton decision="return" />
      <DecisionButton decision="reject" />
    </>
  );
}
