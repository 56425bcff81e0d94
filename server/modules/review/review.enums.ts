/** The review stage a TargetReview belongs to. */
export enum ReviewStage {
  DEPARTMENT = 'DEPARTMENT',
  INITIAL_EXPENDITURE = 'INITIAL_EXPENDITURE',
  INITIAL_EVALUATION = 'INITIAL_EVALUATION',
  RECHECK = 'RECHECK',
  JOINT = 'JOINT',
}

export enum ReviewDecision {
  PASS = 'PASS',
  RETURN = 'RETURN',
  REJECT = 'REJECT',
}

/** Joint-review criteria: 合规性 (a veto), 相关性, 完整性, 可行性, 科学性, 适当性. */
export enum ReviewCriterion {
  COMPLIANCE = 'COMPLIANCE',
  RELEVANCE = 'RELEVANCE',
  COMPLETENESS = 'COMPLETENESS',
  FEASIBILITY = 'FEASIBILITY',
  SOUNDNESS = 'SOUNDNESS',
  APPROPRIATENESS = 'APPROPRIATENESS',
}
