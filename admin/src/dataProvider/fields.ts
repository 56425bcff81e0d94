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
    listFields: ['id', 'code', 'name', 'scope', 'sortOrder', 'fiscalDivisionCode', 'parent { id name }'],
  },
  indicators: {
    type: 'Indicator',
    one: 'indicator',
    list: 'indicators',
    listFields: [
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
      'category { id name }',
      'ownerDepartment { id name }',
      'publishedAt',
      'updatedAt',
    ],
  },
  indicatorChangeRequests: {
    type: 'IndicatorChangeRequest',
    one: 'indicatorChangeRequest',
    list: 'indicatorChangeRequests',
    listFields: [
      'id',
      'type',
      'status',
      'step',
      'name',
      'applicantName',
      'department { id name }',
      'indicator { id code name }',
      'submittedAt',
      'decidedAt',
      'createdAt',
    ],
  },
  projects: {
    type: 'Project',
    one: 'project',
    list: 'projects',
    listFields: [
      'id',
      'code',
      'name',
      'budgetType',
      'phase',
      'attribute',
      'startYear',
      'termYears',
      'department { id name }',
      'updatedAt',
    ],
  },
  performanceTargets: {
    type: 'PerformanceTarget',
    one: 'performanceTarget',
    list: 'performanceTargets',
    listFields: [
      'id',
      'kind',
      'fiscalYear',
      'funds',
      'grade',
      { select: 'status', requires: ['ReadReviews'] },
      { select: 'reviewRound', requires: ['ReadReviews'] },
      { select: 'submittedAt', requires: ['ReadReviews'] },
      'department { id name }',
      'project { id code name }',
      'updatedAt',
    ],
  },
  users: {
    type: 'User',
    one: 'user',
    list: 'users',
    listFields: [
      'id',
      'loginName',
      'displayName',
      'roles',
      'scope',
      'active',
      { select: 'email', requires: ['ReadContactData'] },
      { select: 'phone', requires: ['ReadContactData'] },
      'department { id name }',
      'createdAt',
    ],
  },
};
