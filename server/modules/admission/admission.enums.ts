/** 入库 / 修改 / 出库. */
export enum ChangeRequestType {
  ADMIT = 'ADMIT',
  MODIFY = 'MODIFY',
  RETIRE = 'RETIRE',
}

export enum ChangeRequestStatus {
  DRAFT = 'DRAFT',
  IN_REVIEW = 'IN_REVIEW',
  RETURNED = 'RETURNED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

export enum ChangeRequestStep {
  DEPARTMENT_PRECHECK = 'DEPARTMENT_PRECHECK',
  PERFORMANCE_REVIEW = 'PERFORMANCE_REVIEW',
}

export enum ApprovalDecision {
  PASS = 'PASS',
  APPROVE = 'APPROVE',
  RETURN = 'RETURN',
  REJECT = 'REJECT',
}
