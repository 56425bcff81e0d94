/** Webhooks module: endpoints integrations register, and the signed, retried delivery of review events to them. */
export { addressRefusal, checkEndpointUrl } from './webhooks.address';
export { type WebhookSettings, webhookSettingsFrom } from './webhooks.config';
export { WebhookDispatcher } from './webhooks.dispatcher';
export * from './webhooks.entity';
export * from './webhooks.enums';
export { webhookReads } from './webhooks.reads';
export { WebhookDeliveryResolver, WebhookEndpointResolver } from './webhooks.resolver';
export { webhookService } from './webhooks.service';
export { signatureHeader, verifyWebhookSignature } from './webhooks.signature';
export * from './webhooks.types';

import { WebhookDeliveryResolver, WebhookEndpointResolver } from './webhooks.resolver';

export const webhooksResolvers = [WebhookEndpointResolver, WebhookDeliveryResolver] as const;
