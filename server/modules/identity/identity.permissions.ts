import { Role, ScopeKind } from './identity.enums';

/**
 * Permissions name what code needs; roles grant them. This table is the single source: resolvers and fields name a
 * permission, the README's matrix and the authorization tests are generated from it.
 */
export enum Permission {
  /** Read the bureau's reference data: divisions, departments, function classes. Public. */
  ReadReference = 'ReadReference',
  /** Change reference data. */
  ManageReference = 'ManageReference',
  /** Read the indicator library; anonymous callers see only published, public indicators. Public. */
  ReadLibrary = 'ReadLibrary',
  /** Curate the library: frameworks, categories, draft indicators. */
  ManageLibrary = 'ManageLibrary',
  /** Read the admission queue (own department's requests for department roles). */
  ReadAdmission = 'ReadAdmission',
  /** Read projects, budgets, ex-ante assessments and targets in one's scope (the public: approved ones). Public. */
  ReadProject = 'ReadProject',
  /** Create and edit projects, budget requests, targets and target rows of one's department. */
  WriteProject = 'WriteProject',
  /** Record the finance-audited amount (财政审核数) of the departments one reviews. */
  AuditBudget = 'AuditBudget',
  /** Decide budgets: approved amount and decision. */
  DecideBudget = 'DecideBudget',
  /** Record ex-ante assessments. */
  AssessExAnte = 'AssessExAnte',
  /** Read the review records of targets in one's scope (decision, feedback). */
  ReadReviews = 'ReadReviews',
  /** Read reviewers' identities. */
  ReadReviewerIdentity = 'ReadReviewerIdentity',
  /** Read reviewers' internal notes and per-criterion scores (observers: during joint review only). */
  ReadReviewInternals = 'ReadReviewInternals',
  /** Read finance-audited amounts before the budget is approved (the owning department: its own). */
  ReadAuditedAmount = 'ReadAuditedAmount',
  /** Read dashboards' aggregates. */
  ReadAggregates = 'ReadAggregates',
  /** Propose an indicator for the library (入库 / 修改 / 出库申请) and edit one's drafts. */
  ProposeIndicator = 'ProposeIndicator',
  /** Pre-check one's department's proposals before they reach the performance division. */
  PrecheckProposal = 'PrecheckProposal',
  /** Approve, return or reject admission requests (the library's owner). */
  ApproveAdmission = 'ApproveAdmission',
  /** The department's self-review of its targets (部门自审). */
  ReviewDepartment = 'ReviewDepartment',
  /** The dual initial review (双初审): expenditure division or evaluation center. */
  ReviewInitial = 'ReviewInitial',
  /** The re-check (复核). */
  Recheck = 'Recheck',
  /** Run the joint review (集中会审) and grade targets. */
  GradeTarget = 'GradeTarget',
  /** Comment in the joint review (observers from the People's Congress and audit). */
  CommentJointReview = 'CommentJointReview',
  /** Follow review events (审核事件) in one's scope: the `reviewEvents` query and subscription. */
  ReadEvents = 'ReadEvents',
  /** Register webhook endpoints and read and re-send their deliveries (integrations). */
  ManageWebhooks = 'ManageWebhooks',
  /** Manage users and roles. */
  ManageUsers = 'ManageUsers',
  /** Read other users' contact data. */
  ReadContactData = 'ReadContactData',
}

const BUREAU_READ = [
  Permission.ReadReference,
  Permission.ReadLibrary,
  Permission.ReadAdmission,
  Permission.ReadProject,
  Permission.ReadReviews,
  Permission.ReadReviewerIdentity,
  Permission.ReadAggregates,
  Permission.ReadEvents,
];

const DEPARTMENT_READ = [
  Permission.ReadReference,
  Permission.ReadLibrary,
  Permission.ReadAdmission,
  Permission.ReadProject,
  Permission.ReadReviews,
  Permission.ReadReviewerIdentity,
  Permission.ReadAuditedAmount,
  Permission.ReadEvents,
];

/** Role → permissions. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  [Role.UNIT_PREPARER]: [
    ...DEPARTMENT_READ,
    Permission.WriteProject,
    Permission.AssessExAnte,
    Permission.ProposeIndicator,
  ],
  [Role.DEPARTMENT_OFFICER]: [
    ...DEPARTMENT_READ,
    Permission.WriteProject,
    Permission.AssessExAnte,
    Permission.ReadAggregates,
    Permission.ProposeIndicator,
    Permission.PrecheckProposal,
    Permission.ReviewDepartment,
  ],
  [Role.EXPENDITURE_REVIEWER]: [
    ...BUREAU_READ,
    Permission.ReadReviewInternals,
    Permission.ReadAuditedAmount,
    Permission.AuditBudget,
    Permission.AssessExAnte,
    Permission.ReviewInitial,
    Permission.Recheck,
  ],
  [Role.EVALUATION_REVIEWER]: [
    ...BUREAU_READ,
    Permission.ReadReviewInternals,
    Permission.ReadAuditedAmount,
    Permission.AssessExAnte,
    Permission.ReviewInitial,
  ],
  [Role.PERFORMANCE_ADMIN]: [
    ...BUREAU_READ,
    Permission.ReadReviewInternals,
    Permission.ReadAuditedAmount,
    Permission.ManageLibrary,
    Permission.ApproveAdmission,
    Permission.Recheck,
    Permission.GradeTarget,
  ],
  [Role.BUDGET_OFFICER]: [
    ...BUREAU_READ,
    Permission.ReadReviewInternals,
    Permission.ReadAuditedAmount,
    Permission.DecideBudget,
  ],
  [Role.OBSERVER]: [...BUREAU_READ, Permission.ReadReviewInternals, Permission.CommentJointReview],
  [Role.ANALYST]: [Permission.ReadReference, Permission.ReadLibrary, Permission.ReadAggregates],
  [Role.INTEGRATION]: [
    Permission.ReadReference,
    Permission.ReadLibrary,
    Permission.ReadProject,
    Permission.ReadReviews,
    Permission.ReadEvents,
    Permission.ManageWebhooks,
  ],
  [Role.ADMIN]: [
    ...BUREAU_READ,
    Permission.ManageWebhooks,
    Permission.ManageReference,
    Permission.ManageLibrary,
    Permission.ManageUsers,
    Permission.ReadContactData,
  ],
};

/** What an anonymous caller may do: what the budget law says is disclosed (公开). */
export const PUBLIC_PERMISSIONS: readonly Permission[] = [
  Permission.ReadReference,
  Permission.ReadLibrary,
  Permission.ReadProject,
];

/** The row scope a role works in. */
export const ROLE_SCOPE: Readonly<Record<Role, ScopeKind>> = {
  [Role.UNIT_PREPARER]: ScopeKind.DEPARTMENT,
  [Role.DEPARTMENT_OFFICER]: ScopeKind.DEPARTMENT,
  [Role.EXPENDITURE_REVIEWER]: ScopeKind.FINANCE_DIVISION,
  [Role.EVALUATION_REVIEWER]: ScopeKind.BUREAU,
  [Role.PERFORMANCE_ADMIN]: ScopeKind.BUREAU,
  [Role.BUDGET_OFFICER]: ScopeKind.BUREAU,
  [Role.OBSERVER]: ScopeKind.BUREAU,
  [Role.ANALYST]: ScopeKind.BUREAU,
  [Role.INTEGRATION]: ScopeKind.BUREAU,
  [Role.ADMIN]: ScopeKind.BUREAU,
};

export function permissionsOf(roles: readonly Role[] | null | undefined): Set<Permission> {
  if (!roles || roles.length === 0) return new Set(PUBLIC_PERMISSIONS);
  return new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r] ?? []));
}

/** The scope kind of a set of roles; roles of different scope kinds cannot be combined on one user. */
export function scopeOf(roles: readonly Role[]): ScopeKind | 'MIXED' {
  const kinds = new Set(roles.map((r) => ROLE_SCOPE[r]));
  if (kinds.size !== 1) return 'MIXED';
  return [...kinds][0] as ScopeKind;
}

/** Row-dependent rules on restricted fields (see identity.rules.ts and the README's field matrix). */
export enum FieldRule {
  /** Reviewers' internal notes and per-criterion scores: bureau roles; observers during joint review only. */
  ReviewInternals = 'rule:ReviewInternals',
  /** Finance-audited amounts: the bureau's reviewing roles and the owning department; everyone who sees the row once approved. */
  AuditedAmount = 'rule:AuditedAmount',
  /** Personal contact data: the user and ADMIN. */
  ContactData = 'rule:ContactData',
  /** Readable on one's own user only, by nobody else (not even ADMIN): e.g. one's permissions. */
  OwnUser = 'rule:OwnUser',
}

/** What a query, mutation or field may name in `@Authorized(...)`. */
export type Guard = Permission | FieldRule;
