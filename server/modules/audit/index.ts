/** Audit module: the audit trail (审计记录) and the review-event outbox, written in the transaction of each change. */
export { AuditEntryEntity, ReviewEventEntity } from './audit.entity';
export { AuditResolver } from './audit.resolver';
export { type AuditInput, auditService, changedFields, type EventInput } from './audit.service';
export { AuditEntry, FieldChange } from './audit.types';

import { AuditResolver } from './audit.resolver';

export const auditResolvers = [AuditResolver] as const;
