import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ListResult } from '../../shared/list';
import { ReviewEventType } from '../events';
import { WebhookDeliveryStatus } from './webhooks.enums';

@ObjectType({
  description: 'Which review events an endpoint receives; every list given must contain the event’s value.',
})
export class WebhookEventFilter {
  @Field(() => [ReviewEventType], { nullable: true, description: 'Only these event types (null: all).' })
  types!: ReviewEventType[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only events of these departments.' })
  departmentIds!: number[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only events of these projects.' })
  projectIds!: number[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only events of these performance targets.' })
  targetIds!: number[] | null;

  @Field(() => [String], { nullable: true, description: 'Only events about these record types.' })
  subjectTypes!: string[] | null;
}

@ObjectType({ description: 'How many deliveries of an endpoint stand in each state.' })
export class WebhookDeliveryCounts {
  @Field(() => Int, { description: 'Waiting for a first attempt or a retry.' })
  pending!: number;

  @Field(() => Int, { description: 'Delivered (2xx).' })
  delivered!: number;

  @Field(() => Int, { description: 'Failed after every attempt.' })
  failed!: number;
}

@ObjectType({
  description:
    'A webhook endpoint (事件推送地址): every review event its owner may see and its filter matches is POSTed there as ' +
    'signed JSON, at least once, with retries. Events committed before it was registered are not sent.',
})
export class WebhookEndpoint {
  @Field(() => ID, { description: 'Internal id.' })
  id!: number;

  fiscalDivisionCode!: string;

  ownerId!: number;

  @Field({ description: 'Where deliveries are POSTed (http or https).' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'What the endpoint is for.' })
  description!: string | null;

  @Field(() => WebhookEventFilter, { description: 'Which events it receives.' })
  filter!: WebhookEventFilter;

  @Field({ description: 'Whether events are sent to it; while inactive, new events are not queued for it.' })
  active!: boolean;

  @Field({ description: 'The last 4 characters of the signing secret (the secret itself is never returned).' })
  secretHint!: string;

  @Field({ description: 'Login name of the user who registered it; deliveries show what this user may see.' })
  ownerLogin!: string;

  @Field({ description: 'When it was registered.' })
  createdAt!: Date;

  @Field({ description: 'When it was last changed.' })
  updatedAt!: Date;

  @Field(() => Int, { description: 'Optimistic-lock version; pass it back with updateWebhookEndpoint.' })
  version!: number;
}

@ObjectType({ description: 'One POST of a delivery.' })
export class WebhookAttempt {
  @Field(() => ID, { description: 'Internal id.' })
  id!: string;

  deliveryId!: string;

  @Field(() => Int, { description: 'The attempt’s number for its delivery (1 for the first).' })
  number!: number;

  @Field({ description: 'When the POST started.' })
  startedAt!: Date;

  @Field(() => Int, { description: 'How long it took, in ms.' })
  durationMs!: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status answered; null when none came.' })
  statusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why it failed (connection error, timeout, non-2xx status).' })
  error!: string | null;

  @Field(() => String, { nullable: true, description: 'The first 500 characters of the response body.' })
  responseExcerpt!: string | null;
}

@ObjectType({ description: 'One review event to be sent to one endpoint (推送记录).' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'Internal id; also sent as X-Yardstick-Delivery and `deliveryId`.' })
  id!: string;

  @Field(() => ID, { description: 'The endpoint.' })
  endpointId!: number;

  @Field(() => ID, { description: 'The event’s position in the review-event feed.' })
  eventPosition!: string;

  @Field(() => ReviewEventType, { description: 'The event’s type.' })
  eventType!: ReviewEventType;

  @Field(() => WebhookDeliveryStatus, { description: 'Where the delivery stands.' })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made since it was (re)queued.' })
  attempts!: number;

  @Field({ description: 'When the next attempt is due (for a pending delivery).' })
  nextAttemptAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the endpoint accepted it.' })
  deliveredAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last attempt.' })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  lastError!: string | null;

  @Field({ description: 'When it was queued.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of webhook endpoints.' })
export class WebhookEndpointList extends ListResult(WebhookEndpoint) {}

@ObjectType({ description: 'A page of webhook deliveries, newest first.' })
export class WebhookDeliveryList extends ListResult(WebhookDelivery) {}
