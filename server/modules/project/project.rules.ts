import { DomainError } from '../../shared/errors';
import { moneyGreater } from '../../shared/money';
import { BudgetDecision } from './project.enums';

/**
 * Optimistic concurrency for edits: the caller sends the version it loaded; when the row has moved on since, the
 * update is refused instead of silently overwriting someone else's change.
 */
/** A project budget as it will be after a write, for the rules on amounts and decisions. */
export interface BudgetState {
  projectId: number;
  requested: string;
  audited: string | null;
  approved: string | null;
  decision: BudgetDecision | null;
  mergedIntoId: number | null;
}

/**
 * The rules of one year's money (pure): audited and approved never exceed the request; a MERGED decision names the
 * project that takes the money over (and only MERGED does); a REDUCED decision approves less than was requested.
 */
export function checkBudget(b: BudgetState): void {
  if (b.audited !== null && moneyGreater(b.audited, b.requested)) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `The audited amount (财政审核数) ${b.audited} may not exceed the requested amount (申报数) ${b.requested}; lower the audited amount or raise the request.`,
      { field: 'audited' },
    );
  }
  if (b.approved !== null && moneyGreater(b.approved, b.requested)) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `The approved amount (批复数) ${b.approved} may not exceed the requested amount (申报数) ${b.requested}; lower the approved amount or raise the request.`,
      { field: 'approved' },
    );
  }
  if (b.decision === BudgetDecision.MERGED && b.mergedIntoId === null) {
    throw new DomainError(
      'BAD_USER_INPUT',
      'A MERGED (整合) decision needs mergedIntoProjectId: the project that takes the money over.',
      { field: 'mergedIntoProjectId' },
    );
  }
  if (b.decision !== BudgetDecision.MERGED && b.mergedIntoId !== null) {
    throw new DomainError(
      'BAD_USER_INPUT',
      'mergedIntoProjectId is only for a MERGED (整合) decision; set decision to MERGED or leave it out.',
      { field: 'mergedIntoProjectId' },
    );
  }
  if (b.mergedIntoId !== null && b.mergedIntoId === b.projectId) {
    throw new DomainError('BAD_USER_INPUT', 'A project cannot be merged into itself; choose another project.', {
      field: 'mergedIntoProjectId',
    });
  }
  if (b.decision === BudgetDecision.REDUCED && (b.approved === null || !moneyGreater(b.requested, b.approved))) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `A REDUCED (核减) decision needs an approved amount below the requested amount ${b.requested}; set approved, or choose FULL.`,
      { field: 'approved' },
    );
  }
}
