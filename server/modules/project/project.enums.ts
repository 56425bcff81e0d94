/** 新增 / 延续. */
export enum ProjectAttribute {
  NEW = 'NEW',
  CONTINUING = 'CONTINUING',
}

/** Project library phase: 储备 → 已入库 → 已纳入预算 → 结束. */
export enum ProjectPhase {
  CANDIDATE = 'CANDIDATE',
  ADMITTED = 'ADMITTED',
  BUDGETED = 'BUDGETED',
  ENDED = 'ENDED',
}

/** What the budget officer decided for a project's money: 全额安排, 核减, 整合, 暂缓, 取消. */
export enum BudgetDecision {
  FULL = 'FULL',
  REDUCED = 'REDUCED',
  MERGED = 'MERGED',
  DEFERRED = 'DEFERRED',
  CANCELLED = 'CANCELLED',
}
