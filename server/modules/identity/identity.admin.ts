import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../../shared/errors';
import { FiscalDivisionEntity, FiscalDivisionLevel } from '../fiscal';
import { UserEntity } from './identity.entity';
import { Role } from './identity.enums';
import { hashPassword } from './identity.service';

/**
 * Creates an administrator from the command line (`npm run create-admin`): how a production installation, which has
 * no demo users and no default passwords, gets its first user. The same password rules as the API apply.
 */
export async function createAdministrator(
  em: EntityManager,
  input: {
    loginName: string;
    displayName: string;
    fiscalDivisionCode: string;
    divisionName?: string;
    password: string;
  },
): Promise<UserEntity> {
  const loginName = input.loginName.trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,50}$/.test(loginName)) {
    throw new DomainError(
      'BAD_USER_INPUT',
      'The login name must be 3–50 letters, digits, dots, dashes or underscores.',
    );
  }
  if (input.password.length < 10 || !/[A-Za-z]/.test(input.password) || !/\d/.test(input.password)) {
    throw new DomainError('BAD_USER_INPUT', 'The password must have at least 10 characters, with letters and digits.');
  }
  return em.transactional(async (tx) => {
    if ((await tx.count(UserEntity, { loginName })) > 0) {
      throw new DomainError('DUPLICATE', `User ${loginName} already exists.`);
    }
    let division = await tx.findOne(FiscalDivisionEntity, { code: input.fiscalDivisionCode });
    if (!division && input.divisionName && /^\d{9}$/.test(input.fiscalDivisionCode)) {
      // A fresh installation: the administrator's own fiscal division is its first row.
      division = tx.create(FiscalDivisionEntity, {
        code: input.fiscalDivisionCode,
        name: input.divisionName,
        level: FiscalDivisionLevel.CITY,
      });
    }
    if (!division) {
      throw new DomainError(
        'INVALID_REFERENCE',
        `Fiscal division ${input.fiscalDivisionCode} does not exist; pass --division-name to create it.`,
      );
    }
    const user = tx.create(UserEntity, {
      fiscalDivision: division,
      loginName,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      roles: [Role.ADMIN],
    });
    await tx.flush();
    return user;
  });
}
