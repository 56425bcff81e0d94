import { ArrayMaxSize, ArrayMinSize, IsEmail, Length, Matches, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { PageArgs, SortInput, type SortKey } from '../../shared/list';
import { Role } from './identity.enums';

@InputType({ description: 'A login name and password.' })
export class LoginInput {
  @Field({ description: 'The login name (case does not matter).' })
  @Length(1, 50)
  loginName!: string;

  @Field({ description: 'The password.' })
  @Length(1, 200)
  password!: string;
}

@InputType({ description: 'The current password and a new one.' })
export class ChangePasswordInput {
  @Field({ description: 'Your current password.' })
  @Length(1, 200)
  currentPassword!: string;

  @Field({ description: 'At least 10 characters, with letters and digits.' })
  @Length(10, 200)
  @Matches(/(?=.*[A-Za-z])(?=.*\d)/, { message: 'newPassword must contain letters and digits' })
  newPassword!: string;
}

@InputType({ description: 'A new user. Department roles need departmentId; expenditure reviewers financeDivisionId.' })
export class CreateUserInput {
  @Field({ description: 'Login name: 3–50 letters, digits, dots, dashes or underscores.' })
  @Matches(/^[a-zA-Z0-9._-]{3,50}$/, { message: 'loginName must be 3–50 letters, digits, dots, dashes or underscores' })
  loginName!: string;

  @Field({ description: 'Name shown to others.' })
  @Length(1, 50)
  displayName!: string;

  @Field({ description: 'Initial password: at least 10 characters, with letters and digits.' })
  @Length(10, 200)
  @Matches(/(?=.*[A-Za-z])(?=.*\d)/, { message: 'password must contain letters and digits' })
  password!: string;

  @Field(() => [Role], { description: 'Roles of one scope: department roles, expenditure reviewer, or bureau roles.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  roles!: Role[];

  @Field({ description: 'Fiscal division of the user.' })
  @Matches(/^\d{9}$/, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode!: string;

  @Field(() => ID, { nullable: true, description: 'For department roles: the department.' })
  departmentId?: string;

  @Field(() => ID, { nullable: true, description: 'For expenditure reviewers: their expenditure division.' })
  financeDivisionId?: string;

  @Field({ nullable: true, description: 'E-mail (personal contact data).' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(100)
  email?: string;

  @Field({ nullable: true, description: 'Phone (personal contact data).' })
  @Matches(/^[0-9+\- ]{5,30}$/, { message: 'phone must be 5–30 digits, spaces, + or -' })
  phone?: string;
}

@InputType({ description: 'Changes to a user; omitted fields stay as they are.' })
export class UpdateUserInput {
  @Field({ nullable: true, description: 'New display name.' })
  @Length(1, 50)
  displayName?: string;

  @Field(() => [Role], { nullable: true, description: 'New roles (signs the user out).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  roles?: Role[];

  @Field(() => ID, { nullable: true, description: 'New department; null clears it.' })
  departmentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'New expenditure division; null clears it.' })
  financeDivisionId?: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail; null clears it.' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(100)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone; null clears it.' })
  @Matches(/^[0-9+\- ]{5,30}$/, { message: 'phone must be 5–30 digits, spaces, + or -' })
  phone?: string | null;

  @Field({ nullable: true, description: 'false: the user can no longer sign in and its refresh tokens are revoked.' })
  active?: boolean;

  @Field({ nullable: true, description: 'A new password set by the administrator (revokes the user’s sessions).' })
  @Length(10, 200)
  @Matches(/(?=.*[A-Za-z])(?=.*\d)/, { message: 'password must contain letters and digits' })
  password?: string;
}

export enum UserSortField {
  LOGIN_NAME = 'LOGIN_NAME',
  DISPLAY_NAME = 'DISPLAY_NAME',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(UserSortField, {
  name: 'UserSortField',
  description: 'What user lists can be sorted by.',
  valuesConfig: {
    LOGIN_NAME: { description: 'Sort by the login name.' },
    DISPLAY_NAME: { description: 'Sort by the display name.' },
    CREATED_AT: { description: 'Sort by when the user was created.' },
  },
});
export const UserSort = SortInput(UserSortField, 'User');

@InputType({ description: 'Filter for users.' })
export class UserFilter {
  @Field(() => Role, { nullable: true, description: 'Only users with this role.' })
  role?: Role;

  @Field(() => ID, { nullable: true, description: 'Only users of this department.' })
  departmentId?: string;

  @Field({ nullable: true, description: 'Only active (true) or deactivated (false) users.' })
  active?: boolean;

  @Field({ nullable: true, description: 'Text contained in the login or display name.' })
  @MaxLength(50)
  search?: string;
}

@ArgsType()
export class UserListArgs extends PageArgs {
  @Field(() => UserFilter, { nullable: true })
  filter?: UserFilter;

  @Field(() => [UserSort], { nullable: true })
  @ArrayMaxSize(3)
  sort?: SortKey<UserSortField>[];
}
