import { DomainError } from '../../shared/errors';
import { Permission } from '../identity';
import { ChangeRequestStatus, ChangeRequestStep } from './admission.enums';

/** What can be done to a change request; each action is one mutation. */
export enum AdmissionAction {
  EDIT = 'EDIT',
  SUBMIT = 'SUBMIT',
  PRECHECK_PASS = 'PRECHECK_PASS',
  PRECHECK_RETURN = 'PRECHECK_RETURN',
  APPROVE = 'APPROVE',
  RETURN = 'RETURN',
  REJECT = 'REJECT',
}

/** Where a request stands: its status and, while in review, its step. */
export interface AdmissionState {
  status: ChangeRequestStatus;
  step: ChangeRequestStep | null;
}

interface Transition {
  readonly to: AdmissionState;
  readonly permission: Permission;
  /** The mutation that performs the action, named in INVALID_TRANSITION messages. */
  readonly mutation: string;
}

const { DRAFT, IN_REVIEW, RETURNED, APPROVED, REJECTED } = ChangeRequestStatus;
const { DEPARTMENT_PRECHECK, PERFORMANCE_REVIEW } = ChangeRequestStep;
const at = (status: ChangeRequestStatus, step: ChangeRequestStep | null = null): AdmissionState => ({ status, step });
const key = (s: AdmissionState) => (s.step ? `${s.status}/${s.step}` : s.status);

const edit: Transition = {
  to: at(DRAFT),
  permission: Permission.ProposeIndicator,
  mutation: 'updateIndicatorChangeRequest',
};
const submit: Transition = {
  to: at(IN_REVIEW, DEPARTMENT_PRECHECK),
  permission: Permission.ProposeIndicator,
  mutation: 'submitIndicatorChangeRequest',
};

/**
 * The admission lifecycle (指标入库审核流程) as a table: (state, action) → next state and the permission it takes.
 * DRAFT/RETURNED → submit → department pre-check → performance division → approved, returned or rejected.
 */
export const ADMISSION_TRANSITIONS: Readonly<Record<string, Partial<Record<AdmissionAction, Transition>>>> = {
  [DRAFT]: { [AdmissionAction.EDIT]: edit, [AdmissionAction.SUBMIT]: submit },
  [RETURNED]: { [AdmissionAction.EDIT]: { ...edit, to: at(RETURNED) }, [AdmissionAction.SUBMIT]: submit },
  [`${IN_REVIEW}/${DEPARTMENT_PRECHECK}`]: {
    [AdmissionAction.PRECHECK_PASS]: {
      to: at(IN_REVIEW, PERFORMANCE_REVIEW),
      permission: Permission.PrecheckProposal,
      mutation: 'precheckIndicatorChangeRequest(decision: PASS)',
    },
    [AdmissionAction.PRECHECK_RETURN]: {
      to: at(RETURNED),
      permission: Permission.PrecheckProposal,
      mutation: 'precheckIndicatorChangeRequest(decision: RETURN)',
    },
  },
  [`${IN_REVIEW}/${PERFORMANCE_REVIEW}`]: {
    [AdmissionAction.APPROVE]: {
      to: at(APPROVED),
      permission: Permission.ApproveAdmission,
      mutation: 'approveIndicatorChangeRequest',
    },
    [AdmissionAction.RETURN]: {
      to: at(RETURNED),
      permission: Permission.ApproveAdmission,
      mutation: 'returnIndicatorChangeRequest',
    },
    [AdmissionAction.REJECT]: {
      to: at(REJECTED),
      permission: Permission.ApproveAdmission,
      mutation: 'rejectIndicatorChangeRequest',
    },
  },
  [APPROVED]: {},
  [REJECTED]: {},
};

/** The mutations allowed in a state, for messages and clients. */
export function allowedActions(state: AdmissionState): string[] {
  return Object.values(ADMISSION_TRANSITIONS[key(state)] ?? {}).map((t) => t.mutation);
}

/** The next state for an action, or INVALID_TRANSITION naming the current state and what is allowed in it. */
export function nextState(state: AdmissionState, action: AdmissionAction, what = 'The change request'): AdmissionState {
  const t = ADMISSION_TRANSITIONS[key(state)]?.[action];
  if (t) return t.to;
  const allowed = allowedActions(state);
  throw new DomainError(
    'INVALID_TRANSITION',
    `${what} is ${key(state)}, where ${action} is not allowed; allowed actions: ${
      allowed.length ? allowed.join(', ') : 'none (the request is closed)'
    }.`,
    { status: state.status, step: state.step, action, allowed },
  );
}
