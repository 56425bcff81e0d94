/**
 * What the console selects per resource. Never "all fields": a field the signed-in role may not read fails the whole
 * list (stack.md), so restricted fields name the permission they need and are left out for roles without it.
 * Add a resource here when you add its folder under resources/.
 */
export interface GuardedField {
  /** The selection, e.g. `email` or `reviews { internalNote }`. */
  readonly select: string;
  /** The signed-in user needs at least one of these permissions (names of the API's Permission enum). */
  readonly requires: readonly string[];
}

export type FieldSpec = string | GuardedField;

export interface ResourceSpec {
  /** The GraphQL object type. */
  readonly type: string;
  /** The single-item query, `<singular>(id: ID!)`. */
  readonly one: string;
  /** The list query, `<plural>(filter, sort, offset, limit) { items totalCount }`. */
  readonly list: string;
  /** Fields of list rows. */
  readonly listFields: readonly FieldSpec[];
  /** Fields of getOne (and of create/update results); the list fields when omitted. */
  readonly oneFields?: readonly FieldSpec[];
}

const DEPARTMENT_FIELDS = [
  'id',
  'code',
  'name',
  'kind',
  'industryPilot',
  'fiscalDivisionCode',
  'parent { id code name }',
  'managingDivision { id name }',
  'createdAt',
];

const PROJECT_FIELDS = [
  'id',
  'code',
  'name',
  'budgetType',
  'phase',
  'attribute',
  'category',
  'startYear',
  'termYears',
  'department { id name }',
  'managingDivision { id name }',
  'updatedAt',
];

const TARGET_FIELDS: readonly FieldSpec[] = [
  'id',
  'kind',
  'fiscalYear',
  'funds',
  'grade',
  'quantificationRatio',
  { select: 'status', requires: ['ReadReviews'] },
  { select: 'reviewRound', requires: ['ReadReviews'] },
  { select: 'submittedAt', requires: ['ReadReviews'] },
  'department { id name }',
  'project { id code name }',
  'region { code name }',
  'updatedAt',
];

// Never a password hash: the API has no such field; contact data only for ADMIN (ReadContactData).
const USER_FIELDS: readonly FieldSpec[] = [
  'id',
  'loginName',
  'displayName',
  'roles',
  'scope',
  'active',
  'fiscalDivisionCode',
  { select: 'email', requires: ['ReadContactData'] },
  { select: 'phone', requires: ['ReadContactData'] },
  'department { id name }',
  'financeDivision { id name }',
  'createdAt',
];

/** An indicator's definition: what a MODIFY proposal changes and the review compares. */
const INDICATOR_DEFINITION = `id code name scope status version valueType defaultComparator defaultUnit visibility
  explanation calculationMethod dataSource scoringRule referenceValue
  category { id code name } level1 { id name } level2 { id name } ownerDepartment { id name }`;

const INDICATOR_FIELDS = [
  'id',
  'code',
  'name',
  'scope',
  'status',
  'version',
  'valueType',
  'defaultComparator',
  'defaultUnit',
  'visibility',
  'enabled',
  'category { id code name }',
  'level1 { id name }',
  'level2 { id name }',
  'ownerDepartment { id name }',
  'publishedAt',
  'updatedAt',
];

/** A change request as a queue row (also the catalog's "change requests" of an indicator). */
const CHANGE_REQUEST_ROW = `id type status step name applicantName submittedAt decidedAt createdAt
  department { id name } indicator { id code name version }`;

const PROPOSAL_FIELDS = `code name scope categoryId level1NodeId level2NodeId valueType defaultComparator defaultUnit
  visibility explanation calculationMethod dataSource scoringRule referenceValue
  category { id code name } level1 { id name } level2 { id name }`;

export const RESOURCES: Readonly<Record<string, ResourceSpec>> = {
  departments: {
    type: 'Department',
    one: 'department',
    list: 'departments',
    listFields: DEPARTMENT_FIELDS,
    oneFields: [...DEPARTMENT_FIELDS, 'children { id code name }', 'updatedAt'],
  },
  indicatorCategories: {
    type: 'IndicatorCategory',
    one: 'indicatorCategory',
    list: 'indicatorCategories',
    listFields: [
      'id',
      'code',
      'name',
      'scope',
      'sortOrder',
      'fiscalDivisionCode',
      'indicatorCount(status: PUBLISHED)',
      'parent { id name }',
      'ownerDepartment { id name }',
    ],
    oneFields: [
      'id',
      'code',
      'name',
      'scope',
      'sortOrder',
      'fiscalDivisionCode',
      'indicatorCount(status: PUBLISHED)',
      'parent { id code name }',
      'ownerDepartment { id name }',
      'children { id code name indicatorCount(status: PUBLISHED) }',
    ],
  },
  indicators: {
    type: 'Indicator',
    one: 'indicator',
    list: 'indicators',
    listFields: INDICATOR_FIELDS,
    oneFields: [
      ...INDICATOR_FIELDS,
      'fiscalDivisionCode',
      'explanation',
      'calculationMethod',
      'dataSource',
      'scoringRule',
      'referenceValue',
      'validFrom',
      'validTo',
      'createdAt',
      'supersedes { id version }',
      'versions { id version status name publishedAt updatedAt }',
      `changeRequests { ${CHANGE_REQUEST_ROW} }`,
    ],
  },
  indicatorChangeRequests: {
    type: 'IndicatorChangeRequest',
    one: 'indicatorChangeRequest',
    list: 'indicatorChangeRequests',
    listFields: ['version', 'updatedAt', CHANGE_REQUEST_ROW],
    oneFields: [
      'version',
      'updatedAt',
      CHANGE_REQUEST_ROW,
      'reason',
      'exampleProject',
      'decisionComment',
      `proposal { ${PROPOSAL_FIELDS} }`,
      'approvals { id step decision comment actorName decidedAt }',
      `indicator { ${INDICATOR_DEFINITION} }`,
      'resultIndicator { id code name version status }',
      'duplicateOf { id code name }',
      'similarIndicators(limit: 8) { similarity indicator { id code name scope status version defaultUnit explanation category { name } ownerDepartment { name } } }',
    ],
  },
  projects: {
    type: 'Project',
    one: 'project',
    list: 'projects',
    listFields: PROJECT_FIELDS,
    oneFields: [
      ...PROJECT_FIELDS,
      'description',
      'majorPolicy',
      'specialFund',
      'transferPayment',
      'needsExAnte',
      'functionClass { code name }',
      'parent { id code name }',
      'budgets { id fiscalYear requested approved cut decision decisionReason mergedInto { id code name } }',
      // 财政审核数 before approval: bureau reviewers and the owning department only (others would get FORBIDDEN).
      { select: 'budgets { id audited }', requires: ['ReadAuditedAmount'] },
      'createdAt',
    ],
  },
  performanceTargets: {
    type: 'PerformanceTarget',
    one: 'performanceTarget',
    list: 'performanceTargets',
    listFields: TARGET_FIELDS,
    oneFields: [
      ...TARGET_FIELDS,
      'overallGoal',
      'annualGoal',
      'measures',
      'submitToCongress',
      'approvedAt',
      'createdAt',
      'version',
      // The review steps the signed-in user may take now (the page's action bar).
      'allowedActions',
      'framework { id name }',
      'parent { id fiscalYear project { id name } }',
      'rows { id sortOrder period comparator targetValue unit weight note indicatorVersion indicator { id code name level1 { name } level2 { name } } }',
      {
        select:
          'reviews { id stage round decision feedback gradeProposal reviewedAt rowFeedback { targetIndicatorId comment } }',
        requires: ['ReadReviews'],
      },
      { select: 'reviews { id reviewerName organisationName }', requires: ['ReadReviewerIdentity'] },
      // Internal notes and scores: the bureau's reviewing roles (observers only during joint review, so not here).
      {
        select: 'reviews { id totalScore internalNote scores { criterion score passed comment } }',
        requires: ['ReviewInitial', 'Recheck', 'GradeTarget', 'DecideBudget'],
      },
    ],
  },
  users: {
    type: 'User',
    one: 'user',
    list: 'users',
    listFields: USER_FIELDS,
    oneFields: [...USER_FIELDS, 'fiscalDivision { code name }', 'updatedAt'],
  },
};
