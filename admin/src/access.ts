/**
 * Which permission lets the console offer what: `canAccess({ action, resource })` answers from this table and the
 * permissions fetched at sign-in. The server stays the authority; this only hides what would be refused.
 * Actions are react-admin's (list, show, create, edit, delete, export) plus workflow ones (approve, propose...).
 */
export type AccessTable = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

export const ACCESS: AccessTable = {
  departments: {
    list: ['ReadReference'],
    show: ['ReadReference'],
    edit: ['ManageReference'],
    create: ['ManageReference'],
    delete: ['ManageReference'],
  },
  indicatorCategories: {
    list: ['ReadLibrary'],
    show: ['ReadLibrary'],
    create: ['ManageLibrary'],
    edit: ['ManageLibrary'],
    delete: ['ManageLibrary'],
  },
  indicators: {
    list: ['ReadLibrary'],
    show: ['ReadLibrary'],
    export: ['ReadLibrary'],
    // Editing a published indicator is a proposal (MODIFY change request), never a silent change.
    edit: ['ProposeIndicator', 'ManageLibrary'],
    propose: ['ProposeIndicator'],
    create: ['ManageLibrary'],
    import: ['ManageLibrary'],
    delete: ['ManageLibrary'],
  },
  indicatorChangeRequests: {
    list: ['ReadAdmission'],
    show: ['ReadAdmission'],
    create: ['ProposeIndicator'],
    edit: ['ProposeIndicator'],
    precheck: ['PrecheckProposal'],
    approve: ['ApproveAdmission'],
    return: ['ApproveAdmission'],
    reject: ['ApproveAdmission'],
  },
  projects: {
    list: ['ReadProject'],
    show: ['ReadProject'],
    create: ['WriteProject'],
    edit: ['WriteProject'],
    delete: ['WriteProject'],
  },
  performanceTargets: {
    list: ['ReadProject'],
    show: ['ReadProject'],
    create: ['WriteProject'],
    edit: ['WriteProject'],
    delete: ['WriteProject'],
    review: ['ReviewDepartment', 'ReviewInitial', 'Recheck', 'GradeTarget'],
    // The review steps themselves (submit, pass, return, grade, refine) follow the API's per-caller `allowedActions`;
    // the joint-review comment has no TargetAction, so it follows the permission (and the JOINT_REVIEW state).
    comment: ['CommentJointReview'],
  },
  users: { list: ['ManageUsers'], show: ['ManageUsers'], create: ['ManageUsers'], edit: ['ManageUsers'] },
  dashboard: { list: ['ReadAggregates'], show: ['ReadAggregates'] },
};

/** Whether these permissions allow the action on the resource; unknown resources or actions are refused. */
export function allowed(
  permissions: ReadonlySet<string>,
  resource: string,
  action: string,
  table: AccessTable = ACCESS,
): boolean {
  const needed = table[resource]?.[action];
  return !!needed && needed.some((p) => permissions.has(p));
}
