import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One field changed by a recorded action: its value before and after, as JSON text.' })
export class FieldChange {
  @Field({ description: 'The field, e.g. status.' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'The value before the change, as JSON; null if there was none.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'The value after the change, as JSON; null if there is none.' })
  after!: string | null;
}

@ObjectType({ description: 'One recorded change (审计记录): who did what to a record, when, and what changed.' })
export class AuditEntry {
  @Field(() => ID, { description: 'Id of the entry; entries of one record are ordered by it.' })
  id!: string;

  @Field({ description: 'The API type of the record, e.g. PerformanceTarget.' })
  subjectType!: string;

  @Field(() => ID, { description: 'Id of the record.' })
  subjectId!: string;

  @Field({ description: 'What was done, e.g. submit, approve, update.' })
  action!: string;

  @Field(() => String, { nullable: true, description: 'Login name of who did it (null for system actions).' })
  actorLogin!: string | null;

  @Field(() => [String], { description: 'The roles the actor acted in.' })
  actorRoles!: string[];

  @Field({ description: 'When it happened.' })
  at!: Date;

  @Field(() => [FieldChange], { description: 'The fields that changed, with their values before and after.' })
  changes!: FieldChange[];
}
