import { GraphQLError } from 'graphql';
import { formatError, isExpectedError } from '../../server/graphql/errors';
import { DomainError } from '../../server/shared/errors';

const format = formatError();
const formatted = (message: string, code = 'INTERNAL_SERVER_ERROR') => ({
  message,
  path: ['x'],
  extensions: { code, stacktrace: ['Error: secret', '    at /srv/app.js:1:1'] },
});

describe('error mapping', () => {
  it('keeps a domain error’s code, message and details', () => {
    const err = new GraphQLError('wrapped', {
      originalError: new DomainError('DUPLICATE', 'Code 101 is taken.', { field: 'code' }),
    });
    expect(format(formatted('wrapped'), err)).toEqual({
      message: 'Code 101 is taken.',
      locations: undefined,
      path: ['x'],
      extensions: { code: 'DUPLICATE', field: 'code' },
    });
    expect(isExpectedError(err)).toBe(true);
  });

  it('answers an unexpected fault with a generic message, no stack and no SQL', () => {
    const err = new GraphQLError('relation "secret_table" does not exist', {
      originalError: new Error('relation "secret_table" does not exist'),
    });
    const out = format(formatted('relation "secret_table" does not exist'), err);
    expect(out.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(out.message).not.toContain('secret_table');
    expect(out.message).toContain('x-request-id');
    expect(isExpectedError(err)).toBe(false);
  });

  it('strips stack traces from client errors such as validation failures', () => {
    const err = new GraphQLError('Cannot query field "nope" on type "Query".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const out = format(formatted('Cannot query field "nope" on type "Query".', 'GRAPHQL_VALIDATION_FAILED'), err);
    expect(out.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });
});
