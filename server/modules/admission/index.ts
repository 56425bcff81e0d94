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
export * from './admission.types';

import {
  IndicatorChangeRequestResolver,
  IndicatorChangeRequestsOfIndicatorResolver,
  IndicatorProposalResolver,
} from './admission.resolver';

export const admissionResolvers = [
  IndicatorChangeRequestResolver,
  IndicatorProposalResolver,
  IndicatorChangeRequestsOfIndicatorResolver,
] as const;
