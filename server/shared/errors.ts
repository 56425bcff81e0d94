/**
 * Typed domain errors. Each carries a stable code that becomes `extensions.code` in GraphQL responses;
 * the message is written for the person who has to act on it.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'LOGIN_LOCKED'
  | 'CONFLICT'
  | 'DUPLICATE'
  | 'STILL_REFERENCED'
  | 'INDICATOR_NOT_PUBLISHED'
  | 'INDICATOR_NOT_VISIBLE'
  | 'INDICATOR_IMMUTABLE'
  | 'UNIT_REQUIRED'
  | 'VALUE_NOT_NUMERIC'
  | 'DUPLICATE_INDICATOR_ROW'
  | 'TARGET_NOT_EDITABLE'
  | 'INVALID_REFERENCE'
  | 'INVALID_TRANSITION'
  | 'PRECHECK_FAILED'
  | 'BUDGET_BLOCKED'
  | 'WEBHOOK_URL_REFUSED'
  | 'IMPORT_INVALID';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (type: string, id: string | number): DomainError =>
  new DomainError('NOT_FOUND', `${type} ${id} does not exist.`, { type, id: String(id) });

export const badInput = (message: string, field?: string): DomainError =>
  new DomainError('BAD_USER_INPUT', message, field ? { field } : undefined);

export const stillReferenced = (what: string, references: Record<string, number>): DomainError => {
  const list = Object.entries(references)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  return new DomainError(
    'STILL_REFERENCED',
    `${what} is still referenced by ${list}; remove or reassign those first.`,
    { references },
  );
};
