import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One recorded change (审计记录): who (user and role), when, what action, on which record, and the before/after of
 * the fields that changed. Written in the same transaction as the change itself.
 */
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['subjectType', 'subjectId'] })
export class AuditEntryEntity {
  [OptionalProps]?: 'at';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ length: 9 })
  @Index()
  fiscalDivisionCode!: string;

  /** The API type name of the record, e.g. PerformanceTarget. */
  @Property({ length: 50 })
  subjectType!: string;

  @Property({ length: 40 })
  subjectId!: string;

  /** The department the record belongs to (for the row-level rules of `history`); null for bureau-wide records. */
  @Property({ nullable: true })
  @Index()
  departmentId?: number;

  @Property({ length: 50 })
  action!: string;

  @Property({ nullable: true })
  actorId?: number;

  @Property({ length: 50, nullable: true })
  actorLogin?: string;

  @Property({ length: 200, nullable: true })
  actorRoles?: string;

  @Property({ type: 'jsonb' })
  changes!: Record<string, { before: unknown; after: unknown }>;

  @Property({ length: 64, nullable: true })
  requestId?: string;

  @Property({ type: 'timestamptz' })
  at: Date = new Date();
}

/**
 * A review event (审核事件) in the outbox: written in the transaction of the transition it reports, so it exists if
 * and only if the change committed. `position` increases with every event; integrations resume from it.
 */
@Entity({ tableName: 'review_event' })
@Index({ name: 'review_event_division_position_index', properties: ['fiscalDivisionCode', 'position'] })
export class ReviewEventEntity {
  [OptionalProps]?: 'at' | 'position';

  /** Assigned by the table's trigger in commit order (see the events migration), whatever the column default says. */
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  position!: string;

  @Property({ length: 9 })
  @Index()
  fiscalDivisionCode!: string;

  /** e.g. TARGET_SUBMITTED, TARGET_RETURNED, INDICATOR_PUBLISHED. */
  @Property({ length: 50 })
  @Index()
  type!: string;

  @Property({ length: 50 })
  subjectType!: string;

  @Property({ length: 40 })
  subjectId!: string;

  @Property({ nullable: true })
  @Index()
  departmentId?: number;

  @Property({ nullable: true })
  @Index()
  projectId?: number;

  @Property({ nullable: true })
  @Index()
  targetId?: number;

  @Property({ nullable: true })
  actorId?: number;

  @Property({ length: 50, nullable: true })
  actorLogin?: string;

  @Property({ length: 200, nullable: true })
  actorRoles?: string;

  @Property({ length: 40, nullable: true })
  fromState?: string;

  @Property({ length: 40, nullable: true })
  toState?: string;

  @Property({ type: 'jsonb', nullable: true })
  payload?: Record<string, unknown>;

  @Property({ type: 'timestamptz' })
  at: Date = new Date();
}
