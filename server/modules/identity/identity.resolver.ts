import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../shared/context';
import { Parent } from '../../shared/parent';
import { Public } from '../../shared/public';
import { Department, FinanceDivision, FiscalDivision, fiscalReads } from '../fiscal';
import { ChangePasswordInput, CreateUserInput, LoginInput, UpdateUserInput, UserListArgs } from './identity.inputs';
import { Permission } from './identity.permissions';
import { identityReads } from './identity.reads';
import { identityService } from './identity.service';
import { AuthPayload, User, UserList } from './identity.types';

@Resolver()
export class IdentityResolver {
  @Public()
  @Mutation(() => AuthPayload, {
    description: 'Signs in with a login name and password; repeated failures are slowed, then refused for a while.',
  })
  login(@Ctx() ctx: Context, @Arg('input', { description: 'Login name and password.' }) input: LoginInput) {
    return identityService.login(ctx, input);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description: 'Exchanges a refresh token for new tokens; the old refresh token stops working.',
  })
  refresh(@Ctx() ctx: Context, @Arg('refreshToken', { description: 'The refresh token from login.' }) token: string) {
    return identityService.refresh(ctx, token);
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Revokes a refresh token (signs out).' })
  logout(@Ctx() ctx: Context, @Arg('refreshToken', { description: 'The refresh token to revoke.' }) token: string) {
    return identityService.logout(ctx, token);
  }

  @Public()
  @Query(() => User, { nullable: true, description: 'The signed-in user; null for an anonymous caller.' })
  me(@Ctx() ctx: Context) {
    return identityReads.me(ctx);
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Changes your own password; your other sessions are signed out.' })
  changePassword(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'Current and new password.' }) input: ChangePasswordInput,
  ) {
    return identityService.changePassword(ctx, input);
  }
}

@Resolver(() => User)
export class UserResolver {
  @Authorized(Permission.ManageUsers)
  @Query(() => User, { description: 'One user by id (ADMIN).' })
  user(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the user.' }) id: string) {
    return identityReads.userOr404(ctx, id);
  }

  @Authorized(Permission.ManageUsers)
  @Query(() => UserList, { description: 'Users of your fiscal division (ADMIN).' })
  users(@Ctx() ctx: Context, @Args() args: UserListArgs) {
    return identityReads.users(ctx, args);
  }

  @Authorized(Permission.ManageUsers)
  @Mutation(() => User, { description: 'Creates a user with roles and a scope (ADMIN).' })
  createUser(@Ctx() ctx: Context, @Arg('input', { description: 'The new user.' }) input: CreateUserInput) {
    return identityService.createUser(ctx, input);
  }

  @Authorized(Permission.ManageUsers)
  @Mutation(() => User, {
    description: 'Changes a user’s roles, scope, contact data, password or active flag (ADMIN).',
  })
  updateUser(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the user.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateUserInput,
  ) {
    return identityService.updateUser(ctx, id, input);
  }

  @FieldResolver(() => FiscalDivision, { description: 'The fiscal division the user belongs to.' })
  fiscalDivision(@Ctx() ctx: Context, @Parent() u: User) {
    return fiscalReads.fiscalDivision(ctx, u.fiscalDivisionCode);
  }

  @FieldResolver(() => Department, { nullable: true, description: 'For department roles: the department.' })
  department(@Ctx() ctx: Context, @Parent() u: User) {
    return u.departmentId ? fiscalReads.department(ctx, u.departmentId) : null;
  }

  @FieldResolver(() => FinanceDivision, { nullable: true, description: 'For expenditure reviewers: the division.' })
  financeDivision(@Ctx() ctx: Context, @Parent() u: User) {
    return u.financeDivisionId ? fiscalReads.financeDivision(ctx, u.financeDivisionId) : null;
  }
}
