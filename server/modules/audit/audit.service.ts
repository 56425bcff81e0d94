import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../shared/context';
import type { ReviewEventTypeName } from '../events/events.enums';
import { AuditEntryEntity, ReviewEventEntity } from './audit.entity';

export interface AuditInput {
  fiscalDivisionCode: string;
  subjectType: string;
  subjectId: string | number;
  departmentId?: number | null;
  action: string;
  /** The record's fields before and after (only those that differ are kept). */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface EventInput {
  fiscalDivisionCode: string;
  type: ReviewEventTypeName;
  subjectType: string;
  subjectId: string | number;
  departmentId?: number | null;
  projectId?: number | null;
  targetId?: number | null;
  fromState?: string | null;
  toState?: string | null;
  payload?: Record<string, unknown>;
}

function comparable(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v && typeof v === 'object' && 'id' in v) return (v as { id: unknown }).id;
  return v ?? null;
}

/** The fields whose value differs between before and after, as { field: { before, after } }. */
export function changedFields(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Record<string, { before: unknown; after: unknown }> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const k of keys) {
    const b = comparable(before?.[k]);
    const a = comparable(after?.[k]);
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[k] = { before: b, after: a };
  }
  return changes;
}

function actor(ctx: Context) {
  return {
    actorId: ctx.viewer?.id,
    actorLogin: ctx.viewer?.loginName,
    actorRoles: ctx.viewer?.roles.join(','),
  };
}

/**
 * The audit trail and the event outbox. Both are written through the EntityManager of the change itself, so they
 * commit with it or not at all: a refused or failed mutation leaves neither.
 */
export const auditService = {
  record(ctx: Context, em: EntityManager, input: AuditInput): void {
    em.create(AuditEntryEntity, {
      fiscalDivisionCode: input.fiscalDivisionCode,
      subjectType: input.subjectType,
      subjectId: String(input.subjectId),
      departmentId: input.departmentId ?? undefined,
      action: input.action,
      changes: changedFields(input.before, input.after),
      requestId: ctx.requestId,
      ...actor(ctx),
    });
  },

  event(ctx: Context, em: EntityManager, input: EventInput): void {
    em.create(ReviewEventEntity, {
      fiscalDivisionCode: input.fiscalDivisionCode,
      type: input.type,
      subjectType: input.subjectType,
      subjectId: String(input.subjectId),
      departmentId: input.departmentId ?? undefined,
      projectId: input.projectId ?? undefined,
      targetId: input.targetId ?? undefined,
      fromState: input.fromState ?? undefined,
      toState: input.toState ?? undefined,
      payload: input.payload,
      ...actor(ctx),
    });
  },
};
