import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../shared/context';
import { badInput, DomainError, notFound } from '../../shared/errors';
import { fresh } from '../../shared/loaders';
import { assertVersion, toId } from '../../shared/writes';
import { auditService } from '../audit';
import { type EventFilterSpec, filterSpec, newestPosition } from '../events';
import { UserEntity } from '../identity';
import { checkEndpointUrl } from './webhooks.address';
import { WebhookDeliveryEntity, WebhookEndpointEntity } from './webhooks.entity';
import { WebhookDeliveryStatus } from './webhooks.enums';
import {
  type CreateWebhookEndpointInput,
  SECRET_MAX,
  SECRET_MIN,
  type UpdateWebhookEndpointInput,
} from './webhooks.inputs';
import { deliveryTable, endpointScope, endpointTable, toDeliveryId } from './webhooks.reads';
import type { WebhookDelivery, WebhookEndpoint } from './webhooks.types';

function viewerOf(ctx: Context) {
  const v = ctx.viewer;
  if (!v) throw new DomainError('UNAUTHENTICATED', 'Sign in to manage webhooks.');
  return v;
}

function checkSecret(secret: string): string {
  if (secret.length < SECRET_MIN || secret.length > SECRET_MAX) {
    throw badInput(
      `secret must be ${SECRET_MIN} to ${SECRET_MAX} characters long (got ${secret.length}); use a long random string.`,
      'secret',
    );
  }
  return secret;
}

/** An endpoint's fields for the audit trail: never the secret, only its hint. */
function endpointFields(e: WebhookEndpointEntity): Record<string, unknown> {
  return {
    url: e.url,
    description: e.description ?? null,
    filter: e.filter,
    active: e.active,
    secretHint: e.secret.slice(-4),
  };
}

/** Loads an endpoint for a write, under the same row rule as reads (NOT_FOUND outside it). */
async function endpointInScope(ctx: Context, em: EntityManager, id: string): Promise<WebhookEndpointEntity> {
  const key = toId(id);
  const [found] = (await em.execute(
    `select t.id from webhook_endpoint t where t.id = ? and ${endpointScope(ctx)}`,
    [key],
    'all',
  )) as { id: number }[];
  const endpoint = found ? await em.findOne(WebhookEndpointEntity, key) : null;
  if (!endpoint) throw notFound('WebhookEndpoint', id);
  return endpoint;
}

function audit(
  ctx: Context,
  em: EntityManager,
  e: { fiscalDivisionCode: string },
  subject: { type: string; id: string | number },
  action: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
) {
  auditService.record(ctx, em, {
    fiscalDivisionCode: e.fiscalDivisionCode,
    subjectType: subject.type,
    subjectId: subject.id,
    departmentId: null,
    action,
    before,
    after,
  });
}

const allowPrivate = (ctx: Context) => ctx.services?.webhooks.allowPrivate ?? false;

/**
 * Webhook endpoints (事件推送): integrations (their own) and ADMIN (its division's) register, change, pause and remove
 * endpoints and re-send deliveries. Every change is one transaction with its audit entry; the secret never reaches
 * the audit trail or any response.
 */
export const webhookService = {
  async createEndpoint(ctx: Context, input: CreateWebhookEndpointInput): Promise<WebhookEndpoint> {
    const viewer = viewerOf(ctx);
    const secret = checkSecret(input.secret);
    const filter: EventFilterSpec = filterSpec(input.filter);
    // Resolving the host happens before the transaction: no transaction waits on DNS.
    const url = await checkEndpointUrl(input.url, allowPrivate(ctx));
    const id = await ctx.em.transactional(async (em) => {
      const newest = await newestPosition(em);
      const endpoint = em.create(WebhookEndpointEntity, {
        fiscalDivisionCode: viewer.fiscalDivisionCode,
        owner: em.getReference(UserEntity, viewer.id),
        url,
        description: input.description ?? null,
        secret,
        filter,
        startAfterPosition: newest.toString(),
      });
      await em.flush();
      audit(ctx, em, endpoint, { type: 'WebhookEndpoint', id: endpoint.id }, 'create', null, endpointFields(endpoint));
      return endpoint.id;
    });
    return fresh(ctx, endpointTable, 'id', id);
  },

  async updateEndpoint(ctx: Context, id: string, input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint> {
    viewerOf(ctx);
    const secret = input.secret === undefined || input.secret === null ? undefined : checkSecret(input.secret);
    const url =
      input.url === undefined || input.url === null ? undefined : await checkEndpointUrl(input.url, allowPrivate(ctx));
    const filter = input.filter === undefined ? undefined : filterSpec(input.filter);
    await ctx.em.transactional(async (em) => {
      const endpoint = await endpointInScope(ctx, em, id);
      assertVersion(endpoint.version, input.version, `Webhook endpoint ${endpoint.id}`);
      const before = endpointFields(endpoint);
      if (url !== undefined) endpoint.url = url;
      if (input.description !== undefined) endpoint.description = input.description;
      if (filter !== undefined) endpoint.filter = filter;
      if (secret !== undefined) endpoint.secret = secret;
      if (input.active !== undefined && input.active !== null) endpoint.active = input.active;
      const after = endpointFields(endpoint);
      // A new secret with the same last 4 characters still shows in the trail, without the secret.
      if (secret !== undefined) after.secretRotated = true;
      audit(ctx, em, endpoint, { type: 'WebhookEndpoint', id: endpoint.id }, 'update', before, after);
    });
    return fresh(ctx, endpointTable, 'id', toId(id));
  },

  /** Removes an endpoint with its deliveries and their attempts. */
  async deleteEndpoint(ctx: Context, id: string): Promise<boolean> {
    viewerOf(ctx);
    await ctx.em.transactional(async (em) => {
      const endpoint = await endpointInScope(ctx, em, id);
      audit(ctx, em, endpoint, { type: 'WebhookEndpoint', id: endpoint.id }, 'delete', endpointFields(endpoint), null);
      await em.execute(
        'delete from webhook_attempt where delivery_id in (select d.id from webhook_delivery d where d.endpoint_id = ?)',
        [endpoint.id],
        'run',
      );
      await em.execute('delete from webhook_delivery where endpoint_id = ?', [endpoint.id], 'run');
      em.remove(endpoint);
    });
    return true;
  },

  /** Queues a delivered or failed delivery again, due now, with a fresh set of attempts. */
  async redeliver(ctx: Context, id: string): Promise<WebhookDelivery> {
    viewerOf(ctx);
    const key = toDeliveryId(id);
    await ctx.em.transactional(async (em) => {
      const [visible] = (await em.execute(
        `select t.id from webhook_delivery t
          where t.id = ? and t.endpoint_id in (select we.id from webhook_endpoint we where ${endpointScope(ctx, 'we')})`,
        [key],
        'all',
      )) as { id: string }[];
      const delivery = visible ? await em.findOne(WebhookDeliveryEntity, key, { populate: ['endpoint'] }) : null;
      if (!delivery) throw notFound('WebhookDelivery', id);
      if (delivery.status === WebhookDeliveryStatus.PENDING) {
        throw new DomainError(
          'INVALID_TRANSITION',
          `Webhook delivery ${id} is PENDING: it is already queued (next attempt at ${delivery.nextAttemptAt.toISOString()}). Only DELIVERED or FAILED deliveries can be sent again.`,
          { status: delivery.status },
        );
      }
      const before = { status: delivery.status, attempts: delivery.attempts };
      delivery.status = WebhookDeliveryStatus.PENDING;
      delivery.attempts = 0;
      delivery.nextAttemptAt = new Date();
      delivery.lockedUntil = null;
      delivery.deliveredAt = null;
      audit(ctx, em, delivery.endpoint, { type: 'WebhookDelivery', id: delivery.id }, 'redeliver', before, {
        status: delivery.status,
        attempts: 0,
      });
    });
    return fresh(ctx, deliveryTable, 'id', key);
  },
};
