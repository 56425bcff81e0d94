/** The four budgets (四本预算). */
export enum BudgetType {
  GENERAL_PUBLIC = 'GENERAL_PUBLIC',
  GOVERNMENT_FUND = 'GOVERNMENT_FUND',
  STATE_CAPITAL = 'STATE_CAPITAL',
  SOCIAL_INSURANCE = 'SOCIAL_INSURANCE',
}

export enum FiscalDivisionLevel {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
}

/** 行政单位 / 事业单位. */
export enum DepartmentKind {
  ADMINISTRATIVE = 'ADMINISTRATIVE',
  INSTITUTION = 'INSTITUTION',
}

export enum FinanceDivisionKind {
  EXPENDITURE = 'EXPENDITURE',
  BUDGET = 'BUDGET',
  PERFORMANCE = 'PERFORMANCE',
  EVALUATION_CENTER = 'EVALUATION_CENTER',
}
