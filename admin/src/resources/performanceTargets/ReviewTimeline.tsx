import { Alert, Box, Chip, Divider, Paper, Stack, Typography } from '@mui/material';
import { Fragment } from 'react';
import { useRecordContext, useTranslate } from 'react-admin';
import { useApiQuery } from '../../dashboard/api';
import { dateTime, EnumChip } from '../projects/shared';

interface Review {
  id: string;
  stage: string;
  round: number;
  decision: string;
  feedback?: string | null;
  gradeProposal?: string | null;
  reviewedAt: string;
  rowFeedback?: Array<{ targetIndicatorId: string; comment: string }> | null;
  reviewerName?: string | null;
  organisationName?: string | null;
  totalScore?: string | null;
  internalNote?: string | null;
  scores?: Array<{ criterion: string; score?: string | null; passed?: boolean | null; comment?: string | null }> | null;
}

interface Row {
  id: string;
  sortOrder: number;
  indicator: { name: string };
}

interface TargetWithReviews {
  id: string;
  reviews?: Review[] | null;
  rows?: Row[];
}

interface AuditEntry {
  id: string;
  action: string;
  actorLogin: string | null;
  at: string;
  changes: Array<{ field: string; before: string | null; after: string | null }>;
}

const STAGES = ['DEPARTMENT', 'INITIAL_EXPENDITURE', 'INITIAL_EVALUATION', 'RECHECK', 'JOINT'];
const DECISIONS = ['PASS', 'RETURN', 'REJECT'];

const DOT_COLOR: Record<string, string> = { PASS: 'success.main', RETURN: 'warning.main', REJECT: 'error.main' };

function ReviewCard({ review, rows }: { review: Review; rows: readonly Row[] }) {
  const translate = useTranslate();
  const t = (key: string, opts?: Record<string, unknown>) =>
    translate(`resources.performanceTargets.timeline.${key}`, opts);
  const rowName = (id: string) => {
    const row = rows.find((r) => r.id === id);
    return row ? `${row.sortOrder}. ${row.indicator.name}` : t('row_unknown', { id });
  };
  return (
    <Box sx={{ position: 'relative', pl: 3, pb: 2 }} data-testid="review-entry">
      <Box
        sx={{
          position: 'absolute',
          left: -7,
          top: 6,
          width: 12,
          height: 12,
          borderRadius: '50%',
          bgcolor: DOT_COLOR[review.decision] ?? 'grey.500',
          border: 2,
          borderColor: 'background.paper',
        }}
      />
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="subtitle2">
          {translate(`enums.ReviewStage.${review.stage}`, { _: review.stage })}
        </Typography>
        <EnumChip name="ReviewDecision" value={review.decision} />
        {review.gradeProposal ? (
          <Chip
            size="small"
            variant="outlined"
            label={`${t('grade_proposal')}：${translate(`enums.Grade.${review.gradeProposal}`)}`}
          />
        ) : null}
        {review.totalScore ? (
          <Chip size="small" variant="outlined" label={`${t('total_score')}：${review.totalScore}`} />
        ) : null}
        <Typography variant="caption" color="text.secondary">
          {dateTime(review.reviewedAt)}
        </Typography>
      </Stack>
      {review.reviewerName || review.organisationName ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {[review.organisationName, review.reviewerName].filter(Boolean).join(' · ')}
        </Typography>
      ) : null}
      {review.feedback ? (
        <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: 'pre-wrap' }}>
          {review.feedback}
        </Typography>
      ) : null}
      {review.rowFeedback && review.rowFeedback.length > 0 ? (
        <Box sx={{ mt: 1 }}>
          <Typography variant="caption" color="text.secondary">
            {t('row_feedback')}
          </Typography>
          {review.rowFeedback.map((f) => (
            <Typography key={`${f.targetIndicatorId}-${f.comment}`} variant="body2" sx={{ pl: 1 }}>
              {`${rowName(f.targetIndicatorId)}：${f.comment}`}
            </Typography>
          ))}
        </Box>
      ) : null}
      {review.internalNote ? (
        <Alert severity="info" variant="outlined" sx={{ mt: 1, py: 0 }}>
          {`${t('internal_note')}：${review.internalNote}`}
        </Alert>
      ) : null}
      {review.scores && review.scores.length > 0 ? (
        <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap' }} useFlexGap>
          {review.scores.map((s) => (
            <Chip
              key={s.criterion}
              size="small"
              color={s.passed === false ? 'error' : 'default'}
              variant="outlined"
              label={`${translate(`enums.ReviewCriterion.${s.criterion}`)} ${s.score ?? ''}${
                s.passed === null || s.passed === undefined ? '' : ` ${t(s.passed ? 'passed' : 'not_passed')}`
              }`}
            />
          ))}
        </Stack>
      ) : null}
    </Box>
  );
}

/** An audit action as words: SUBMIT, GRADE…, or `<STAGE>_<DECISION>` for a review step. */
function useActionLabel() {
  const translate = useTranslate();
  return (action: string) => {
    const stage = STAGES.find((s) => action.startsWith(`${s}_`));
    const decision = stage ? action.slice(stage.length + 1) : '';
    if (stage && DECISIONS.includes(decision)) {
      return translate('resources.performanceTargets.timeline.stage_action', {
        stage: translate(`enums.ReviewStage.${stage}`),
        decision: translate(`enums.ReviewDecision.${decision}`),
      });
    }
    return translate(`resources.performanceTargets.timeline.actions.${action}`, { _: action });
  };
}

function History({ id }: { id: string }) {
  const translate = useTranslate();
  const label = useActionLabel();
  const { data, error, loading } = useApiQuery<{ history: AuditEntry[] }>(
    'query TargetHistory($id: ID!) { history(type: "PerformanceTarget", id: $id) { id action actorLogin at changes { field before after } } }',
    { id },
  );
  const t = (key: string, opts?: Record<string, unknown>) =>
    translate(`resources.performanceTargets.timeline.${key}`, opts);
  if (loading) return <Typography variant="body2">{translate('ra.page.loading')}</Typography>;
  if (error) return <Alert severity="warning">{t('history_error', { error: error.message })}</Alert>;
  const entries = data?.history ?? [];
  if (entries.length === 0)
    return (
      <Typography variant="body2" color="text.secondary">
        {t('history_empty')}
      </Typography>
    );
  return (
    <Stack spacing={1} data-testid="target-history">
      {entries.map((e) => (
        <Box key={e.id}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline' }}>
            <Typography variant="body2" sx={{ fontWeight: 500 }}>
              {label(e.action)}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {`${dateTime(e.at)} · ${t('actor')}：${e.actorLogin ?? t('system')}`}
            </Typography>
          </Stack>
          {e.changes.slice(0, 8).map((c) => (
            <Typography key={c.field} variant="caption" component="div" color="text.secondary" sx={{ pl: 1 }}>
              {t('change', { field: c.field, before: c.before ?? '—', after: c.after ?? '—' })}
            </Typography>
          ))}
        </Box>
      ))}
    </Stack>
  );
}

/** The target's review timeline: verdicts per round and stage, then the recorded changes (audit trail). */
export function ReviewTimeline() {
  const record = useRecordContext<TargetWithReviews>();
  const translate = useTranslate();
  if (!record) return null;
  const reviews = record.reviews ?? [];
  const rounds = [...new Set(reviews.map((r) => r.round))].sort((a, b) => a - b);
  const t = (key: string, opts?: Record<string, unknown>) =>
    translate(`resources.performanceTargets.timeline.${key}`, opts);
  return (
    <Stack spacing={2} sx={{ width: '100%' }} data-testid="review-timeline">
      {reviews.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('empty')}
        </Typography>
      ) : (
        rounds.map((round) => (
          <Fragment key={round}>
            <Typography variant="overline" color="text.secondary">
              {round === 0 ? t('first_round') : t('round', { round: round + 1 })}
            </Typography>
            <Box sx={{ borderLeft: 2, borderColor: 'divider', ml: 1 }}>
              {reviews
                .filter((r) => r.round === round)
                .map((r) => (
                  <ReviewCard key={r.id} review={r} rows={record.rows ?? []} />
                ))}
            </Box>
          </Fragment>
        ))
      )}
      <Divider />
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="subtitle2" sx={{ mb: 1 }}>
          {t('history')}
        </Typography>
        <History id={String(record.id)} />
      </Paper>
    </Stack>
  );
}
