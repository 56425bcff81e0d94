import { DriverException } from '@mikro-orm/core';
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

  it('answers a database data exception a client value caused as BAD_USER_INPUT, without the statement', () => {
    const cases: [string, string][] = [
      ['22001', 'longer than its field allows'],
      ['22003', 'out of range'],
      ['22008', 'date or time is out of range'],
      ['22021', 'NUL characters'],
      ['22P05', 'unpaired UTF-16 surrogates'],
      ['54000', 'too long to be stored'],
    ];
    for (const [code, says] of cases) {
      const driver = Object.assign(new Error('insert into "secret_table" ("name") values ($1) - boom'), { code });
      const err = new GraphQLError('insert into "secret_table"', { originalError: new DriverException(driver) });
      const out = format(formatted('insert into "secret_table"'), err);
      expect({
        code: out.extensions?.code,
        reason: out.extensions?.reason,
        says: out.message.includes(says),
        leaks: /secret_table|insert/.test(out.message),
      }).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'DATABASE_REFUSED_VALUE',
        says: true,
        leaks: false,
      });
      // Still logged: reaching the database with such a value means an input check is missing.
      expect(isExpectedError(err)).toBe(false);
    }
  });

  it('a database error that is not a data exception stays an internal error', () => {
    const driver = Object.assign(new Error('relation "secret_table" does not exist'), { code: '42P01' });
    const err = new GraphQLError('x', { originalError: new DriverException(driver) });
    expect(format(formatted('x'), err).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('graphql-js giving up after 50 bad variables is BAD_USER_INPUT, not an internal error', () => {
    const err = new GraphQLError('Too many errors processing variables, error limit reached. Execution aborted.');
    const out = format({ message: err.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, err);
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(out.message).toContain('fix the ones listed');
    expect(isExpectedError(err)).toBe(true);
  });
});
