/**
 * The admission workflow's mutations and the few reads outside the list shape (frameworks, usage, similar names).
 * One request helper over the signed-in session, so the token is refreshed first and the API's error message and
 * code (e.g. CONFLICT) reach the notification unchanged.
 */
import { graphqlAsUser } from '../../session';
import type { Definition } from './definition';

export const api = graphqlAsUser;

/** The API's message of a failed request (the server's text says what to do), else a generic key. */
export function errorMessage(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'ra.notification.http_error';
}

const REQUEST_STATE = 'id status step version decisionComment decidedAt updatedAt';

export const precheck = (id: string, version: number, decision: 'PASS' | 'RETURN', comment?: string) =>
  api(
    `mutation Precheck($id: ID!, $version: Int!, $decision: PrecheckDecision!, $comment: String) {
      precheckIndicatorChangeRequest(id: $id, version: $version, decision: $decision, comment: $comment) { ${REQUEST_STATE} } }`,
    { id, version, decision, comment: comment || undefined },
  );

export const approve = (id: string, version: number, comment?: string) =>
  api(
    `mutation Approve($id: ID!, $version: Int!, $comment: String) {
      approveIndicatorChangeRequest(id: $id, version: $version, comment: $comment) { ${REQUEST_STATE} resultIndicator { id code } } }`,
    { id, version, comment: comment || undefined },
  );

export const returnRequest = (id: string, version: number, comment: string) =>
  api(
    `mutation Return($id: ID!, $version: Int!, $comment: String!) {
      returnIndicatorChangeRequest(id: $id, version: $version, comment: $comment) { ${REQUEST_STATE} } }`,
    { id, version, comment },
  );

export const reject = (id: string, version: number, reason: string, duplicateOfId?: string) =>
  api(
    `mutation Reject($id: ID!, $version: Int!, $reason: String!, $duplicateOfId: ID) {
      rejectIndicatorChangeRequest(id: $id, version: $version, reason: $reason, duplicateOfId: $duplicateOfId) { ${REQUEST_STATE} } }`,
    { id, version, reason, duplicateOfId: duplicateOfId || undefined },
  );

export const submit = (id: string, version: number) =>
  api<{ submitIndicatorChangeRequest: { id: string; status: string; version: number } }>(
    `mutation Submit($id: ID!, $version: Int!) {
      submitIndicatorChangeRequest(id: $id, version: $version) { ${REQUEST_STATE} } }`,
    { id, version },
  );

export { DEFINITION_KEYS, type Definition, type DefinitionKey } from './definition';

export interface SimilarIndicator {
  similarity: number;
  indicator: {
    id: string;
    code: string;
    name: string;
    scope: string;
    status: string;
    version: number;
    defaultUnit: string | null;
    explanation: string | null;
    category: { name: string } | null;
    ownerDepartment: { name: string } | null;
  };
}

export const SIMILAR_FIELDS =
  'similarity indicator { id code name scope status version defaultUnit explanation category { name } ownerDepartment { name } }';

export interface ProposeResult {
  proposeIndicatorChange: {
    request: { id: string; version: number; status: string; name: string };
    similar: SimilarIndicator[];
  };
}

export const propose = (input: {
  type: 'ADMIT' | 'MODIFY';
  indicatorId?: string;
  reason: string;
  exampleProject?: string;
  definition: Definition;
}) =>
  api<ProposeResult>(
    `mutation Propose($input: ProposeIndicatorChangeInput!) {
      proposeIndicatorChange(input: $input) { request { id version status name } similar { ${SIMILAR_FIELDS} } } }`,
    { input },
  );

export interface FrameworkNode {
  id: string;
  name: string;
  children: { id: string; name: string }[];
}
export interface Framework {
  id: string;
  code: string;
  name: string;
  kind: string;
  isDefault: boolean;
  roots: FrameworkNode[];
}

export const frameworks = () =>
  api<{ indicatorFrameworks: { items: Framework[] } }>(
    '{ indicatorFrameworks(limit: 50) { items { id code name kind isDefault roots { id name children { id name } } } } }',
  ).then((d) => d.indicatorFrameworks.items);

export interface UsageRow {
  id: string;
  indicatorVersion: number;
  period: string;
  targetValue: string;
  unit: string | null;
  target: {
    id: string;
    fiscalYear: number;
    kind: string;
    funds: string;
    project: { id: string; code: string; name: string } | null;
    department: { id: string; name: string };
  };
}

/** The API's cap on `indicatorIds` in one targetIndicators filter. */
const MAX_USAGE_IDS = 100;

/**
 * The target rows using any of these indicator versions, in one query (`targetIndicators(filter: { indicatorIds })`):
 * the total over all versions, the first `limit` rows, and the rows per version number when the page holds them all
 * (`complete`; a partial page would undercount, so no per-version figures then).
 */
export async function usage(
  indicatorIds: readonly string[],
  limit = 50,
): Promise<{ totalCount: number; complete: boolean; byVersion: Record<number, number>; items: UsageRow[] }> {
  if (indicatorIds.length === 0) return { totalCount: 0, complete: true, byVersion: {}, items: [] };
  const data = await api<{ targetIndicators: { totalCount: number; items: UsageRow[] } }>(
    `query Usage($ids: [ID!]!, $limit: Int!) {
      targetIndicators(filter: { indicatorIds: $ids }, limit: $limit) {
        totalCount items { id indicatorVersion period targetValue unit
          target { id fiscalYear kind funds project { id code name } department { id name } } } } }`,
    { ids: indicatorIds.slice(0, MAX_USAGE_IDS), limit },
  );
  const { totalCount, items } = data.targetIndicators;
  const complete = items.length >= totalCount;
  const byVersion: Record<number, number> = {};
  if (complete) for (const row of items) byVersion[row.indicatorVersion] = (byVersion[row.indicatorVersion] ?? 0) + 1;
  return { totalCount, complete, byVersion, items };
}
