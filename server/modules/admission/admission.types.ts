import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ListResult } from '../../shared/list';
import { Comparator, Indicator, IndicatorScope, ValueType, Visibility } from '../indicator';
import { ApprovalDecision, ChangeRequestStatus, ChangeRequestStep, ChangeRequestType } from './admission.enums';

registerEnumType(ChangeRequestType, {
  name: 'ChangeRequestType',
  description: 'What a change request asks of the indicator library.',
  valuesConfig: {
    ADMIT: { description: '入库 admit a new indicator' },
    MODIFY: { description: '修改 publish a new version of an indicator' },
    RETIRE: { description: '出库 retire an indicator' },
  },
});
registerEnumType(ChangeRequestStatus, {
  name: 'ChangeRequestStatus',
  description: 'Where a change request stands.',
  valuesConfig: {
    DRAFT: { description: '草稿 draft, not yet submitted' },
    IN_REVIEW: { description: '审核中 in review' },
    RETURNED: { description: '已退回 returned to the applicant for changes' },
    APPROVED: { description: '已通过 approved: the library changed accordingly' },
    REJECTED: { description: '已驳回 rejected, e.g. as a duplicate of an existing indicator' },
  },
});
registerEnumType(ChangeRequestStep, {
  name: 'ChangeRequestStep',
  description: 'Who a request in review waits for.',
  valuesConfig: {
    DEPARTMENT_PRECHECK: { description: '部门预审 the department’s pre-check' },
    PERFORMANCE_REVIEW: { description: '预算绩效管理处审核 review by the budget performance management division' },
  },
});
registerEnumType(ApprovalDecision, {
  name: 'ApprovalDecision',
  description: 'A decision recorded on a change request.',
  valuesConfig: {
    PASS: { description: '通过 passed the department pre-check' },
    APPROVE: { description: '批准 approved by the performance division' },
    RETURN: { description: '退回 returned for changes' },
    REJECT: { description: '驳回 rejected' },
  },
});

@ObjectType({
  description:
    'The indicator definition a change request proposes (拟入库指标): the fields of a library indicator. Only the name is always present.',
})
export class IndicatorProposal {
  @Field(() => String, { nullable: true, description: 'Proposed code; usually assigned on approval.' })
  code!: string | null;

  @Field({ description: 'Proposed name (指标名称).' })
  name!: string;

  @Field(() => IndicatorScope, {
    nullable: true,
    description: 'Proposed library: common (共性), industry (行业) or department (部门).',
  })
  scope!: IndicatorScope | null;

  @Field(() => ID, { nullable: true, description: 'Id of the proposed category (指标分类).' })
  categoryId!: string | null;

  @Field(() => ID, { nullable: true, description: 'Proposed level-1 dimension (一级指标).' })
  level1NodeId!: string | null;

  @Field(() => ID, { nullable: true, description: 'Proposed level-2 dimension (二级指标).' })
  level2NodeId!: string | null;

  @Field(() => String, { nullable: true, description: 'What the indicator measures (指标解释).' })
  explanation!: string | null;

  @Field(() => String, { nullable: true, description: 'How the value is calculated (计算方法).' })
  calculationMethod!: string | null;

  @Field(() => String, { nullable: true, description: 'How points are given or deducted (评（扣）分标准).' })
  scoringRule!: string | null;

  @Field(() => Comparator, { nullable: true, description: 'Proposed comparator (计算符号).' })
  defaultComparator!: Comparator | null;

  @Field(() => String, { nullable: true, description: 'Proposed unit (计量单位).' })
  defaultUnit!: string | null;

  @Field(() => ValueType, {
    nullable: true,
    description: 'Proposed value type: quantitative (定量) or qualitative (定性).',
  })
  valueType!: ValueType | null;

  @Field(() => String, { nullable: true, description: 'Proposed reference value (参考值).' })
  referenceValue!: string | null;

  @Field(() => String, { nullable: true, description: 'Where the actual value would come from (数据来源).' })
  dataSource!: string | null;

  @Field(() => Visibility, {
    nullable: true,
    description: 'Proposed visibility: every department or only the owning one.',
  })
  visibility!: Visibility | null;
}

@ObjectType({
  description:
    'A request to admit, modify or retire a library indicator (入库 / 修改 / 出库申请): the "add to the library before use" (先入库、后使用) queue.',
})
export class IndicatorChangeRequest {
  @Field(() => ID, { description: 'Internal id.' })
  id!: number;

  @Field({ description: 'Fiscal division code (MOF_DIV_CODE).' })
  fiscalDivisionCode!: string;

  @Field(() => ChangeRequestType, { description: 'Admit (入库), modify (修改) or retire (出库).' })
  type!: ChangeRequestType;

  @Field(() => ChangeRequestStatus, { description: 'Where the request stands, from draft to approved or rejected.' })
  status!: ChangeRequestStatus;

  @Field(() => ChangeRequestStep, { nullable: true, description: 'Who a request in review waits for.' })
  step!: ChangeRequestStep | null;

  @Field({ description: 'The proposed indicator name, e.g. 智慧环卫车辆在线率.' })
  name!: string;

  /** The jsonb column as the driver returns it; the `proposal` field resolver shapes it. */
  proposalData!: Record<string, unknown> | null;

  @Field({ description: 'Why the indicator is needed (申请理由).' })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'A project that would use it (示例项目).' })
  exampleProject!: string | null;

  @Field(() => String, { nullable: true, description: 'Who applied (申请人).' })
  applicantName!: string | null;

  @Field(() => String, { nullable: true, description: 'The final decision’s comment (审核意见).' })
  decisionComment!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the applicant submitted it (提交时间); null while a draft.' })
  submittedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the final decision was made; null until then.' })
  decidedAt!: Date | null;

  @Field({ description: 'When the record was created.' })
  createdAt!: Date;

  @Field({ description: 'When the record was last changed.' })
  updatedAt!: Date;

  @Field(() => Int, { description: 'Row version for optimistic locking; send it back with workflow actions.' })
  version!: number;

  departmentId!: number;
  indicatorId!: number | null;
  resultIndicatorId!: number | null;
  duplicateOfId!: number | null;
}

@ObjectType({ description: 'One recorded decision on a change request (审核记录).' })
export class IndicatorChangeApproval {
  @Field(() => ID, { description: 'Internal id.' })
  id!: number;

  requestId!: number;

  @Field(() => ChangeRequestStep, {
    description: 'The step the decision was made at: department pre-check or performance division review.',
  })
  step!: ChangeRequestStep;

  @Field({ description: 'Who decided (审核人).' })
  actorName!: string;

  @Field(() => ApprovalDecision, { description: 'What was decided: pass, approve, return or reject.' })
  decision!: ApprovalDecision;

  @Field(() => String, { nullable: true, description: 'The written comment (审核意见).' })
  comment!: string | null;

  @Field({ description: 'When the decision was recorded (审核时间).' })
  decidedAt!: Date;
}

@ObjectType({ description: 'A page of indicator change requests.' })
export class IndicatorChangeRequestList extends ListResult(IndicatorChangeRequest) {}

@ObjectType({
  description:
    'A published library indicator like a proposed one (相似指标), with how alike their normalised names are: a likely duplicate to check before filing.',
})
export class SimilarIndicator {
  @Field(() => Indicator, { description: 'The existing indicator version.' })
  indicator!: Indicator;

  @Field(() => Float, {
    description: 'Name similarity from 0 to 1: the overlap of the character bigrams (Chinese too) of the names.',
  })
  similarity!: number;
}

@ObjectType({ description: 'A new change request and the existing indicators most like it.' })
export class ProposeIndicatorChangePayload {
  @Field(() => IndicatorChangeRequest, { description: 'The new DRAFT request.' })
  request!: IndicatorChangeRequest;

  @Field(() => [SimilarIndicator], {
    description: 'Published indicators with a similar name, best first: check them for a duplicate before submitting.',
  })
  similar!: SimilarIndicator[];
}
