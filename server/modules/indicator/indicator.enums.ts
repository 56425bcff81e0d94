/** Which library an indicator or category belongs to: 共性 / 分行业分领域 / 部门个性. */
export enum IndicatorScope {
  COMMON = 'COMMON',
  INDUSTRY = 'INDUSTRY',
  DEPARTMENT = 'DEPARTMENT',
}

/** 计算符号. */
export enum Comparator {
  GE = 'GE',
  GT = 'GT',
  EQ = 'EQ',
  LT = 'LT',
  LE = 'LE',
  QUALITATIVE = 'QUALITATIVE',
}

export enum ValueType {
  QUANTITATIVE = 'QUANTITATIVE',
  QUALITATIVE = 'QUALITATIVE',
}

export enum Visibility {
  PUBLIC = 'PUBLIC',
  PRIVATE = 'PRIVATE',
}

export enum IndicatorStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  SUPERSEDED = 'SUPERSEDED',
  RETIRED = 'RETIRED',
}

/** Whether a framework applies to project targets or department-wide (部门整体) targets. */
export enum FrameworkKind {
  PROJECT = 'PROJECT',
  DEPARTMENT = 'DEPARTMENT',
}
