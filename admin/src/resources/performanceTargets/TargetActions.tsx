import CheckCircle from '@mui/icons-material/CheckCircle';
import Forum from '@mui/icons-material/Forum';
import Grading from '@mui/icons-material/Grading';
import Send from '@mui/icons-material/Send';
import TaskAlt from '@mui/icons-material/TaskAlt';
import Undo from '@mui/icons-material/Undo';
import {
  Alert,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  List,
  ListItem,
  ListItemText,
  TextField as MuiTextField,
  Stack,
  Typography,
} from '@mui/material';
import { type ReactNode, useState } from 'react';
import { Button, TopToolbar, useCanAccess, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { hasPermission } from '../projects/shared';
import {
  commentJointReview,
  errorMessage,
  findingsOf,
  gradeOf,
  gradeTarget,
  type JointReviewScores,
  type PrecheckFinding,
  refineTarget,
  reviewTarget,
  SCORED_CRITERIA,
  submitTarget,
} from './api';

/** The part of the shown target the actions read (the show query selects `allowedActions`, dataProvider/fields.ts). */
interface ActionableTarget {
  id: string;
  version: number;
  status?: string | null;
  allowedActions?: string[] | null;
}

const P = 'resources.performanceTargets.workflow';

/**
 * What happens around every step: the mutation with the version the user saw (pessimistic: nothing changes on screen
 * until the API answers), a success notification, the API's message on a refusal (CONFLICT included), and a refresh
 * of the record so status, version, timeline and allowed actions follow.
 */
function useStep() {
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  const run = async (
    mutation: () => Promise<unknown>,
    done: string,
    onError?: (error: unknown) => boolean,
  ): Promise<boolean> => {
    setBusy(true);
    try {
      await mutation();
      notify(`${P}.done.${done}`, { type: 'success' });
      return true;
    } catch (error) {
      if (!onError?.(error)) notify(errorMessage(error), { type: 'error', multiLine: true });
      return false;
    } finally {
      setBusy(false);
      refresh();
    }
  };
  return { busy, run };
}

/** A dialog with a confirm button that stays disabled while the step runs or the input is incomplete. */
function StepDialog({
  open,
  title,
  busy,
  canConfirm,
  color,
  onClose,
  onConfirm,
  children,
}: {
  open: boolean;
  title: string;
  busy: boolean;
  canConfirm: boolean;
  color: 'primary' | 'success' | 'warning';
  onClose: () => void;
  onConfirm: () => void;
  children: ReactNode;
}) {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={() => !busy && onClose()} fullWidth maxWidth="sm">
      <DialogTitle>{translate(title)}</DialogTitle>
      <DialogContent>{children}</DialogContent>
      <DialogActions>
        <Button label={`${P}.cancel`} onClick={onClose} disabled={busy} />
        <Button
          label={`${P}.confirm`}
          variant="contained"
          color={color}
          onClick={onConfirm}
          disabled={busy || !canConfirm}
          data-testid="target-step-confirm"
        />
      </DialogActions>
    </Dialog>
  );
}

/** 提交审核: the machine pre-check runs on the server; blocking findings are listed, warnings notified. */
function SubmitStep({ target }: { target: ActionableTarget }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [findings, setFindings] = useState<PrecheckFinding[]>([]);
  const { busy, run } = useStep();
  const submit = () =>
    run(
      async () => {
        const { warnings } = await submitTarget(target.id, target.version);
        if (warnings.length > 0) {
          notify(translate(`${P}.submit_warnings`, { warnings: warnings.map((w) => w.message).join(' ') }), {
            type: 'warning',
            multiLine: true,
            autoHideDuration: 10_000,
          });
        }
      },
      'SUBMIT',
      (error) => {
        const found = findingsOf(error);
        if (found.length === 0) return false;
        setFindings(found);
        return true;
      },
    );
  return (
    <>
      <Button
        label={`${P}.actions.SUBMIT`}
        variant="contained"
        onClick={() => void submit()}
        disabled={busy}
        data-testid="target-submit"
        sx={{ ml: 1 }}
      >
        <Send />
      </Button>
      <Dialog open={findings.length > 0} onClose={() => setFindings([])} fullWidth maxWidth="sm">
        <DialogTitle>{translate(`${P}.precheck_failed`)}</DialogTitle>
        <DialogContent>
          <DialogContentText>{translate(`${P}.precheck_failed_note`)}</DialogContentText>
          <List dense data-testid="precheck-findings">
            {findings.map((f) => (
              <ListItem key={`${f.code}-${f.rowId ?? ''}-${f.message}`} disableGutters>
                <ListItemText primary={f.message} secondary={f.code} />
              </ListItem>
            ))}
          </List>
        </DialogContent>
        <DialogActions>
          <Button label={`${P}.close`} onClick={() => setFindings([])} />
        </DialogActions>
      </Dialog>
    </>
  );
}

/** 通过 / 退回修改 at the current stage: 审核意见 (required to return), and a note for the bureau only. */
function ReviewStep({ target, decision }: { target: ActionableTarget; decision: 'PASS' | 'RETURN' }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [feedback, setFeedback] = useState('');
  const [note, setNote] = useState('');
  const { busy, run } = useStep();
  const internal = hasPermission('ReviewInitial', 'Recheck', 'GradeTarget');
  const required = decision === 'RETURN';
  const confirm = async () => {
    const ok = await run(
      () =>
        reviewTarget({
          targetId: target.id,
          version: target.version,
          decision,
          feedback: feedback.trim() || undefined,
          internalNote: note.trim() || undefined,
        }),
      decision,
    );
    if (ok) {
      setOpen(false);
      setFeedback('');
      setNote('');
    }
  };
  const pass = decision === 'PASS';
  return (
    <>
      <Button
        label={`${P}.actions.${decision}`}
        color={pass ? 'success' : 'warning'}
        variant={pass ? 'contained' : 'outlined'}
        onClick={() => setOpen(true)}
        data-testid={pass ? 'target-pass' : 'target-return'}
        sx={{ ml: 1 }}
      >
        {pass ? <CheckCircle /> : <Undo />}
      </Button>
      <StepDialog
        open={open}
        title={`${P}.dialog.${decision}`}
        busy={busy}
        canConfirm={!required || feedback.trim() !== ''}
        color={pass ? 'success' : 'warning'}
        onClose={() => setOpen(false)}
        onConfirm={() => void confirm()}
      >
        <MuiTextField
          autoFocus
          fullWidth
          multiline
          minRows={3}
          margin="normal"
          label={translate(required ? `${P}.feedback_required` : `${P}.feedback_optional`)}
          required={required}
          value={feedback}
          onChange={(e) => setFeedback(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'target-feedback' } }}
        />
        {internal ? (
          <MuiTextField
            fullWidth
            multiline
            minRows={2}
            margin="normal"
            label={translate(`${P}.internal_note`)}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        ) : null}
      </StepDialog>
    </>
  );
}

/**
 * A step that takes one text and nothing else: a button, then a dialog with the text (required or optional) and
 * `send(text)` on confirm.
 */
function TextStep({
  step,
  icon,
  variant,
  label,
  required = false,
  testId,
  send,
}: {
  step: 'COMMENT' | 'REFINE';
  icon: ReactNode;
  variant: 'outlined' | 'contained';
  label: string;
  required?: boolean;
  testId: string;
  send: (text: string | undefined) => Promise<unknown>;
}) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const { busy, run } = useStep();
  const confirm = async () => {
    if (await run(() => send(text.trim() || undefined), step)) {
      setOpen(false);
      setText('');
    }
  };
  return (
    <>
      <Button
        label={`${P}.actions.${step}`}
        variant={variant}
        onClick={() => setOpen(true)}
        data-testid={testId}
        sx={{ ml: 1 }}
      >
        {icon}
      </Button>
      <StepDialog
        open={open}
        title={`${P}.dialog.${step}`}
        busy={busy}
        canConfirm={!required || text.trim() !== ''}
        color="primary"
        onClose={() => setOpen(false)}
        onConfirm={() => void confirm()}
      >
        <MuiTextField
          autoFocus
          fullWidth
          multiline
          minRows={3}
          margin="normal"
          required={required}
          label={translate(label)}
          value={text}
          onChange={(e) => setText(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': `${testId}-text` } }}
        />
      </StepDialog>
    </>
  );
}

/** 会审意见: an observer's comment in the joint review (no version: a comment changes no state). */
function CommentStep({ target }: { target: ActionableTarget }) {
  return (
    <TextStep
      step="COMMENT"
      icon={<Forum />}
      variant="outlined"
      label={`${P}.comment_label`}
      required
      testId="target-comment"
      send={(text) => commentJointReview(target.id, text ?? '')}
    />
  );
}

const NO_SCORES = { relevance: '', completeness: '', feasibility: '', soundness: '', appropriateness: '' };

/** 集中会审定级: the five criteria 0–20 and the compliance veto; the grade follows from them (shown before confirming). */
function GradeStep({ target }: { target: ActionableTarget }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [points, setPoints] = useState<Record<(typeof SCORED_CRITERIA)[number], string>>(NO_SCORES);
  const [compliance, setCompliance] = useState(true);
  const [feedback, setFeedback] = useState('');
  const [note, setNote] = useState('');
  const { busy, run } = useStep();
  const parsed = SCORED_CRITERIA.map((k) => (points[k].trim() === '' ? Number.NaN : Number(points[k])));
  const valid = parsed.every((n) => Number.isFinite(n) && n >= 0 && n <= 20);
  const scores: JointReviewScores | null = valid
    ? {
        compliance,
        ...(Object.fromEntries(SCORED_CRITERIA.map((k, i) => [k, parsed[i]])) as Omit<JointReviewScores, 'compliance'>),
      }
    : null;
  const total = valid ? parsed.reduce((a, b) => a + b, 0) : null;
  const confirm = async () => {
    if (!scores) return;
    const ok = await run(
      () =>
        gradeTarget({
          targetId: target.id,
          version: target.version,
          scores,
          feedback: feedback.trim() || undefined,
          internalNote: note.trim() || undefined,
        }),
      'GRADE',
    );
    if (ok) {
      setOpen(false);
      setPoints(NO_SCORES);
      setCompliance(true);
      setFeedback('');
      setNote('');
    }
  };
  return (
    <>
      <Button
        label={`${P}.actions.GRADE`}
        variant="contained"
        onClick={() => setOpen(true)}
        data-testid="target-grade"
        sx={{ ml: 1 }}
      >
        <Grading />
      </Button>
      <StepDialog
        open={open}
        title={`${P}.dialog.GRADE`}
        busy={busy}
        canConfirm={valid}
        color="primary"
        onClose={() => setOpen(false)}
        onConfirm={() => void confirm()}
      >
        <DialogContentText>{translate(`${P}.grade_note`)}</DialogContentText>
        <FormControlLabel
          control={<Checkbox checked={compliance} onChange={(e) => setCompliance(e.target.checked)} />}
          label={translate('enums.ReviewCriterion.COMPLIANCE')}
        />
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {SCORED_CRITERIA.map((k) => (
            <MuiTextField
              key={k}
              type="number"
              size="small"
              margin="dense"
              required
              label={translate(`enums.ReviewCriterion.${k.toUpperCase()}`)}
              value={points[k]}
              onChange={(e) => setPoints((p) => ({ ...p, [k]: e.target.value }))}
              slotProps={{ htmlInput: { min: 0, max: 20, step: 0.5, 'data-testid': `target-score-${k}` } }}
              sx={{ width: 110 }}
            />
          ))}
        </Stack>
        {scores ? (
          <Alert severity="info" sx={{ mt: 1 }} data-testid="target-grade-preview">
            {translate(`${P}.grade_preview`, {
              total: total ?? 0,
              grade: translate(`enums.Grade.${gradeOf(scores)}`),
            })}
          </Alert>
        ) : (
          <Typography variant="caption" color="text.secondary">
            {translate(`${P}.scores_hint`)}
          </Typography>
        )}
        <MuiTextField
          fullWidth
          multiline
          minRows={2}
          margin="normal"
          label={translate(`${P}.feedback_optional`)}
          value={feedback}
          onChange={(e) => setFeedback(e.target.value)}
        />
        <MuiTextField
          fullWidth
          multiline
          minRows={2}
          margin="normal"
          label={translate(`${P}.internal_note`)}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </StepDialog>
    </>
  );
}

/** 细化完善: the bureau's refinement of a 良 target, with an optional note of what it refined. */
function RefineStep({ target }: { target: ActionableTarget }) {
  return (
    <TextStep
      step="REFINE"
      icon={<TaskAlt />}
      variant="contained"
      label={`${P}.refine_note`}
      testId="target-refine"
      send={(text) => refineTarget(target.id, target.version, text)}
    />
  );
}

/**
 * The target's action bar: the review steps the API says the signed-in user may take now (`allowedActions`, computed
 * per caller), plus the joint-review comment for observers (access.ts `comment`, i.e. `CommentJointReview`, while in JOINT_REVIEW). Nothing is
 * decided here: the server checks every step again. APPROVE belongs to the budget decision, not to this page.
 */
export function TargetActions() {
  const record = useRecordContext<ActionableTarget>();
  const { canAccess: mayComment } = useCanAccess({ resource: 'performanceTargets', action: 'comment' });
  if (!record) return <TopToolbar />;
  const allowed = new Set(record.allowedActions ?? []);
  // The version the user saw on the page: a newer one on the server answers CONFLICT.
  const target: ActionableTarget = { id: String(record.id), version: record.version };
  const comment = !!mayComment && record.status === 'JOINT_REVIEW';
  return (
    <TopToolbar data-testid="target-actions">
      {allowed.has('SUBMIT') ? <SubmitStep target={target} /> : null}
      {allowed.has('PASS') ? <ReviewStep target={target} decision="PASS" /> : null}
      {allowed.has('RETURN') ? <ReviewStep target={target} decision="RETURN" /> : null}
      {allowed.has('GRADE') ? <GradeStep target={target} /> : null}
      {allowed.has('REFINE') ? <RefineStep target={target} /> : null}
      {comment ? <CommentStep target={target} /> : null}
    </TopToolbar>
  );
}
