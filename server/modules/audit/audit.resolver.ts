import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../shared/context';
import { auditReads } from './audit.reads';
import { AuditEntry } from './audit.types';

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized()
  @Query(() => [AuditEntry], {
    description:
      'The recorded changes of one record (who, when, what, before/after), oldest first; same row rules as the record.',
  })
  history(
    @Ctx() ctx: Context,
    @Arg('type', { description: 'The API type of the record, e.g. PerformanceTarget.' }) type: string,
    @Arg('id', () => ID, { description: 'Id of the record.' }) id: string,
  ) {
    return auditReads.history(ctx, type, id);
  }
}
