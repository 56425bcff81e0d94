import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { DepartmentEntity, FinanceDivisionEntity, FiscalDivisionEntity } from '../fiscal/fiscal.entity';
import { Role } from './identity.enums';

/** A person or service account that signs in (用户). The password is stored only as an argon2id hash. */
@Entity({ tableName: 'app_user' })
export class UserEntity {
  [OptionalProps]?: 'active' | 'createdAt' | 'updatedAt' | 'version' | 'passwordChangedAt';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => FiscalDivisionEntity, { fieldName: 'fiscal_division_code', index: true })
  fiscalDivision!: Rel<FiscalDivisionEntity>;

  @Property({ length: 50, unique: true })
  loginName!: string;

  @Property({ length: 50 })
  displayName!: string;

  @Property({ length: 200, hidden: true })
  passwordHash!: string;

  @Enum({ items: () => Role, array: true })
  roles!: Role[];

  /** For department roles: the department whose rows the user works on. */
  @ManyToOne(() => DepartmentEntity, { nullable: true, index: true })
  department?: Rel<DepartmentEntity>;

  /** For expenditure reviewers: the division whose departments the user reviews. */
  @ManyToOne(() => FinanceDivisionEntity, { nullable: true, index: true })
  financeDivision?: Rel<FinanceDivisionEntity>;

  @Property({ length: 100, nullable: true })
  email?: string;

  @Property({ length: 30, nullable: true })
  phone?: string;

  @Property({ default: true })
  active: boolean = true;

  @Property({ type: 'timestamptz' })
  passwordChangedAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ version: true })
  version!: number;
}

/** A refresh token (stored as its SHA-256 hash); revoked on logout, on rotation and on a password change. */
@Entity({ tableName: 'refresh_token' })
export class RefreshTokenEntity {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey()
  id!: number;

  @ManyToOne(() => UserEntity, { index: true, deleteRule: 'cascade' })
  user!: Rel<UserEntity>;

  @Property({ length: 64, unique: true })
  tokenHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** Failed sign-ins per login name (known or not), to slow and then refuse guessing. */
@Entity({ tableName: 'login_throttle' })
export class LoginThrottleEntity {
  @PrimaryKey({ length: 50 })
  loginName!: string;

  @Property({ type: 'smallint' })
  failures!: number;

  @Property({ type: 'timestamptz' })
  @Index()
  lastFailureAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  lockedUntil?: Date;
}

/** Settings the instances share through the database, such as a generated development signing secret. */
@Entity({ tableName: 'app_setting' })
export class AppSettingEntity {
  @PrimaryKey({ length: 50 })
  key!: string;

  @Property({ type: 'text' })
  value!: string;
}
