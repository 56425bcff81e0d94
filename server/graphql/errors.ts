import type { ApolloServerPlugin } from '@apollo/server';
import {
  DriverException,
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { Context } from '../shared/context';
import { DomainError } from '../shared/errors';

const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

function flattenValidation(errors: ValidationErrorLike[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...flattenValidation(e.children ?? [], path)];
  });
}

/**
 * graphql-js stops coercing variables after 50 problems and adds this error, without a code (Apollo would call it an
 * internal error): the request is the client's, like the 50 BAD_USER_INPUT errors before it.
 */
const TOO_MANY_VARIABLE_ERRORS = /^Too many errors processing variables, error limit reached/;

/**
 * PostgreSQL's data exceptions that only a value sent by the client can cause, each with what to do about it.
 * Inputs are validated before anything is written (lengths, ranges, formats), so reaching one of these means a check
 * is missing: the write's transaction is rolled back, the client gets BAD_USER_INPUT with this message (never the
 * statement), and the error is still logged as unexpected so that the missing check gets added.
 */
const DATA_EXCEPTIONS: Record<string, string> = {
  '22001': 'A text value is longer than its field allows; shorten it.',
  '22003': 'A number is out of range; use a smaller value.',
  '22007': 'A date or time is not valid; use an ISO 8601 date-time such as "2026-03-01T08:00:00Z".',
  '22008': 'A date or time is out of range; use a date between 4713 BC and 294276 AD.',
  '22021': 'Text may not contain NUL characters (U+0000) or invalid UTF-8; remove them and send again.',
  '22P05': 'Text may not contain NUL characters (U+0000) or unpaired UTF-16 surrogates; remove them and send again.',
  '22P02': 'A value is not in the expected format (text may not contain NUL characters or unpaired UTF-16 surrogates).',
  '54000': 'A value is too long to be stored and indexed; shorten it.',
};

/** The SQLSTATE of a database error (MikroORM's DriverException or the pg driver's own error), if it is one. */
function dataException(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  const fromDatabase = error instanceof DriverException || (error as { severity?: unknown }).severity !== undefined;
  if (!fromDatabase || typeof code !== 'string') return undefined;
  return Object.hasOwn(DATA_EXCEPTIONS, code) ? code : undefined;
}

/**
 * The one place where errors become `extensions.code`: domain errors keep their code and message; input validation
 * becomes BAD_USER_INPUT with every problem listed; database constraint races become DUPLICATE / CONFLICT /
 * STILL_REFERENCED; anything else is logged with the request id and answered with a generic message, never a stack.
 */
/** The error a resolver threw, under the GraphQLError wrappers that execution adds. */
function rootCause(error: unknown): unknown {
  let e = error;
  while (e instanceof GraphQLError && e.originalError && e.originalError !== e) e = e.originalError;
  return e;
}

export function formatError() {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = rootCause(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    if (original instanceof DomainError) {
      return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
    }
    if (original instanceof ArgumentValidationError) {
      const problems = flattenValidation(original.extensions.validationErrors as unknown as ValidationErrorLike[]);
      return {
        ...base,
        message: `Invalid input: ${problems.join('; ')}`,
        extensions: { code: 'BAD_USER_INPUT', problems },
      };
    }
    if (original instanceof OptimisticLockError) {
      return {
        ...base,
        message: 'Someone else changed this record since you loaded it; reload it and try again.',
        extensions: { code: 'CONFLICT' },
      };
    }
    if (original instanceof UniqueConstraintViolationException) {
      return {
        ...base,
        message: 'A record with the same key already exists; reload and choose another code.',
        extensions: { code: 'DUPLICATE' },
      };
    }
    if (original instanceof ForeignKeyConstraintViolationException) {
      return {
        ...base,
        message: 'The change refers to a record that does not exist or is still referenced elsewhere.',
        extensions: { code: 'STILL_REFERENCED' },
      };
    }
    if (original instanceof NotNullConstraintViolationException) {
      return { ...base, message: 'A required value is missing.', extensions: { code: 'BAD_USER_INPUT' } };
    }
    const sqlState = dataException(original);
    if (sqlState) {
      // The reason tells a missing input check (a fault of ours, logged) from a refusal by our own rules.
      return {
        ...base,
        message: DATA_EXCEPTIONS[sqlState] as string,
        extensions: { code: 'BAD_USER_INPUT', reason: 'DATABASE_REFUSED_VALUE' },
      };
    }
    if (original instanceof GraphQLError && TOO_MANY_VARIABLE_ERRORS.test(original.message)) {
      return {
        ...base,
        message:
          'Too many invalid values in the variables (graphql-js stops after 50); fix the ones listed and send again.',
        extensions: { code: 'BAD_USER_INPUT' },
      };
    }
    const code = formatted.extensions?.code;
    if (original instanceof GraphQLError && typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...base, extensions };
    }
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...base, extensions };
    }
    return {
      ...base,
      message: 'Internal error; it has been logged. Quote the x-request-id response header when you report it.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** Whether an error is one of ours to report to the client as it is (not a fault to log). */
export function isExpectedError(error: unknown): boolean {
  const original = rootCause(error);
  if (
    original instanceof DomainError ||
    original instanceof ArgumentValidationError ||
    original instanceof OptimisticLockError ||
    original instanceof UniqueConstraintViolationException ||
    original instanceof ForeignKeyConstraintViolationException ||
    original instanceof NotNullConstraintViolationException
  ) {
    return true;
  }
  if (original instanceof GraphQLError && TOO_MANY_VARIABLE_ERRORS.test(original.message)) return true;
  // A database data exception (see DATA_EXCEPTIONS) is answered BAD_USER_INPUT but still logged: a check is missing.
  return original instanceof GraphQLError && original.extensions?.code !== 'INTERNAL_SERVER_ERROR';
}

/** Logs unexpected errors with the request's logger, so the log line carries the request id. */
export const errorLoggingPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue, operationName }) {
        for (const error of errors) {
          if (!isExpectedError(error.originalError ?? error)) {
            contextValue.log.error(
              { err: error.originalError ?? error, path: error.path, operationName },
              'unexpected error',
            );
          }
        }
      },
    };
  },
};
