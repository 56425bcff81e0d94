import { registerEnumType } from 'type-graphql';

/** What happened, as recorded in the review-event outbox (审核事件). */
export enum ReviewEventType {
  TARGET_SUBMITTED = 'TARGET_SUBMITTED',
  TARGET_PASSED = 'TARGET_PASSED',
  TARGET_RETURNED = 'TARGET_RETURNED',
  TARGET_COMMENTED = 'TARGET_COMMENTED',
  TARGET_GRADED = 'TARGET_GRADED',
  TARGET_REFINED = 'TARGET_REFINED',
  BUDGET_DECIDED = 'BUDGET_DECIDED',
  ADMISSION_PROPOSED = 'ADMISSION_PROPOSED',
  ADMISSION_EDITED = 'ADMISSION_EDITED',
  ADMISSION_SUBMITTED = 'ADMISSION_SUBMITTED',
  ADMISSION_PRECHECKED = 'ADMISSION_PRECHECKED',
  ADMISSION_RETURNED = 'ADMISSION_RETURNED',
  ADMISSION_APPROVED = 'ADMISSION_APPROVED',
  ADMISSION_REJECTED = 'ADMISSION_REJECTED',
  INDICATOR_PUBLISHED = 'INDICATOR_PUBLISHED',
  INDICATOR_SUPERSEDED = 'INDICATOR_SUPERSEDED',
  INDICATOR_RETIRED = 'INDICATOR_RETIRED',
}

registerEnumType(ReviewEventType, {
  name: 'ReviewEventType',
  description: 'What a review event reports.',
  valuesConfig: {
    TARGET_SUBMITTED: { description: '绩效目标已提交 a target was submitted for review' },
    TARGET_PASSED: { description: '审核通过 a review stage passed the target' },
    TARGET_RETURNED: { description: '退回修改 a review stage returned the target to its department' },
    TARGET_COMMENTED: { description: '会审意见 an observer commented in the joint review' },
    TARGET_GRADED: { description: '已定级 the joint review graded the target' },
    TARGET_REFINED: { description: '细化完善 the department refined a target graded 中 before approval' },
    BUDGET_DECIDED: {
      description: '预算安排 the budget decision was recorded (arranged, reduced, deferred, cancelled)',
    },
    ADMISSION_PROPOSED: { description: '入库申请 an indicator change request was drafted' },
    ADMISSION_EDITED: { description: 'a draft or returned change request was edited' },
    ADMISSION_SUBMITTED: { description: 'a change request was submitted' },
    ADMISSION_PRECHECKED: { description: '主管部门预审 the department pre-checked a change request' },
    ADMISSION_RETURNED: { description: 'a change request was returned for revision' },
    ADMISSION_APPROVED: { description: '审核通过 the performance division approved a change request' },
    ADMISSION_REJECTED: { description: '不予入库 a change request was rejected' },
    INDICATOR_PUBLISHED: { description: '指标发布 an indicator version was published in the library' },
    INDICATOR_SUPERSEDED: { description: 'an indicator version was replaced by a newer one' },
    INDICATOR_RETIRED: { description: '指标出库 an indicator was retired from the library' },
  },
});

/** The event type names as string literals, so writers can name them as text and still be checked. */
export type ReviewEventTypeName = `${ReviewEventType}`;
