/** Admission module: the queue of requests to admit, modify or retire library indicators (指标入库 / 修改 / 出库申请). */
export * from './admission.entity';
export * from './admission.enums';
export * from './admission.inputs';
export { admissionReads, indicatorChangeApprovalTable, indicatorChangeRequestTable } from './admission.reads';
export {
  IndicatorChangeRequestResolver,
  IndicatorChangeRequestsOfIndicatorResolver,
  IndicatorProposalResolver,
} from './admission.resolver';
export { ADMISSION_TRANSITIONS, AdmissionAction, allowedActions, nextState } from './admission.transitions';
export * from './admission.types';
export { admissionWorkflow } from './admission.workflow';
export * from './admission.workflow.inputs';
export { IndicatorChangeWorkflowResolver } from './admission.workflow.resolver';

import {
  IndicatorChangeRequestResolver,
  IndicatorChangeRequestsOfIndicatorResolver,
  IndicatorProposalResolver,
} from './admission.resolver';
import { IndicatorChangeWorkflowResolver } from './admission.workflow.resolver';

export const admissionResolvers = [
  IndicatorChangeRequestResolver,
  IndicatorProposalResolver,
  IndicatorChangeRequestsOfIndicatorResolver,
  IndicatorChangeWorkflowResolver,
] as const;
