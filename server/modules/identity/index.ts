/** Identity module: users, sign-in, tokens, and the role → permission table. */
export * from './identity.entity';
export * from './identity.enums';
export * from './identity.permissions';
export { identityReads, toUser, userTable } from './identity.reads';
export { IdentityResolver, UserResolver } from './identity.resolver';
export { type AuthSettings, hashPassword, identityService } from './identity.service';
export { verifyAccessToken } from './identity.tokens';
export * from './identity.types';
export { hasPermission, type Viewer, viewerFromClaims } from './identity.viewer';

import { IdentityResolver, UserResolver } from './identity.resolver';

export const identityResolvers = [IdentityResolver, UserResolver] as const;
