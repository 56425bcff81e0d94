import { ChangeRequestStatus, ChangeRequestStep } from '../../server/modules/admission/admission.enums';
import { AdmissionAction, allowedActions, nextState } from '../../server/modules/admission/admission.transitions';

const { DRAFT, IN_REVIEW, RETURNED, APPROVED, REJECTED } = ChangeRequestStatus;
const { DEPARTMENT_PRECHECK, PERFORMANCE_REVIEW } = ChangeRequestStep;

describe('the admission state machine (no database)', () => {
  it('walks draft → pre-check → performance review → approved, returned or rejected', () => {
    const draft = { status: DRAFT, step: null };
    const precheck = nextState(draft, AdmissionAction.SUBMIT);
    expect(precheck).toEqual({ status: IN_REVIEW, step: DEPARTMENT_PRECHECK });
    const review = nextState(precheck, AdmissionAction.PRECHECK_PASS);
    expect(review).toEqual({ status: IN_REVIEW, step: PERFORMANCE_REVIEW });
    expect(nextState(precheck, AdmissionAction.PRECHECK_RETURN)).toEqual({ status: RETURNED, step: null });
    expect(nextState(review, AdmissionAction.APPROVE)).toEqual({ status: APPROVED, step: null });
    expect(nextState(review, AdmissionAction.REJECT)).toEqual({ status: REJECTED, step: null });
    const returned = nextState(review, AdmissionAction.RETURN);
    expect(returned).toEqual({ status: RETURNED, step: null });
    expect(nextState(returned, AdmissionAction.EDIT)).toEqual({ status: RETURNED, step: null });
    expect(nextState(returned, AdmissionAction.SUBMIT)).toEqual({ status: IN_REVIEW, step: DEPARTMENT_PRECHECK });
  });

  it('refuses an illegal step with INVALID_TRANSITION naming the state and the allowed actions', () => {
    expect(() => nextState({ status: DRAFT, step: null }, AdmissionAction.APPROVE)).toThrow(
      /DRAFT.*allowed actions: updateIndicatorChangeRequest, submitIndicatorChangeRequest/,
    );
    expect(() => nextState({ status: IN_REVIEW, step: DEPARTMENT_PRECHECK }, AdmissionAction.APPROVE)).toThrow(
      /IN_REVIEW\/DEPARTMENT_PRECHECK/,
    );
    expect(() => nextState({ status: APPROVED, step: null }, AdmissionAction.EDIT)).toThrow(/none/);
    expect(allowedActions({ status: REJECTED, step: null })).toEqual([]);
    expect(allowedActions({ status: IN_REVIEW, step: PERFORMANCE_REVIEW })).toEqual([
      'approveIndicatorChangeRequest',
      'returnIndicatorChangeRequest',
      'rejectIndicatorChangeRequest',
    ]);
  });
});
