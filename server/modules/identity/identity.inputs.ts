import { ArrayMaxSize, ArrayMinSize, IsEmail, Length, Matches, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { PageArgs, SortInput, type SortKey } from '../../shared/list';
import { Role } from './identity.enums';

@InputType({ description: 'A login name and password.' })
export class LoginInput {
  @Field()
  @Length(1, 50)
  loginName!: string;

  @Field()
  @Length(1, 200)
  password!: string;
}

@InputType({ description: 'The current password and a new one.' })
export class ChangePasswordInput {
  @Field()
  @Length(1, 200)
  currentPassword!: string;

  @Field({ description: 'At least 10 characters, with letters and digits.' })
  @Length(10, 200)
  @Matches(/(?=.*[A-Za-z])(?=.*\d)/, { message: 'newPassword must contain letters and digits' })
  newPassword!: string;
}

@InputType({ description: 'A new user. Department roles need departmentId; expenditure reviewers financeDivisionId.' })
export class CreateUserInput {
  @Field()
  @Matches(/^[a-zA-Z0-9._-]{3,50}$/, { message: 'loginName must be 3–50 letters, digits, dots, dashes or underscores' })
  loginName!: string;

  @Field()
  @Length(1, 50)
  displayName!: string;

  @Field({ description: 'Initial password: at least 10 characters, with letters and digits.' })
  @Length(10, 200)
  @Matches(/(?=.*[A-Za-z])(?=.*\d)/, { message: 'password must contain letters and digits' })
  password!: string;

  @Field(() => [Role])
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  roles!: Role[];

  @Field()
  @Matches(/^\d{9}$/, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode!: string;

  @Field(() => ID, { nullable: true })
  departmentId?: string;

  @Field(() => ID, { nullable: true })
  financeDivisionId?: string;

  @Field({ nullable: true })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(100)
  email?: string;

  @Field({ nullable: true })
  @Matches(/^[0-9+\- ]{5,30}$/, { message: 'phone must be 5–30 digits, spaces, + or -' })
  phone?: string;
}

@InputType({ description: 'Changes to a user; omitted fields stay as they are.' })
export class UpdateUserInput {
  @Field({ nullable: true })
  @Length(1, 50)
  displayName?: string;

  @Field(() => [Role], { nullable: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  roles?: Role[];

  @Field(() => ID, { nullable: true })
  departmentId?: string | null;

  @Field(() => ID, { nullable: true })
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
registerEnumType(UserSortField, { name: 'UserSortField' });
export const UserSort = SortInput(UserSortField, 'User');

@InputType({ description: 'Filter for users.' })
export class UserFilter {
  @Field(() => Role, { nullable: true })
  role?: Role;

  @Field(() => ID, { nullable: true })
  departmentId?: string;

  @Field({ nullable: true })
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
