import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../shared/context';
import { Parent } from '../../shared/parent';
import { Permission } from '../identity';
import {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveryListArgs,
  WebhookEndpointListArgs,
} from './webhooks.inputs';
import { webhookReads } from './webhooks.reads';
import { webhookService } from './webhooks.service';
import {
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryCounts,
  WebhookDeliveryList,
  WebhookEndpoint,
  WebhookEndpointList,
} from './webhooks.types';

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Authorized(Permission.ManageWebhooks)
  @Query(() => WebhookEndpointList, {
    description: 'Webhook endpoints: your own (INTEGRATION) or every one of your fiscal division (ADMIN).',
  })
  webhookEndpoints(@Ctx() ctx: Context, @Args() args: WebhookEndpointListArgs) {
    return webhookReads.endpoints(ctx, args);
  }

  @Authorized(Permission.ManageWebhooks)
  @Query(() => WebhookEndpoint, {
    description: 'One webhook endpoint; NOT_FOUND when it does not exist or is not yours.',
  })
  webhookEndpoint(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the endpoint.' }) id: string) {
    return webhookReads.endpointOr404(ctx, id);
  }

  @Authorized(Permission.ManageWebhooks)
  @FieldResolver(() => WebhookDeliveryCounts, { nullable: true, description: 'Its deliveries per state.' })
  deliveryCounts(@Ctx() ctx: Context, @Parent() e: WebhookEndpoint) {
    return webhookReads.counts(ctx, e.id);
  }

  @Authorized(Permission.ManageWebhooks)
  @Mutation(() => WebhookEndpoint, {
    description:
      'Registers a webhook endpoint: every review event committed from now on that you may see and the filter ' +
      'matches is POSTed to `url`, signed with `secret`. A URL on a private or loopback address is WEBHOOK_URL_REFUSED.',
  })
  createWebhookEndpoint(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The new endpoint.' }) input: CreateWebhookEndpointInput,
  ) {
    return webhookService.createEndpoint(ctx, input);
  }

  @Authorized(Permission.ManageWebhooks)
  @Mutation(() => WebhookEndpoint, {
    description:
      'Changes a webhook endpoint (URL, description, filter, secret, active); a stale `version` is CONFLICT.',
  })
  updateWebhookEndpoint(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'Id of the endpoint.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateWebhookEndpointInput,
  ) {
    return webhookService.updateEndpoint(ctx, id, input);
  }

  @Authorized(Permission.ManageWebhooks)
  @Mutation(() => Boolean, { description: 'Removes a webhook endpoint with its deliveries and their attempts.' })
  deleteWebhookEndpoint(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the endpoint.' }) id: string) {
    return webhookService.deleteEndpoint(ctx, id);
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @Authorized(Permission.ManageWebhooks)
  @Query(() => WebhookDeliveryList, { description: 'Deliveries to the endpoints you may see, newest first.' })
  webhookDeliveries(@Ctx() ctx: Context, @Args() args: WebhookDeliveryListArgs) {
    return webhookReads.deliveries(ctx, args);
  }

  @FieldResolver(() => [WebhookAttempt], { description: 'Every attempt of the delivery, oldest first.' })
  attemptLog(@Ctx() ctx: Context, @Parent() d: WebhookDelivery) {
    return webhookReads.attempts(ctx, d.id);
  }

  @Authorized(Permission.ManageWebhooks)
  @Mutation(() => WebhookDelivery, {
    description:
      'Sends a DELIVERED or FAILED delivery again, due now, with a fresh set of attempts; a PENDING one is ' +
      'INVALID_TRANSITION.',
  })
  redeliverWebhook(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'Id of the delivery.' }) id: string) {
    return webhookService.redeliver(ctx, id);
  }
}
