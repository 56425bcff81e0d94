import { Role } from './identity.enums';
import { FieldRule, type Guard, Permission, PUBLIC_PERMISSIONS, ROLE_PERMISSIONS } from './identity.permissions';

/** Who may read or write a restricted field: roles, the caller itself, and conditions. */
export interface FieldAccess {
  readonly type: string;
  readonly field: string;
  /** The guard the field carries in the schema; none where only row-level rules apply (write rules only). */
  readonly guard?: Guard;
  /** Roles that may read it (where they see the row). */
  readonly readers: readonly Role[];
  /** Readers under a condition, e.g. observers during joint review. */
  readonly conditionalReaders?: { readonly roles: readonly Role[]; readonly when: string };
  /** Whether anonymous callers may read it (where they see the row). */
  readonly anonymous: boolean | string;
  /** Roles that may write it, where the field is written through the API. */
  readonly writers?: readonly Role[];
  readonly note?: string;
}

const REVIEWERS = [Role.EXPENDITURE_REVIEWER, Role.EVALUATION_REVIEWER, Role.PERFORMANCE_ADMIN, Role.BUDGET_OFFICER];
const SIGNED_IN_TARGET_READERS = [
  Role.UNIT_PREPARER,
  Role.DEPARTMENT_OFFICER,
  ...REVIEWERS,
  Role.OBSERVER,
  Role.INTEGRATION,
  Role.ADMIN,
];

/**
 * The field-level authorization matrix: the README prints it (`npm run docs:matrix` checks it is current) and
 * test/api/authz.test.ts drives every role against every row of it.
 */
export const FIELD_MATRIX: readonly FieldAccess[] = [
  ...['internalNote', 'scores', 'totalScore'].map(
    (field): FieldAccess => ({
      type: 'TargetReview',
      field,
      guard: FieldRule.ReviewInternals,
      readers: REVIEWERS,
      conditionalReaders: { roles: [Role.OBSERVER], when: 'while the target is in JOINT_REVIEW' },
      anonymous: false,
      note: 'reviewers’ internal notes and per-criterion scores stay inside the bureau',
    }),
  ),
  ...['reviewerName', 'organisationName'].map(
    (field): FieldAccess => ({
      type: 'TargetReview',
      field,
      guard: Permission.ReadReviewerIdentity,
      readers: [Role.UNIT_PREPARER, Role.DEPARTMENT_OFFICER, ...REVIEWERS, Role.OBSERVER, Role.ADMIN],
      anonymous: false,
      note: 'reviewer identities are not public (nor passed to integrations)',
    }),
  ),
  ...['email', 'phone'].map(
    (field): FieldAccess => ({
      type: 'User',
      field,
      guard: FieldRule.ContactData,
      readers: [Role.ADMIN],
      conditionalReaders: { roles: Object.values(Role), when: 'on their own user' },
      anonymous: false,
      writers: [Role.ADMIN],
      note: 'personal contact data',
    }),
  ),
  {
    type: 'User',
    field: 'permissions',
    guard: FieldRule.OwnUser,
    readers: [],
    conditionalReaders: { roles: Object.values(Role), when: 'on their own user' },
    anonymous: false,
    note: 'what one’s roles allow, for the console to show only what one may use',
  },
  {
    type: 'ProjectBudget',
    field: 'audited',
    guard: FieldRule.AuditedAmount,
    readers: [Role.UNIT_PREPARER, Role.DEPARTMENT_OFFICER, ...REVIEWERS],
    conditionalReaders: {
      roles: [Role.OBSERVER, Role.INTEGRATION, Role.ADMIN],
      when: 'once the budget is approved',
    },
    anonymous: 'once the budget is approved',
    writers: [Role.EXPENDITURE_REVIEWER],
    note: 'finance-audited amount (财政审核数) before budget approval',
  },
  ...['approved', 'decision', 'decisionReason'].map(
    (field): FieldAccess => ({
      type: 'ProjectBudget',
      field,
      readers: SIGNED_IN_TARGET_READERS,
      anonymous: true,
      writers: [Role.BUDGET_OFFICER],
      note: 'the budget decision',
    }),
  ),
  {
    type: 'ProjectBudget',
    field: 'requested',
    readers: SIGNED_IN_TARGET_READERS,
    anonymous: true,
    writers: [Role.UNIT_PREPARER, Role.DEPARTMENT_OFFICER],
    note: 'the department’s request (申报数)',
  },
  ...['status', 'reviewRound', 'submittedAt'].map(
    (field): FieldAccess => ({
      type: 'PerformanceTarget',
      field,
      guard: Permission.ReadReviews,
      readers: SIGNED_IN_TARGET_READERS,
      anonymous: false,
      note: 'the review state of a target is not public (the public sees approved targets only)',
    }),
  ),
];

const ALL_ROLES = Object.values(Role);

/** The matrix as the README shows it. */
export function renderFieldMatrix(): string {
  const lines = ['| type.field | roles that may read | roles that may write | why |', '|---|---|---|---|'];
  for (const f of FIELD_MATRIX) {
    const readers: string[] = [f.readers.length === ALL_ROLES.length ? 'every role' : f.readers.join(', ')];
    if (f.conditionalReaders) {
      const who =
        f.conditionalReaders.roles.length === ALL_ROLES.length ? 'every user' : f.conditionalReaders.roles.join(', ');
      readers.push(`${who} ${f.conditionalReaders.when}`);
    }
    if (f.anonymous === true) readers.push('anonymous');
    else if (typeof f.anonymous === 'string') readers.push(`anonymous ${f.anonymous}`);
    lines.push(
      `| \`${f.type}.${f.field}\` | ${readers.join('; ')} | ${f.writers ? f.writers.join(', ') : '—'} | ${f.note ?? ''} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The role → permission table as the README shows it. */
export function renderRolePermissions(): string {
  const permissions = Object.values(Permission);
  const lines = [`| role | ${permissions.join(' | ')} |`, `|---|${permissions.map(() => '---').join('|')}|`];
  const row = (name: string, granted: readonly Permission[]) =>
    `| ${name} | ${permissions.map((p) => (granted.includes(p) ? '✓' : '')).join(' | ')} |`;
  for (const role of Object.values(Role)) lines.push(row(`\`${role}\``, ROLE_PERMISSIONS[role]));
  lines.push(row('anonymous', PUBLIC_PERMISSIONS));
  return `${lines.join('\n')}\n`;
}
