import { ArrayMaxSize, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { PageArgs, SortInput, type SortKey } from '../../shared/list';
import { ChangeRequestStatus, ChangeRequestType } from './admission.enums';

export enum IndicatorChangeRequestSortField {
  CREATED_AT = 'CREATED_AT',
  SUBMITTED_AT = 'SUBMITTED_AT',
  DECIDED_AT = 'DECIDED_AT',
  STATUS = 'STATUS',
}
registerEnumType(IndicatorChangeRequestSortField, {
  name: 'IndicatorChangeRequestSortField',
  description: 'What a list of indicator change requests can be sorted by.',
  valuesConfig: {
    CREATED_AT: { description: 'Sort by when the request was created.' },
    SUBMITTED_AT: { description: 'Sort by when it was submitted.' },
    DECIDED_AT: { description: 'Sort by when it was decided.' },
    STATUS: { description: 'Sort by the status, alphabetically by its name.' },
  },
});
export const IndicatorChangeRequestSort = SortInput(IndicatorChangeRequestSortField, 'IndicatorChangeRequest');

@InputType({ description: 'Filter for indicator change requests; all given conditions must hold.' })
export class IndicatorChangeRequestFilter {
  @Field({ nullable: true, description: 'Only requests of this fiscal division (9-digit MOF_DIV_CODE).' })
  @Matches(/^\d{9}$/, { message: 'fiscalDivisionCode must be a 9-digit division code' })
  fiscalDivisionCode?: string;

  @Field(() => ChangeRequestType, {
    nullable: true,
    description: 'Only requests of this type: admit, modify or retire.',
  })
  type?: ChangeRequestType;

  @Field(() => ChangeRequestStatus, { nullable: true, description: 'Only requests in this status.' })
  status?: ChangeRequestStatus;

  @Field(() => [ChangeRequestStatus], { nullable: true, description: 'Only these statuses.' })
  @ArrayMaxSize(5)
  statuses?: ChangeRequestStatus[];

  @Field(() => ID, { nullable: true, description: 'Only requests of this applying department.' })
  departmentId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Only requests about this indicator version (MODIFY, RETIRE) or whose approval published it.',
  })
  indicatorId?: string;

  @Field({ nullable: true, description: 'Text contained in the proposed name, case-insensitive (Chinese too).' })
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class IndicatorChangeRequestListArgs extends PageArgs {
  @Field(() => IndicatorChangeRequestFilter, {
    nullable: true,
    description: 'Which change requests to return; all when omitted.',
  })
  @ValidateNested()
  filter?: IndicatorChangeRequestFilter;

  @Field(() => [IndicatorChangeRequestSort], {
    nullable: true,
    description: 'Default: oldest first (the order the queue is worked in).',
  })
  @ArrayMaxSize(5)
  sort?: SortKey<IndicatorChangeRequestSortField>[];
}
