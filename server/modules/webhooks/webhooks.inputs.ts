import { ArrayMaxSize, IsOptional, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs, SortInput, type SortKey } from '../../shared/list';
import { ReviewEventFilter } from '../events';
import { MAX_URL_LENGTH } from './webhooks.address';
import { WebhookDeliveryStatus } from './webhooks.enums';

export const SECRET_MIN = 16;
export const SECRET_MAX = 200;

export enum WebhookEndpointSortField {
  CREATED_AT = 'CREATED_AT',
  URL = 'URL',
}
registerEnumType(WebhookEndpointSortField, {
  name: 'WebhookEndpointSortField',
  description: 'What a list of webhook endpoints can be sorted by.',
  valuesConfig: {
    CREATED_AT: { description: 'Sort by when the endpoint was registered.' },
    URL: { description: 'Sort by the URL.' },
  },
});
export const WebhookEndpointSort = SortInput(WebhookEndpointSortField, 'WebhookEndpoint');

@InputType({ description: 'Filter for webhook endpoints; all given conditions must hold.' })
export class WebhookEndpointFilter {
  @Field({ nullable: true, description: 'Only active (true) or only inactive (false) endpoints.' })
  active?: boolean;
}

@ArgsType()
export class WebhookEndpointListArgs extends PageArgs {
  @Field(() => WebhookEndpointFilter, { nullable: true, description: 'Which endpoints to return; all when omitted.' })
  @ValidateNested()
  filter?: WebhookEndpointFilter;

  @Field(() => [WebhookEndpointSort], { nullable: true, description: 'Sort keys, at most 5; by id when omitted.' })
  @ArrayMaxSize(5)
  sort?: SortKey<WebhookEndpointSortField>[];
}

@InputType({ description: 'Filter for webhook deliveries; all given conditions must hold.' })
export class WebhookDeliveryFilter {
  @Field(() => ID, { nullable: true, description: 'Only deliveries to this endpoint.' })
  endpointId?: string;

  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this state.' })
  status?: WebhookDeliveryStatus;
}

@ArgsType()
export class WebhookDeliveryListArgs extends PageArgs {
  @Field(() => WebhookDeliveryFilter, { nullable: true, description: 'Which deliveries to return; all when omitted.' })
  @ValidateNested()
  filter?: WebhookDeliveryFilter;
}

@InputType({ description: 'A new webhook endpoint.' })
export class CreateWebhookEndpointInput {
  @Field({ description: `Where to POST events: an http or https URL (at most ${MAX_URL_LENGTH} characters).` })
  @MaxLength(MAX_URL_LENGTH)
  url!: string;

  @Field(() => String, { nullable: true, description: 'What the endpoint is for (at most 200 characters).' })
  @IsOptional()
  @MaxLength(200)
  description?: string | null;

  @Field(() => ReviewEventFilter, {
    nullable: true,
    description: 'Which events to send; all you may see when omitted.',
  })
  @IsOptional()
  @ValidateNested()
  filter?: ReviewEventFilter | null;

  @Field({
    description: `The signing secret (${SECRET_MIN}–${SECRET_MAX} characters); keep it, it is never shown again.`,
  })
  @Length(SECRET_MIN, SECRET_MAX)
  secret!: string;
}

@InputType({ description: 'Changes to a webhook endpoint; omitted fields stay as they are.' })
export class UpdateWebhookEndpointInput {
  @Field(() => Int, { description: 'The version you loaded (optimistic lock): CONFLICT when it changed since.' })
  @Min(1)
  version!: number;

  @Field({ nullable: true, description: 'A new URL.' })
  @IsOptional()
  @MaxLength(MAX_URL_LENGTH)
  url?: string;

  @Field(() => String, { nullable: true, description: 'A new description; null clears it.' })
  @IsOptional()
  @MaxLength(200)
  description?: string | null;

  @Field(() => ReviewEventFilter, { nullable: true, description: 'A new filter (applies to events from now on).' })
  @IsOptional()
  @ValidateNested()
  filter?: ReviewEventFilter | null;

  @Field({ nullable: true, description: `A new signing secret (${SECRET_MIN}–${SECRET_MAX} characters).` })
  @IsOptional()
  @Length(SECRET_MIN, SECRET_MAX)
  secret?: string;

  @Field({ nullable: true, description: 'Pause (false) or resume (true) deliveries.' })
  @IsOptional()
  active?: boolean;
}
