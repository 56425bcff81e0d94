import { Arg, Authorized, Ctx, ID, Int, Query, Resolver, Subscription } from 'type-graphql';
import type { Context } from '../../shared/context';
import { badInput, DomainError } from '../../shared/errors';
import { Parent } from '../../shared/parent';
import { Permission } from '../identity/identity.permissions';
import type { FeedEvent } from './events.feed';
import { later, parsePosition } from './events.model';
import { newestPosition, readEvents } from './events.reads';
import { EventStream } from './events.stream';
import { filterSpec, ReviewEvent, ReviewEventFilter, ReviewEventPage, toReviewEvent } from './events.types';

const MAX_POLL = 500;

@Resolver(() => ReviewEvent)
export class ReviewEventResolver {
  @Authorized(Permission.ReadEvents)
  @Query(() => ReviewEventPage, {
    description:
      'The review-event feed for integrations that poll: matching events after `after` (none: from the first), ' +
      'oldest first, only about rows you may see. Keep `endPosition` and pass it as `after` next time.',
  })
  async reviewEvents(
    @Ctx() ctx: Context,
    @Arg('after', () => ID, { nullable: true, description: 'The last position you processed.' }) after?: string | null,
    @Arg('limit', () => Int, { defaultValue: 100, description: 'At most this many events (1–500).' }) limit = 100,
    @Arg('filter', () => ReviewEventFilter, { nullable: true }) filter?: ReviewEventFilter | null,
  ): Promise<ReviewEventPage> {
    const viewer = ctx.viewer;
    if (!viewer) throw new DomainError('UNAUTHENTICATED', 'Sign in to read review events.');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_POLL) {
      throw badInput(`limit must be between 1 and ${MAX_POLL}.`, 'limit');
    }
    const from = parsePosition(after);
    const spec = filterSpec(filter);
    // Everything up to the newest position has committed (positions become visible in commit order).
    const newest = await newestPosition(ctx.em);
    const found = await readEvents(ctx.em, { after: from, upTo: newest, viewer, filter: spec, limit: limit + 1 });
    const hasMore = found.length > limit;
    const page = hasMore ? found.slice(0, limit) : found;
    const last = page.at(-1);
    const end = hasMore && last ? last.seq : later(newest, from);
    return { events: page.map(toReviewEvent), endPosition: end.toString(), hasMore };
  }

  @Authorized(Permission.ReadEvents)
  @Subscription(() => ReviewEvent, {
    name: 'reviewEvents',
    description:
      'Review events as they commit, over graphql-ws on /graphql (sign in with `authorization: "Bearer <token>"` in ' +
      'the connection_init payload). With `after`, first replays every matching event after that position, then ' +
      'continues live with no gap and no duplicate; resume after a disconnect by passing the last position received.',
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const viewer = ctx.viewer;
      if (!viewer) throw new DomainError('UNAUTHENTICATED', 'Sign in to follow review events.');
      const services = ctx.services;
      if (!services) throw new Error('review events: the event feed is not running');
      const a = args as { after?: string | null; filter?: ReviewEventFilter | null };
      return new EventStream({
        feed: services.events,
        em: ctx.em.fork(),
        viewer,
        filter: filterSpec(a.filter),
        ...(a.after !== undefined && a.after !== null ? { after: parsePosition(a.after) } : {}),
        maxBuffer: services.eventsMaxBuffer,
      });
    },
  })
  reviewEventsLive(
    @Parent() event: FeedEvent,
    @Arg('after', () => ID, {
      nullable: true,
      description: 'Replay matching events after this position first; omit to start with the next new event.',
    })
    _after?: string | null,
    @Arg('filter', () => ReviewEventFilter, { nullable: true }) _filter?: ReviewEventFilter | null,
  ): ReviewEvent {
    return toReviewEvent(event);
  }
}
