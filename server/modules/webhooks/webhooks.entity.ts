import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import type { EventFilterSpec } from '../events/events.model';
import { UserEntity } from '../identity/identity.entity';
import { WebhookDeliveryStatus } from './webhooks.enums';

/**
 * A webhook endpoint (事件推送地址) an integration registered: every review event its owner may see and its filter
 * matches is POSTed there, signed with its secret. Events at or below `startAfterPosition` (the newest position when
 * it was registered) are never sent.
 */
@Entity({ tableName: 'webhook_endpoint' })
export class WebhookEndpointEntity {
  [OptionalProps]?: 'active' | 'createdAt' | 'updatedAt' | 'version';

  @PrimaryKey()
  id!: number;

  @Property({ length: 9 })
  @Index()
  fiscalDivisionCode!: string;

  @ManyToOne(() => UserEntity, { index: true })
  owner!: Rel<UserEntity>;

  @Property({ length: 2000 })
  url!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  description?: string | null;

  /** Signs every delivery; never returned by the API. */
  @Property({ length: 200, hidden: true })
  secret!: string;

  @Property({ type: 'jsonb' })
  filter!: EventFilterSpec;

  @Property({ default: true })
  active: boolean = true;

  @Property({ type: 'bigint' })
  startAfterPosition!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ version: true })
  version!: number;
}

/** One event to be sent to one endpoint (推送记录), at least once; created once by the fan-out, retried by the worker. */
@Entity({ tableName: 'webhook_delivery' })
@Unique({ properties: ['endpoint', 'eventPosition'] })
@Index({ properties: ['status', 'nextAttemptAt'] })
export class WebhookDeliveryEntity {
  [OptionalProps]?: 'status' | 'attempts' | 'createdAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => WebhookEndpointEntity, { deleteRule: 'cascade' })
  endpoint!: Rel<WebhookEndpointEntity>;

  @Property({ type: 'bigint' })
  eventPosition!: string;

  @Property({ length: 50 })
  eventType!: string;

  @Enum({ items: () => WebhookDeliveryStatus })
  status: WebhookDeliveryStatus = WebhookDeliveryStatus.PENDING;

  @Property()
  attempts: number = 0;

  @Property({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  /** While an instance is sending it: the lease; past it, another instance may retry. */
  @Property({ type: 'timestamptz', nullable: true })
  lockedUntil?: Date | null;

  @Property({ type: 'integer', nullable: true })
  lastStatusCode?: number | null;

  @Property({ type: 'string', length: 500, nullable: true })
  lastError?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date | null;
}

/** One POST of a delivery: when, how long, and what came back. */
@Entity({ tableName: 'webhook_attempt' })
export class WebhookAttemptEntity {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => WebhookDeliveryEntity, { index: true, deleteRule: 'cascade' })
  delivery!: Rel<WebhookDeliveryEntity>;

  @Property()
  number!: number;

  @Property({ type: 'timestamptz' })
  startedAt!: Date;

  @Property()
  durationMs!: number;

  @Property({ type: 'integer', nullable: true })
  statusCode?: number | null;

  @Property({ type: 'string', length: 500, nullable: true })
  error?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  responseExcerpt?: string | null;
}

/** The fan-out's cursor: a single row (id 1) holding the last event position turned into deliveries. */
@Entity({ tableName: 'webhook_fanout' })
export class WebhookFanoutEntity {
  @PrimaryKey({ autoincrement: false })
  id!: number;

  @Property({ type: 'bigint' })
  position!: string;
}
