import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { TargetAction } from './target.machine';
import { PerformanceTarget } from './target.types';

registerEnumType(TargetAction, {
  name: 'TargetAction',
  description: 'A step of the target review (see the lifecycle in the README).',
  valuesConfig: {
    SUBMIT: { description: 'Submit a draft for review (submitPerformanceTarget).' },
    PASS: { description: 'Pass the current stage (reviewPerformanceTarget, decision PASS).' },
    RETURN: { description: 'Return to the department for revision (reviewPerformanceTarget, decision RETURN).' },
    GRADE: { description: 'Grade in the joint review (gradePerformanceTarget).' },
    REFINE: { description: 'The bureau’s refinement of a 良 target (refinePerformanceTarget).' },
    APPROVE: { description: 'Approved with the budget (the budget decision).' },
  },
});

@ObjectType({ description: 'One finding of the machine pre-check on submit (形式审核).' })
export class PrecheckFinding {
  @Field({
    description: 'What was found, e.g. DIMENSION_WITHOUT_ROW, UNIT_MISSING, WEIGHTS_NOT_100, LOW_QUANTIFICATION.',
  })
  code!: string;

  @Field({ description: 'What to do about it.' })
  message!: string;

  @Field(() => ID, { nullable: true, description: 'The row (TargetIndicator) concerned, if one.' })
  rowId?: string;
}

@ObjectType({ description: 'A submitted target with the pre-check’s warnings (they do not block the submission).' })
export class SubmitPerformanceTargetPayload {
  @Field(() => PerformanceTarget, { description: 'The target, now in DEPARTMENT_REVIEW.' })
  target!: PerformanceTarget;

  @Field(() => [PrecheckFinding], {
    description: 'Warnings, e.g. a low share of quantitative rows; also recorded in the target’s history.',
  })
  warnings!: PrecheckFinding[];
}
