import { Authorized, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ListResult } from '../../shared/list';
import { Role, ScopeKind } from './identity.enums';
import { FieldRule, Permission } from './identity.permissions';

registerEnumType(Role, {
  name: 'Role',
  description: 'What a user does in the review (domain section 5).',
  valuesConfig: {
    UNIT_PREPARER: { description: '单位填报员: creates projects, targets and rows; proposes indicators' },
    DEPARTMENT_OFFICER: {
      description: '部门绩效管理员: department self-review, pre-checks proposals, department target',
    },
    EXPENDITURE_REVIEWER: {
      description: '支出处室审核员: initial review and recheck of its departments; audited amounts',
    },
    EVALUATION_REVIEWER: { description: '评价中心审核员: initial review; ex-ante finance assessment' },
    PERFORMANCE_ADMIN: { description: '预算绩效管理处: owns the library, recheck, joint review and grading' },
    BUDGET_OFFICER: { description: '预算处: applies grades to budgets' },
    OBSERVER: { description: '人大 / 审计 observer: reads and comments in joint review' },
    ANALYST: { description: 'Dashboards: aggregates only, no personal data' },
    INTEGRATION: { description: 'A service account: reads and subscribes to events in its scope' },
    ADMIN: { description: 'IT administrator: users, roles, reference data' },
  },
});
registerEnumType(ScopeKind, {
  name: 'ScopeKind',
  description: 'Which rows a user works on.',
  valuesConfig: {
    DEPARTMENT: { description: 'Its department and the department’s child units' },
    FINANCE_DIVISION: { description: 'The departments its expenditure division manages' },
    BUREAU: { description: 'Everything in its fiscal division' },
  },
});

registerEnumType(Permission, {
  name: 'Permission',
  description:
    'What a role allows (权限). Roles grant permissions; the server checks them. Read your own with `me { permissions }`, e.g. to show only what you may use.',
  valuesConfig: {
    ReadReference: {
      description: 'Read the bureau’s reference data: divisions, departments, function classes. Public.',
    },
    ManageReference: { description: 'Change reference data.' },
    ReadLibrary: {
      description: 'Read the indicator library; anonymous callers see only published, public indicators. Public.',
    },
    ManageLibrary: { description: 'Curate the library: frameworks, categories, draft indicators.' },
    ReadAdmission: { description: 'Read the admission queue (own department’s requests for department roles).' },
    ReadProject: {
      description:
        'Read projects, budgets, ex-ante assessments and targets in one’s scope (the public: approved ones). Public.',
    },
    WriteProject: {
      description: 'Create and edit projects, budget requests, targets and target rows of one’s department.',
    },
    AuditBudget: { description: 'Record the finance-audited amount (财政审核数) of the departments one reviews.' },
    DecideBudget: { description: 'Decide budgets: approved amount and decision.' },
    AssessExAnte: { description: 'Record ex-ante assessments.' },
    ReadReviews: { description: 'Read the review records of targets in one’s scope (decision, feedback).' },
    ReadReviewerIdentity: { description: 'Read reviewers’ identities.' },
    ReadReviewInternals: {
      description: 'Read reviewers’ internal notes and per-criterion scores (observers: during joint review only).',
    },
    ReadAuditedAmount: {
      description: 'Read finance-audited amounts before the budget is approved (the owning department: its own).',
    },
    ReadAggregates: { description: 'Read dashboards’ aggregates.' },
    ProposeIndicator: {
      description: 'Propose an indicator for the library (入库 / 修改 / 出库申请) and edit one’s drafts.',
    },
    PrecheckProposal: {
      description: 'Pre-check one’s department’s proposals before they reach the performance division.',
    },
    ApproveAdmission: { description: 'Approve, return or reject admission requests (the library’s owner).' },
    ReviewDepartment: { description: 'The department’s self-review of its targets (部门自审).' },
    ReviewInitial: { description: 'The dual initial review (双初审): expenditure division or evaluation center.' },
    Recheck: { description: 'The re-check (复核).' },
    GradeTarget: { description: 'Run the joint review (集中会审) and grade targets.' },
    CommentJointReview: {
      description: 'Comment in the joint review (observers from the People’s Congress and audit).',
    },
    ReadEvents: {
      description: 'Follow review events (审核事件) in one’s scope: the `reviewEvents` query and subscription.',
    },
    ManageWebhooks: { description: 'Register webhook endpoints and read and re-send their deliveries (integrations).' },
    ManageUsers: { description: 'Manage users and roles.' },
    ReadContactData: { description: 'Read other users’ contact data.' },
  },
});

@ObjectType({ description: 'A user of Yardstick (用户). Passwords are never returned by any field.' })
export class User {
  @Field(() => ID, { description: 'Id of the user.' })
  id!: number;

  @Field({ description: 'The name used to sign in.' })
  loginName!: string;

  @Field({ description: 'The name shown to others.' })
  displayName!: string;

  @Field(() => [Role], { description: 'What the user does (角色).' })
  roles!: Role[];

  @Field(() => ScopeKind, { description: 'Which rows the user works on, from its roles.' })
  scope!: ScopeKind;

  @Field({ description: 'Fiscal division code (MOF_DIV_CODE) of the user.' })
  fiscalDivisionCode!: string;

  departmentId!: number | null;
  financeDivisionId!: number | null;

  @Authorized(FieldRule.ContactData)
  @Field(() => String, { nullable: true, description: 'E-mail (personal contact data: the user and ADMIN only).' })
  email!: string | null;

  @Authorized(FieldRule.ContactData)
  @Field(() => String, { nullable: true, description: 'Phone (personal contact data: the user and ADMIN only).' })
  phone!: string | null;

  @Authorized(FieldRule.OwnUser)
  @Field(() => [Permission], {
    nullable: true,
    description:
      'What the user’s roles allow (权限), in the order of the Permission enum. Readable on your own user only.',
  })
  permissions!: Permission[] | null;

  @Field({ description: 'false: the user can no longer sign in.' })
  active!: boolean;

  @Field({ description: 'When the user was created.' })
  createdAt!: Date;

  @Field({ description: 'When the user was last changed.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A page of users.' })
export class UserList extends ListResult(User) {}

@ObjectType({ description: 'Tokens issued by login and refresh.' })
export class AuthPayload {
  @Field({
    description: 'Send as `Authorization: Bearer <token>` (HTTP) or `authorization` in connection_init (WebSocket).',
  })
  accessToken!: string;

  @Field({ description: 'When the access token expires; refresh before then.' })
  accessTokenExpiresAt!: Date;

  @Field({ description: 'Exchange for new tokens with `refresh`; revoked by `logout`. Each one works once.' })
  refreshToken!: string;

  @Field({ description: 'When the refresh token expires.' })
  refreshTokenExpiresAt!: Date;

  @Field(() => User, { description: 'The signed-in user.' })
  user!: User;
}
