/** Events module: the review-event feed (审核事件) for integrations — query, graphql-ws subscription, live delivery. */
export * from './events.enums';
export { EventFeed, type FeedEvent, type FeedSubscriber } from './events.feed';
export * from './events.model';
export { newestPosition, readAll, readEvents } from './events.reads';
export { ReviewEventResolver } from './events.resolver';
export { EventStream } from './events.stream';
export * from './events.types';

import { ReviewEventResolver } from './events.resolver';

export const eventsResolvers = [ReviewEventResolver] as const;
