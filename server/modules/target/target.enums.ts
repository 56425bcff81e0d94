/** 项目 / 部门整体 / a district's share of a special transfer payment. */
export enum TargetKind {
  PROJECT = 'PROJECT',
  DEPARTMENT = 'DEPARTMENT',
  TRANSFER_REGIONAL = 'TRANSFER_REGIONAL',
}

/** The states of the target review (see the lifecycle in the README). */
export enum TargetStatus {
  DRAFT = 'DRAFT',
  DEPARTMENT_REVIEW = 'DEPARTMENT_REVIEW',
  INITIAL_REVIEW = 'INITIAL_REVIEW',
  RECHECK = 'RECHECK',
  JOINT_REVIEW = 'JOINT_REVIEW',
  GRADED = 'GRADED',
  READY_FOR_BUDGET = 'READY_FOR_BUDGET',
  BLOCKED = 'BLOCKED',
  APPROVED = 'APPROVED',
}

/** 优 / 良 / 中 / 差. */
export enum Grade {
  EXCELLENT = 'EXCELLENT',
  GOOD = 'GOOD',
  FAIR = 'FAIR',
  POOR = 'POOR',
}

/** 总体 / 年度: whether a row states the whole-term or the annual target. */
export enum TargetPeriod {
  TOTAL = 'TOTAL',
  ANNUAL = 'ANNUAL',
}
