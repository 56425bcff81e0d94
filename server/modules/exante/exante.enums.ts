/** Who assessed: the department itself, the finance audit, or a finance / third-party assessment. */
export enum ExAnteStage {
  SELF = 'SELF',
  FINANCE_AUDIT = 'FINANCE_AUDIT',
  THIRD_PARTY = 'THIRD_PARTY',
}

/** 建议予以支持 / 建议调整完善后予以支持 / 建议不予支持. */
export enum ExAnteConclusion {
  SUPPORT = 'SUPPORT',
  SUPPORT_AFTER_REVISION = 'SUPPORT_AFTER_REVISION',
  NOT_SUPPORT = 'NOT_SUPPORT',
}
