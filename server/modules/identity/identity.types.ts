import { Authorized, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ListResult } from '../../shared/list';
import { Role, ScopeKind } from './identity.enums';
import { FieldRule } from './identity.permissions';

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
