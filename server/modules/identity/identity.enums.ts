/** The roles of section 5 of the domain: who does what in the review. */
export enum Role {
  UNIT_PREPARER = 'UNIT_PREPARER',
  DEPARTMENT_OFFICER = 'DEPARTMENT_OFFICER',
  EXPENDITURE_REVIEWER = 'EXPENDITURE_REVIEWER',
  EVALUATION_REVIEWER = 'EVALUATION_REVIEWER',
  PERFORMANCE_ADMIN = 'PERFORMANCE_ADMIN',
  BUDGET_OFFICER = 'BUDGET_OFFICER',
  OBSERVER = 'OBSERVER',
  ANALYST = 'ANALYST',
  INTEGRATION = 'INTEGRATION',
  ADMIN = 'ADMIN',
}

/** What a user's rows are limited to. */
export enum ScopeKind {
  /** A department (and its child units): department roles. */
  DEPARTMENT = 'DEPARTMENT',
  /** The departments an expenditure division manages: expenditure reviewers. */
  FINANCE_DIVISION = 'FINANCE_DIVISION',
  /** Everything in the fiscal division: bureau roles. */
  BUREAU = 'BUREAU',
}
