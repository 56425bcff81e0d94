/**
 * The target review's mutations (绩效目标审核). One request helper over the signed-in
 * session that keeps the API's error code and extensions, so the pre-check's findings (PRECHECK_FAILED) and the
 * server's own message (e.g. CONFLICT) reach the screen unchanged.
 */
import { GraphQLRequestError, graphqlAsUser } from '../../session';

const api = graphqlAsUser;

/** One finding of the machine pre-check (形式审核). */
export interface PrecheckFinding {
  code: string;
  message: string;
  rowId?: string | null;
}

/** The findings of a PRECHECK_FAILED refusal, or none. */
export function findingsOf(error: unknown): PrecheckFinding[] {
  if (!(error instanceof GraphQLRequestError) || error.code !== 'PRECHECK_FAILED') return [];
  const findings = error.extensions.findings;
  return Array.isArray(findings) ? (findings as PrecheckFinding[]) : [];
}

/** The API's message of a failed request (the server's text says what to do), else a generic key. */
export function errorMessage(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'ra.notification.http_error';
}

const STATE = 'id status version reviewRound';

export const submitTarget = (targetId: string, version: number) =>
  api<{ submitPerformanceTarget: { target: { id: string; status: string }; warnings: PrecheckFinding[] } }>(
    `mutation SubmitPerformanceTarget($targetId: ID!, $version: Int!) {
      submitPerformanceTarget(targetId: $targetId, version: $version) { target { ${STATE} } warnings { code message rowId } } }`,
    { targetId, version },
  ).then((d) => d.submitPerformanceTarget);

export const reviewTarget = (input: {
  targetId: string;
  version: number;
  decision: 'PASS' | 'RETURN';
  feedback?: string;
  internalNote?: string;
}) =>
  api<{ reviewPerformanceTarget: { id: string; status: string } }>(
    `mutation ReviewPerformanceTarget($input: ReviewPerformanceTargetInput!) {
      reviewPerformanceTarget(input: $input) { ${STATE} } }`,
    { input },
  );

export const commentJointReview = (targetId: string, comment: string) =>
  api<{ commentJointReview: { id: string; status: string } }>(
    `mutation CommentJointReview($targetId: ID!, $comment: String!) {
      commentJointReview(targetId: $targetId, comment: $comment) { ${STATE} } }`,
    { targetId, comment },
  );

/** The joint review's rubric: compliance is a veto, the five criteria 0–20 points each. */
export interface JointReviewScores {
  compliance: boolean;
  relevance: number;
  completeness: number;
  feasibility: number;
  soundness: number;
  appropriateness: number;
}

export const SCORED_CRITERIA = ['relevance', 'completeness', 'feasibility', 'soundness', 'appropriateness'] as const;

/** The grade the server will give for these scores (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差; a failed compliance is 差). */
export function gradeOf(scores: JointReviewScores): 'EXCELLENT' | 'GOOD' | 'FAIR' | 'POOR' {
  if (!scores.compliance) return 'POOR';
  const total = SCORED_CRITERIA.reduce((sum, k) => sum + scores[k], 0);
  if (total >= 90) return 'EXCELLENT';
  if (total >= 80) return 'GOOD';
  if (total >= 60) return 'FAIR';
  return 'POOR';
}

export const gradeTarget = (input: {
  targetId: string;
  version: number;
  scores: JointReviewScores;
  feedback?: string;
  internalNote?: string;
}) =>
  api<{ gradePerformanceTarget: { id: string; status: string; grade: string | null } }>(
    `mutation GradePerformanceTarget($input: GradePerformanceTargetInput!) {
      gradePerformanceTarget(input: $input) { ${STATE} grade } }`,
    { input },
  );

export const refineTarget = (targetId: string, version: number, note?: string) =>
  api<{ refinePerformanceTarget: { id: string; status: string } }>(
    `mutation RefinePerformanceTarget($targetId: ID!, $version: Int!, $note: String) {
      refinePerformanceTarget(targetId: $targetId, version: $version, note: $note) { ${STATE} } }`,
    { targetId, version, note },
  );
